/**
 * A progress line for long checks, redrawn in place on a terminal: how much of each side has been read,
 * then the comparison. Quick checks never show it, and neither does a pipe or a log file, where a
 * redrawn line would only be noise.
 */
import type { CheckObserver, Side } from '../check.js';

/** A check that ends sooner than this shows no progress at all. */
const QUIET_MS = 400;
const REDRAW_MS = 100;

export interface TerminalStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export class ProgressLine implements CheckObserver {
  private readonly sides = new Map<Side, { read: number; total: number; done: boolean }>();
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;
  private phase: 'reading' | 'comparing' = 'reading';
  private columnCount = 0;

  constructor(
    private readonly stream: TerminalStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** A progress line on `stream` when it is a terminal; undefined otherwise. */
  static forTerminal(stream: TerminalStream): ProgressLine | undefined {
    return stream.isTTY ? new ProgressLine(stream) : undefined;
  }

  reading(side: Side, read: number, total: number): void {
    this.sides.set(side, { read, total, done: false });
    this.draw(false);
  }

  read(side: Side): void {
    const entry = this.sides.get(side);
    if (entry) entry.done = true;
    this.draw(false);
  }

  comparing(columns: number): void {
    this.phase = 'comparing';
    this.columnCount = columns;
    this.draw(true);
  }

  compared(): void {
    this.clear();
  }

  /** Removes the line, so what is written next starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  private draw(force: boolean): void {
    const now = this.now();
    if (now - this.started < QUIET_MS || (!force && now - this.lastDraw < REDRAW_MS)) return;
    this.lastDraw = now;
    this.shown = true;
    // A terminal that does not report its width (0) gets the common 80 columns.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\x1b[K${this.text().slice(0, width)}`);
  }

  private text(): string {
    if (this.phase === 'comparing') return `driftgate: comparing ${this.columnCount} columns…`;
    const parts: string[] = [];
    let read = 0;
    let total = 0;
    for (const side of ['baseline', 'current'] as const) {
      const entry = this.sides.get(side);
      if (!entry) continue;
      const share = entry.done || entry.total === 0 ? 1 : Math.min(1, entry.read / entry.total);
      parts.push(`${side} ${Math.floor(share * 100)}%`);
      read += entry.done ? entry.total : entry.read;
      total += entry.total;
    }
    return `driftgate: reading ${parts.join(', ')} (${megabytes(read)} of ${megabytes(total)} MB)`;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}
