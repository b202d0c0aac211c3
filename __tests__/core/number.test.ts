import { describe, expect, it } from '@jest/globals';
import { isNaNLiteral, parseNumberBytes, parseNumberText } from '../../src/core/number.js';
import { readDelimitedInput } from '../../src/io/csv.js';
import { seededRandom } from '../helpers/tables.js';

function digits(next: () => number, count: number): string {
  let text = '';
  for (let k = 0; k < count; k++) text += Math.floor(next() * 10);
  return text;
}

function randomLiteral(next: () => number): string {
  const sign = ['', '-', '+'][Math.floor(next() * 3)];
  // Mostly short literals (the direct path), some long ones (the fallback and its boundary).
  const maxDigits = next() < 0.7 ? 9 : 24;
  const whole = digits(next, Math.floor(next() * maxDigits));
  const fraction = next() < 0.6 ? `.${digits(next, Math.floor(next() * maxDigits))}` : '';
  const body = whole === '' && (fraction === '' || fraction === '.') ? `${whole}0${fraction}` : `${whole}${fraction}`;
  const exponentDigits = next() < 0.5 ? Math.floor(next() * 30) : Math.floor(next() * 340);
  const exponent = next() < 0.4 ? `${next() < 0.5 ? 'e' : 'E'}${['', '-', '+'][Math.floor(next() * 3)]}${exponentDigits}` : '';
  return `${sign}${body}${exponent}`;
}

const EDGE_LITERALS = [
  '0',
  '-0',
  '+0',
  '-0.0',
  '0.0',
  '.5',
  '5.',
  '-.5',
  '+3',
  '1E3',
  '2e-07',
  '1.50',
  '00000123',
  '0.1',
  '0.2',
  '0.3',
  '0.30000000000000004',
  '1e22',
  '1e23',
  '9e22',
  '12e30',
  '1e37',
  '999999999999999e22',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '900719925474099',
  '9007199254740990000',
  '123456789012345678901234567890',
  '4.9e-324',
  '2.4703282292062327e-324',
  '2.4703282292062328e-324',
  '5e-324',
  '1e-400',
  '-1e-400',
  '1.7976931348623157e308',
  '1.7976931348623158e308',
  '1.7976931348623159e308',
  '1e309',
  '2.2250738585072011e-308',
  '2.2250738585072014e-308',
  '0.000000000000000000000001',
  '1.000000000000000000000001',
  '123.456e-5',
  '1e-22',
  '1e-23',
  '3.14159265358979323846',
  '1e0',
  '1e-0',
  '1e+0',
  '0e999999999',
  '1e99999999999',
  '1e-99999999999',
  '7.038531e-26',
  '9.2233720368547758e18',
  '1' + '0'.repeat(400),
  '0.' + '0'.repeat(400) + '1',
];

/** The literals whose parse differs from Number(), with both values; expected to be empty. */
function mismatches(literals: Iterable<string>): Array<{ literal: string; got: number; want: number }> {
  const out = [];
  for (const literal of literals) {
    const got = parseNumberText(literal);
    const want = Number(literal);
    if (!Object.is(got, want)) out.push({ literal, got, want });
  }
  return out;
}

describe('parseNumberText', () => {
  it('matches Number() bit for bit on edge literals', () => {
    expect(mismatches(EDGE_LITERALS)).toEqual([]);
  });

  it('matches Number() bit for bit on many random literals', () => {
    const next = seededRandom(20240601);
    const literals = [];
    for (let k = 0; k < 100000; k++) literals.push(randomLiteral(next));
    expect(mismatches(literals)).toEqual([]);
  });

  it('matches Number() on the shortest and fixed renderings of random doubles', () => {
    const next = seededRandom(7);
    const view = new DataView(new ArrayBuffer(8));
    const literals: string[] = [];
    for (let k = 0; k < 50000; k++) {
      view.setUint32(0, Math.floor(next() * 4294967296));
      view.setUint32(4, Math.floor(next() * 4294967296));
      const value = view.getFloat64(0);
      if (!Number.isFinite(value)) continue;
      literals.push(String(value), value.toPrecision(1 + Math.floor(next() * 21)), value.toExponential(Math.floor(next() * 20)));
      const small = (next() - 0.5) * 10 ** Math.floor(next() * 30 - 15);
      literals.push(small.toFixed(Math.floor(next() * 20)), String(small), String(Math.round(small * 100) / 100));
    }
    expect(mismatches(literals)).toEqual([]);
  });

  it('accepts signed inf and infinity in any case', () => {
    for (const literal of ['inf', 'INF', '+inf', 'Infinity', '+Infinity', 'iNfInItY']) expect(parseNumberText(literal)).toBe(Infinity);
    for (const literal of ['-inf', '-Inf', '-Infinity', '-INFINITY']) expect(parseNumberText(literal)).toBe(-Infinity);
  });

  it('rejects what is outside the grammar', () => {
    const rejected = [
      '',
      '+',
      '-',
      '.',
      '+.',
      'e5',
      '.e5',
      '1e',
      '1e+',
      '1e-',
      '1..2',
      '1.2.3',
      '0x10',
      '0b1',
      ' 1',
      '1 ',
      '1_000',
      '1,5',
      'nan',
      'NaN',
      'infinit',
      'infinityy',
      'in',
      '--1',
      '+-1',
      '1e5.5',
      '١',
      '1\u00a0',
      'Infinity1',
      '12abc',
    ];
    for (const literal of rejected) expect({ literal, value: parseNumberText(literal) }).toEqual({ literal, value: NaN });
  });
});

