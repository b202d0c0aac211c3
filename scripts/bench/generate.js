// The benchmark's data: a baseline/current pair shaped like a product analytics export, 14 numerical and
// 6 categorical columns, written as CSV and Parquet under .bench/data/. Every value comes from a seeded
// generator, so a size is generated once and the cache is only rebuilt when the generator changes.
import { existsSync, mkdirSync, openSync, closeSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the columns or their distributions change, so cached files are regenerated. */
export const DATA_VERSION = 1;

export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));

/** xoshiro128**: 32-bit state words only, so it stays fast without BigInt. */
function rng(seed) {
  let a = seed ^ 0x9e3779b9;
  let b = Math.imul(seed, 0x85ebca6b) ^ 0xc2b2ae35;
  let c = 0x27d4eb2f ^ (seed >>> 3);
  let d = 0x165667b1;
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result >>> 0;
  };
  // The seed words above are correlated; the first outputs are discarded until they are not.
  for (let k = 0; k < 32; k++) next();
  const uniform = () => (next() + 0.5) / 4294967296;
  let spare = NaN;
  const normal = () => {
    if (spare === spare) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const poisson = (lambda) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k++;
    return k;
  };
  return { uniform, normal, poisson };
}

function rotl(x, k) {
  return (x << k) | (x >>> (32 - k));
}

const fixed = (digits) => (value) => value.toFixed(digits);
const shortest = (value) => String(value);
const integer = (value) => String(value);

/**
 * Numerical columns. `draw(g, side)` gives one value; `side` is 0 for the baseline and 1 for the current
 * data, where some columns shift. Values are rounded as they will be written, so the CSV and the Parquet
 * file hold the same numbers.
 */
const NUMERICAL = [
  { name: 'amount', format: fixed(2), draw: (g) => 50 + 10 * g.normal() },
  { name: 'score', format: fixed(4), draw: (g, side) => g.normal() + 0.02 * side },
  { name: 'latency_ms', format: shortest, draw: (g) => 200 + 30 * g.normal() },
  { name: 'ratio', format: fixed(6), draw: (g) => g.uniform() },
  { name: 'price', format: fixed(2), draw: (g) => Math.exp(3 + 0.5 * g.normal()) },
  { name: 'revenue', format: fixed(2), draw: (g, side) => Math.exp(5 + (1 + 0.05 * side) * g.normal()) },
  { name: 'size_kb', format: shortest, draw: (g) => Math.exp(g.normal()) },
  { name: 'wait_s', format: fixed(3), draw: (g) => -30 * Math.log(g.uniform()) },
  { name: 'visits', format: integer, draw: (g) => g.poisson(4) },
  { name: 'items', format: integer, draw: (g, side) => g.poisson(12 + 0.3 * side) },
  { name: 'age', format: integer, draw: (g) => 18 + Math.floor(73 * g.uniform()) },
  { name: 'temperature', format: fixed(1), draw: (g, side) => 20 + (5 + 0.5 * side) * g.normal() },
  { name: 'balance', format: fixed(2), missing: 0.02, draw: (g) => 1000 + 300 * g.normal() },
  { name: 'delta', format: shortest, draw: (g) => (g.uniform() < 0.1 ? 0 : 1e-3 * g.normal()) },
];

/** Categorical columns: Zipf-like weights 1/rank^exponent over `count` names; the current data may tilt them. */
const CATEGORICAL = [
  { name: 'active', names: ['yes', 'no'], exponent: [1.2, 1.25] },
  { name: 'plan', names: ['free', 'basic', 'team', 'business', 'enterprise'], exponent: [1, 1] },
  { name: 'region', names: labels('region', 12), exponent: [0.8, 0.8], missing: 0.005 },
  { name: 'device', names: labels('device', 50), exponent: [1.1, 1.1] },
  { name: 'city', names: labels('city', 200), exponent: [1, 1.03] },
  { name: 'sku', names: labels('SKU-', 1000), exponent: [1.05, 1.05], missing: 0.001 },
];

function labels(prefix, count) {
  return Array.from({ length: count }, (_, k) => `${prefix}${String(k + 1).padStart(4, '0')}`);
}

