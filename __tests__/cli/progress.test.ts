import { describe, expect, it } from '@jest/globals';
import { ProgressLine, type TerminalStream } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): TerminalStream & { output: string } {
  return {
    isTTY,
    columns: 100,
    output: '',
    write(text: string) {
      this.output += text;
    },
  };
}

describe('ProgressLine', () => {
  it('is only made for a terminal', () => {
    expect(ProgressLine.forTerminal(terminal(false))).toBeUndefined();
    expect(ProgressLine.forTerminal(terminal(true))).toBeInstanceOf(ProgressLine);
  });

  it('stays silent for a quick check', () => {
    const stream = terminal(true);
    let now = 0;
    const progress = new ProgressLine(stream, () => now);
    progress.reading('baseline', 50, 100);
    now = 100;
    progress.comparing(3);
    progress.compared();
    progress.clear();
    expect(stream.output).toBe('');
  });

  it('redraws one line with both sides, at most every 100 ms, then clears it', () => {
    const stream = terminal(true);
    let now = 0;
    const progress = new ProgressLine(stream, () => now);
    now = 500;
    progress.reading('baseline', 25e6, 100e6);
    now = 550;
    progress.reading('current', 10e6, 50e6);
    now = 650;
    progress.reading('current', 20e6, 50e6);
    expect(stream.output.split('\r\x1b[K')).toEqual([
      '',
      'driftgate: reading baseline 25% (25 of 100 MB)',
      'driftgate: reading baseline 25%, current 40% (45 of 150 MB)',
    ]);
    progress.read('baseline');
    now = 800;
    progress.comparing(20);
    expect(stream.output.endsWith('\r\x1b[Kdriftgate: comparing 20 columns…')).toBe(true);
    progress.compared();
    expect(stream.output.endsWith('\r\x1b[K')).toBe(true);
    const length = stream.output.length;
    progress.clear();
    expect(stream.output).toHaveLength(length);
  });
});
