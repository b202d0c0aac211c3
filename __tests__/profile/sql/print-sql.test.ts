/**
 * `--print-sql` for every dialect, checked without the engines: each statement is read back by a lexer
 * written here from the dialect's documented lexical rules (quoted identifiers, string literals, comments),
 * independent of the quoting under test. A hostile column name must come back as exactly one identifier,
 * and the statement must have the same tokens as with a plain name: nothing in the name ends the quoting,
 * the statement or a comment. BigQuery, Snowflake and Spark are only ever checked this way (never run).
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PROFILE_SETTINGS } from '../../../src/core/profile.js';
import { bigQuery } from '../../../src/profile/sql/bigquery.js';
import { printStatements, SQL_DIALECTS, sqlStatements } from '../../../src/profile/sql/print-sql.js';
import { snowflake } from '../../../src/profile/sql/snowflake.js';
import { sparkSql } from '../../../src/profile/sql/spark.js';
import type { SqlColumn } from '../../../src/profile/sql/statements.js';
import { HOSTILE } from './same-rows.js';

/** How a quoted token ends and what may stand inside it. */
interface Quoting {
  readonly quote: string;
  /** `doubled`: the quote twice is one quote; `backslash`: escape sequences; `both`: either. */
  readonly escapes: 'doubled' | 'backslash' | 'both';
  /** Whether a raw line break may stand inside (BigQuery's quoted literals and identifiers: no). */
  readonly rawNewline: boolean;
}

interface Lexicon {
  readonly identifier: Quoting;
  readonly strings: readonly Quoting[];
  readonly lineComments: readonly string[];
}

/**
 * From each engine's SQL reference: PostgreSQL and DuckDB the standard's "…" with "" and '…' with ''
 * (standard_conforming_strings); ClickHouse backquotes and quotes with backslash escapes (or doubling);
 * BigQuery backquoted identifiers with the escape sequences of its string literals, no raw newline, and
 * # comments; Snowflake "…" with "", '…' with '' or backslashes, and // comments; Spark backquotes with ``
 * and '…' or "…" strings with backslash escapes.
 */
const LEXICONS: Record<string, Lexicon> = {
  postgres: {
    identifier: { quote: '"', escapes: 'doubled', rawNewline: true },
    strings: [{ quote: "'", escapes: 'doubled', rawNewline: true }],
    lineComments: ['--'],
  },
  duckdb: {
    identifier: { quote: '"', escapes: 'doubled', rawNewline: true },
    strings: [{ quote: "'", escapes: 'doubled', rawNewline: true }],
    lineComments: ['--'],
  },
  clickhouse: {
    identifier: { quote: '`', escapes: 'both', rawNewline: true },
    strings: [{ quote: "'", escapes: 'both', rawNewline: true }],
    lineComments: ['--'],
  },
  bigquery: {
    identifier: { quote: '`', escapes: 'backslash', rawNewline: false },
    strings: [
      { quote: "'", escapes: 'backslash', rawNewline: false },
      { quote: '"', escapes: 'backslash', rawNewline: false },
    ],
    lineComments: ['--', '#'],
  },
  snowflake: {
    identifier: { quote: '"', escapes: 'doubled', rawNewline: true },
    strings: [{ quote: "'", escapes: 'both', rawNewline: true }],
    lineComments: ['--', '//'],
  },
  spark: {
    identifier: { quote: '`', escapes: 'doubled', rawNewline: true },
    strings: [
      { quote: "'", escapes: 'backslash', rawNewline: true },
      { quote: '"', escapes: 'backslash', rawNewline: true },
    ],
    lineComments: ['--'],
  },
};

/** BigQuery's escape sequences (the widest list here; the others' are subsets for what is printed). */
const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '?': '?',
  '"': '"',
  "'": "'",
  '`': '`',
  '0': '\0',
};

/** The escape sequence at `text[at]` (just after the backslash): its character and its length. */
function unescape(text: string, at: number): [string, number] {
  const hex = (digits: number) => {
    const code = text.slice(at + 1, at + 1 + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(code)) throw new Error(`bad \\${text[at]} escape at ${at}`);
    return [String.fromCodePoint(parseInt(code, 16)), digits + 1] as [string, number];
  };
  const letter = text[at];
  if (letter === 'x' || letter === 'X') return hex(2);
  if (letter === 'u') return hex(4);
  if (letter === 'U') return hex(8);
  if (/^[0-7]{3}$/.test(text.slice(at, at + 3))) return [String.fromCharCode(parseInt(text.slice(at, at + 3), 8)), 3];
  if (letter in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[letter], 1];
  throw new Error(`unknown escape \\${letter} at ${at}`);
}

