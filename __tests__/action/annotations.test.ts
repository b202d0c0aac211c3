import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { annotateDrift } from '../../src/action/annotations.js';
import { estimateOf, estimatedResult } from '../report/estimated.js';

afterEach(() => {
  jest.restoreAllMocks();
});

/** The workflow commands `annotateDrift` writes, as the runner reads them from stdout. */
function warningsOf(result: ReturnType<typeof estimatedResult>): string[] {
  const written: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((text: string) => written.push(text) > 0) as typeof process.stdout.write);
  annotateDrift(result);
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('::warning'));
}

describe('the warning annotations', () => {
  it('warn of estimated performance drift first while labels are missing', () => {
    const result = estimatedResult();
    const [first] = warningsOf(result);
    expect(first).toContain('title=Estimated performance drift%3A Accuracy::');
    expect(first).toContain(estimateOf(result).verdict!.summary);
  });

  it('say nothing of the estimate once the realized verdict decides', () => {
    const result = estimatedResult();
    const estimated = estimateOf(result);
    const decided = {
      ...result,
      model: {
        ...result.model!,
        performance: {
          ...result.model!.performance!,
          estimated: { ...estimated, verdict: { ...estimated.verdict!, replaces_realized: false } },
        },
      },
    };
    expect(warningsOf(decided).join('\n')).not.toContain('Estimated performance drift');
  });
});
