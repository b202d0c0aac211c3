/** What the code under test writes to stdout (workflow commands among it), captured until `jest.restoreAllMocks()`. */
import { jest } from '@jest/globals';

export function captureStdout(): string[] {
  const printed: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
  return printed;
}