/** The quoted token opening at `start`: what it stands for and where it ends (just after the closing quote). */
function readQuoted(text: string, start: number, { quote, escapes, rawNewline }: Quoting): [string, number] {
  let value = '';
  for (let at = start + 1; at < text.length;) {
    const character = text[at];
    if (character === '\\' && escapes !== 'doubled') {
      const [escaped, length] = unescape(text, at + 1);
      value += escaped;
      at += 1 + length;
    } else if (character === quote) {
      if (escapes !== 'backslash' && text[at + 1] === quote) {
        value += quote;
        at += 2;
      } else return [value, at + 1];
    } else {
      if ((character === '\n' || character === '\r') && !rawNewline) throw new Error(`raw line break in a quoted token at ${at}`);
      value += character;
      at += 1;
    }
  }
  throw new Error(`unterminated ${quote} from ${start}`);
}

type Token = { kind: 'identifier' | 'string' | 'comment' | 'semicolon' | 'word' | 'symbol'; text: string; start: number };

function lex(text: string, lexicon: Lexicon): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < text.length;) {
    const rest = text.slice(at);
    const lineComment = lexicon.lineComments.find((opener) => rest.startsWith(opener));
    const string = lexicon.strings.find(({ quote }) => rest.startsWith(quote));
    if (/^\s/.test(rest)) at += 1;
    else if (lineComment || rest.startsWith('/*')) {
      const end = lineComment ? rest.indexOf('\n') + 1 || rest.length : rest.indexOf('*/') + 2;
      if (end < 2) throw new Error(`unterminated comment at ${at}`);
      tokens.push({ kind: 'comment', text: rest.slice(0, end), start: at });
      at += end;
    } else if (rest.startsWith(lexicon.identifier.quote)) {
      const [value, end] = readQuoted(text, at, lexicon.identifier);
      tokens.push({ kind: 'identifier', text: value, start: at });
      at = end;
    } else if (string) {
      const [value, end] = readQuoted(text, at, string);
      tokens.push({ kind: 'string', text: value, start: at });
      at = end;
    } else {
      const word = /^[A-Za-z0-9_.]+/.exec(rest)?.[0] ?? rest[0];
      tokens.push({ kind: word === ';' ? 'semicolon' : /^[A-Za-z0-9_.]/.test(word) ? 'word' : 'symbol', text: word, start: at });
      at += word.length;
    }
  }
  return tokens;
}

const dialectNamed = (name: string) => SQL_DIALECTS.find((dialect) => dialect.name === name)!;
const columnsNamed = (numerical: string, categorical: string): SqlColumn[] => [
  { name: numerical, storage: 'numeric' },
  { name: categorical, storage: 'text', castToText: true },
];
const settings = { ...DEFAULT_PROFILE_SETTINGS, maxDistinct: 1_000 };
/** The names the statements quote besides the columns: their own aliases, the table, PostgreSQL's "C" collation. */
const OWN_NAMES = new Set(['value', 'position', 'n', 'cells', 'orders', 'C']);