describe('parseNumberBytes', () => {
  it('reads only the given range of a larger buffer', () => {
    const bytes = Buffer.from('xx12.5e1yy-0zz');
    expect(parseNumberBytes(bytes, 2, 8)).toBe(125);
    expect(Object.is(parseNumberBytes(bytes, 10, 12), -0)).toBe(true);
    expect(parseNumberBytes(bytes, 2, 2)).toBeNaN();
  });

  it('treats bytes beyond ASCII as not a number', () => {
    const bytes = Buffer.from('1\u00e92');
    expect(parseNumberBytes(bytes, 0, bytes.length)).toBeNaN();
  });
});

describe('isNaNLiteral', () => {
  it('recognises NaN in any case, and nothing else', () => {
    const bytes = Buffer.from('NaN nan NAN NaNs nAn N@N');
    expect(isNaNLiteral(bytes, 0, 3)).toBe(true);
    expect(isNaNLiteral(bytes, 4, 7)).toBe(true);
    expect(isNaNLiteral(bytes, 8, 11)).toBe(true);
    expect(isNaNLiteral(bytes, 12, 16)).toBe(false);
    expect(isNaNLiteral(bytes, 17, 20)).toBe(true);
    expect(isNaNLiteral(bytes, 21, 24)).toBe(false);
  });
});

/** Cells read by the CSV reader (its plain-record path, one column) whose double is not Number's. */
async function csvMismatches(texts: string[]): Promise<Array<{ text: string; got: number; want: number }>> {
  const bytes = Buffer.from(`x\n${texts.join('\n')}\n`);
  const table = await readDelimitedInput({ file: 'long.csv', delimiter: 0x2c, chunks: () => [bytes] }, {});
  const column = table.columns[0];
  if (column.storage !== 'numeric') throw new Error('column read as text');
  const out = [];
  for (let row = 0; row < texts.length; row++) {
    const want = Number(texts[row]);
    if (!Object.is(column.values[row], want)) out.push({ text: texts[row], got: column.values[row], want });
  }
  return out;
}

/** `digits` with the decimal point placed `point` digits from the left (may be outside them) and an optional sign. */
function placePoint(digits: string, point: number, sign: string): string {
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

describe('16 and 17 significant digits (Clinger’s fast path below 2^53, longDecimal above)', () => {
  const EDGES = [
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '-9007199254740991',
    '9007199254740991.5',
    '900719925474099.1',
    '90071992547409.91',
    '0.9007199254740991',
    '0.9007199254740992',
    '0.9007199254740993',
    '0.1000000000000000055511151231257827',
    '0.10000000000000001',
    '0.1000000000000000',
    '0.0000000000000000000001',
    '10000000000000000000000',
    '100000000000000000000000',
    '-0.0',
    '-0',
    '0.0000000000000000',
    '-0.0000000000000000000000',
    '2.225073858507201',
    '0.0000000000000000000002225073858507201',
    '4.940656458412465',
    '9007199254740993.0',
    '9007199254740995',
    '9007199254740997',
    '18014398509481985',
    '18014398509481987',
    '1.7976931348623157',
    '0.30000000000000004',
    '123456789012345.67',
    '0.000000900719925474099',
    '00000000000000009007199254740991',
    '1e-22',
    '1e22',
    '1e23',
    '2.4703282292062327e-324',
    '2.4703282292062328e-324',
    '2.2250738585072011e-308',
    '2.2250738585072014e-308',
    '18446744073709551615',
    '18446744073709551616',
    '18446744073709551617',
    '1844674407370955.1615',
    '12345678901234567890',
    '0.99999999999999999999',
    '9999999999999999999.9',
    '-0.00000012345678901234567',
    '184467440737095516160',
  ];

  it('matches Number() bit for bit on edge values, in parseNumberText and the CSV reader', async () => {
    expect(mismatches(EDGES)).toEqual([]);
    expect(await csvMismatches(EDGES)).toEqual([]);
  });

  it('matches Number() bit for bit on 200,000 random 16- and 17-digit decimals', async () => {
    const next = seededRandom(18);
    const texts: string[] = [];
    for (let k = 0; k < 200000; k++) {
      const length = next() < 0.5 ? 16 : 17;
      // Half of them at or below 2^53's leading digits, where the fast path applies to 16 digits.
      const lead = next() < 0.5 ? `${1 + Math.floor(next() * 8)}` : `${1 + Math.floor(next() * 9)}`;
      const body = `${lead}${digits(next, length - 1)}`;
      const point = Math.floor(next() * 40) - 20;
      texts.push(placePoint(body, point, next() < 0.3 ? '-' : ''));
    }
    expect(texts.filter((text) => text.replace(/[-.]/g, '').replace(/^0+/, '').length >= 16).length).toBe(texts.length);
    expect(mismatches(texts)).toEqual([]);
    expect(await csvMismatches(texts)).toEqual([]);
  });
});