export const COLUMN_KINDS = {
  numerical: NUMERICAL.map((column) => column.name),
  categorical: CATEGORICAL.map((column) => column.name),
};

function cumulativeWeights(count, exponent) {
  const weights = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) weights[k] = total += 1 / Math.pow(k + 1, exponent);
  for (let k = 0; k < count; k++) weights[k] /= total;
  return weights;
}

function pick(cumulative, u) {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One side's columns: numbers as the values their text parses to (NaN missing), categories as codes (-1 missing). */
function generateSide(rows, side) {
  const numbers = NUMERICAL.map((column, index) => {
    const g = rng(1000 * (side + 1) + index);
    const values = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      const value = column.draw(g, side);
      values[row] = column.missing && g.uniform() < column.missing ? NaN : Number(column.format(value));
    }
    return values;
  });
  const categories = CATEGORICAL.map((column, index) => {
    const g = rng(5000 * (side + 1) + index);
    const cumulative = cumulativeWeights(column.names.length, column.exponent[side]);
    const codes = new Int32Array(rows);
    for (let row = 0; row < rows; row++) {
      const code = pick(cumulative, g.uniform());
      codes[row] = column.missing && g.uniform() < column.missing ? -1 : code;
    }
    return codes;
  });
  return { rows, numbers, categories };
}

const ROWS_PER_WRITE = 20000;

function writeCsv(path, data) {
  const header = [...NUMERICAL, ...CATEGORICAL].map((column) => column.name).join(',');
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${header}\n`);
    for (let start = 0; start < data.rows; start += ROWS_PER_WRITE) {
      const lines = [];
      for (let row = start; row < Math.min(data.rows, start + ROWS_PER_WRITE); row++) {
        const cells = NUMERICAL.map((column, index) => {
          const value = data.numbers[index][row];
          return value === value ? column.format(value) : '';
        });
        CATEGORICAL.forEach((column, index) => {
          const code = data.categories[index][row];
          cells.push(code < 0 ? '' : column.names[code]);
        });
        lines.push(cells.join(','));
      }
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

async function writeParquet(path, data) {
  const { parquetWriteFile } = await import('hyparquet-writer');
  const columnData = [
    ...NUMERICAL.map((column, index) => {
      const values = data.numbers[index];
      if (column.format === integer) return { name: column.name, type: 'INT32', data: Int32Array.from(values) };
      return { name: column.name, type: 'DOUBLE', data: Array.from(values, (value) => (value === value ? value : null)) };
    }),
    ...CATEGORICAL.map((column, index) => ({
      name: column.name,
      type: 'STRING',
      data: Array.from(data.categories[index], (code) => (code < 0 ? null : column.names[code])),
    })),
  ];
  await parquetWriteFile({ filename: path, columnData });
}

/** The directory holding `baseline.csv`, `current.csv` (and `.parquet`) with `rows` rows each; made when missing. */
export async function ensureData(rows, { parquet = false, log = () => {} } = {}) {
  const directory = join(BENCH_DIR, `data-v${DATA_VERSION}`, String(rows));
  const wanted = ['baseline.csv', 'current.csv', ...(parquet ? ['baseline.parquet', 'current.parquet'] : [])];
  if (wanted.every((name) => existsSync(join(directory, name)))) return directory;
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'kinds.json'), `${JSON.stringify(COLUMN_KINDS)}\n`);
  for (const [side, name] of [
    [0, 'baseline'],
    [1, 'current'],
  ]) {
    const missing = wanted.filter((file) => file.startsWith(name) && !existsSync(join(directory, file)));
    if (missing.length === 0) continue;
    log(`generating ${rows} ${name} rows (${missing.join(', ')})`);
    const data = generateSide(rows, side);
    for (const file of missing) {
      // Written under a temporary name so an interrupted run never leaves a truncated file in the cache.
      const partial = join(directory, `${file}.partial`);
      rmSync(partial, { force: true });
      if (file.endsWith('.csv')) writeCsv(partial, data);
      else await writeParquet(partial, data);
      renameSync(partial, join(directory, file));
    }
  }
  return directory;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  for (const rows of sizes.length > 0 ? sizes : [500000]) {
    console.log(await ensureData(rows, { parquet: true, log: (line) => console.log(line) }));
  }
}