describe("--print-sql quoting, read back by each dialect's lexical rules", () => {
  it.each([
    [bigQuery.name, '`x"; DROP TABLE t; --\\`\\n\'`'],
    [snowflake.name, '"x""; DROP TABLE t; --`\n\'"'],
    [sparkSql.name, '`x"; DROP TABLE t; --``\n\'`'],
  ])('%s quotes the hostile name as its documentation says: %j', (name, quoted) => {
    expect(dialectNamed(name).quote(HOSTILE)).toBe(quoted);
    const [identifier] = lex(quoted, LEXICONS[name]);
    expect(identifier).toEqual({ kind: 'identifier', text: HOSTILE, start: 0 });
  });

  it.each(SQL_DIALECTS.map((dialect) => [dialect.name]))(
    '%s: names with quotes, backslashes and control characters come back whole, as one identifier',
    (name) => {
      const dialect = dialectNamed(name);
      for (const identifier of [
        HOSTILE,
        'back\\slash`tick"quote',
        'tab\tcarriage\rbell\x07del\x7f',
        'ünï "cödé" ` `` \\`',
        '--',
        '/* */',
        '#',
        '//',
      ]) {
        const tokens = lex(dialect.quote(identifier), LEXICONS[name]);
        expect(tokens).toEqual([{ kind: 'identifier', text: identifier, start: 0 }]);
      }
    },
  );

  it.each(SQL_DIALECTS.map((dialect) => [dialect.name]))(
    '%s: each statement is one statement whose tokens a hostile name does not change',
    (name) => {
      const dialect = dialectNamed(name);
      const hostile = sqlStatements(dialect, { table: 'orders' }, columnsNamed(HOSTILE, `${HOSTILE}2`), settings);
      const plain = sqlStatements(dialect, { table: 'orders' }, columnsNamed('x', 'c'), settings);
      expect(hostile.map(({ step }) => step)).toEqual(['scan', 'spread', 'value counts', 'order statistics', 'categories']);
      for (const [index, { sql }] of hostile.entries()) {
        const tokens = lex(sql, LEXICONS[name]);
        expect(tokens.filter(({ kind }) => kind === 'semicolon' || kind === 'comment')).toEqual([]);
        const names = new Set(tokens.filter(({ kind }) => kind === 'identifier').map(({ text }) => text));
        expect(names.has(HOSTILE) || names.has(`${HOSTILE}2`)).toBe(true);
        for (const identifier of names) expect([HOSTILE, `${HOSTILE}2`].includes(identifier) || OWN_NAMES.has(identifier)).toBe(true);
        const shape = (token: Token) =>
          token.kind === 'identifier'
            ? `identifier ${token.text === HOSTILE ? 'x' : token.text === `${HOSTILE}2` ? 'c' : token.text}`
            : `${token.kind} ${token.text}`;
        expect(tokens.map(shape)).toEqual(lex(plain[index].sql, LEXICONS[name]).map(shape));
      }
    },
  );

  it.each(SQL_DIALECTS.map((dialect) => [dialect.name]))(
    '%s: the printed text is its statements, each ended by one semicolon, comments only whole lines',
    (name) => {
      const dialect = dialectNamed(name);
      const columns = columnsNamed(HOSTILE, `${HOSTILE}2`);
      const printed = printStatements(dialect, { table: 'orders' }, columns, settings);
      const tokens = lex(printed, LEXICONS[name]);
      const statements = sqlStatements(dialect, { table: 'orders' }, columns, settings);
      expect(tokens.filter(({ kind }) => kind === 'semicolon')).toHaveLength(statements.length);
      expect(tokens.filter(({ kind }) => kind !== 'comment').at(-1)!.kind).toBe('semicolon');
      for (const comment of tokens.filter(({ kind }) => kind === 'comment'))
        expect(comment.start === 0 || printed[comment.start - 1] === '\n').toBe(true);
      expect(printed).toContain(
        name === 'postgres' || name === 'clickhouse' || name === 'duckdb'
          ? "driftgate's tests run these statements"
          : 'never run by driftgate',
      );
    },
  );

  it('wraps a --query so that its trailing semicolon or line comment cannot end the statement', () => {
    for (const query of ['SELECT * FROM orders WHERE day = 7 -- the last week', 'SELECT * FROM orders WHERE day = 7;\n']) {
      const [scan] = sqlStatements(dialectNamed('postgres'), { query }, columnsNamed('x', 'c'), settings);
      const tokens = lex(scan.sql, LEXICONS.postgres);
      expect(tokens.filter(({ kind }) => kind === 'semicolon')).toEqual([]);
      expect(tokens.slice(-3).map(({ text }) => text)).toEqual([')', 'AS', 'src']);
    }
  });

  it('prints no shift steps when no column is numerical', () => {
    const printed = printStatements(
      dialectNamed('duckdb'),
      { table: 'orders' },
      [{ name: 'c', storage: 'text', castToText: true }],
      settings,
    );
    expect(printed).not.toContain('shift');
    expect(
      sqlStatements(dialectNamed('duckdb'), { table: 'orders' }, [{ name: 'c', storage: 'text', castToText: true }], settings).map(
        ({ step }) => step,
      ),
    ).toEqual(['scan', 'categories']);
  });

  it('quotes each part of a qualified table name, the dots between them', () => {
    const [scan] = sqlStatements(bigQuery, { table: 'my-project.sales.orders' }, columnsNamed('x', 'c'), settings);
    expect(scan.sql).toMatch(/FROM `my-project`\.`sales`\.`orders` AS src$/);
  });
});
