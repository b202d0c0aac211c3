import type { Test } from '@jest/test-result';

export default class SlowestFirst {
  constructor(options: object);
  sort(tests: Test[]): Test[];
}
