/** How numbers read wherever people see them: the engine's reasons and summaries, and every report. */

/** Four significant digits; scientific notation for very small or large magnitudes. */
export function formatNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/**
 * A count as people read it, `1,234,567`: the text `toLocaleString('en-US')` gives a whole number, without
 * Intl, whose first use in a process loads the locale data (12-24 ms of each CLI run, measured on Node 20).
 *
 * @example formatCount(1234567) === '1,234,567'
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count) || Object.is(count, -0)) return count.toLocaleString('en-US');
  const grouped = String(Math.abs(count)).replace(/\B(?=(\d{3})+$)/g, ',');
  return count < 0 ? `-${grouped}` : grouped;
}

/** The ending a count's noun takes in English: `${count} file${plural(count)}`. */
export function plural(count: number): string {
  return count === 1 ? '' : 's';
}

/** A share as a percentage, with more digits for small shares so 0.4% does not read as 0%. */
export function formatPercent(share: number): string {
  const digits = share > 0 && share < 0.01 ? 2 : share < 0.1 ? 1 : 0;
  return `${(share * 100).toFixed(digits)}%`;
}

/** A change with its sign, `+0.02` or `−0.13`, as people write differences. */
export function formatSigned(value: number): string {
  if (value === 0) return '±0';
  return value > 0 ? `+${formatNumber(value)}` : `−${formatNumber(-value)}`;
}
