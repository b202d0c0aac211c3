/** `driftgate profile --print-sql DIALECT`: what it reads from the command line, and the usage errors (exit 2). */
import { describe, expect, it } from '@jest/globals';
import { parseCli } from '../../src/cli/args.js';
import type { CliProfileCommand } from '../../src/cli/profile-args.js';
import { InputError } from '../../src/core/errors.js';
import { printStatements } from '../../src/profile/sql/print-sql.js';

const profile = (argv: string[]) => parseCli(['profile', ...argv]) as CliProfileCommand;

describe('driftgate profile --print-sql', () => {
  it('takes the dialect, the table and the columns in the order given, categories cast to text; no connection, no output file', () => {
    const command = profile([
      '--print-sql',
      'snowflake',
      '--table',
      'sales.orders',
      '--numerical',
      'price, EUR',
      '--categorical',
      'region',
      '--numerical',
      'qty',
      '--max-distinct',
      '50',
    ]);
    expect(command.mode).toBe('print-sql');
    expect(command.engine).toBeUndefined();
    expect(command.output).toBeUndefined();
    expect(command.printSql!.dialect.name).toBe('snowflake');
    expect(command.printSql!.source).toEqual({ table: 'sales.orders' });
    expect(command.printSql!.columns).toEqual([
      { name: 'price, EUR', storage: 'numeric' },
      { name: 'region', storage: 'text', castToText: true },
      { name: 'qty', storage: 'numeric' },
    ]);
    expect(command.settings.maxDistinct).toBe(50);
  });

  it('prints the statements for a --query, the settings in them, ignoring DRIFTGATE_CONNECTION', () => {
    const previous = process.env.DRIFTGATE_CONNECTION;
    process.env.DRIFTGATE_CONNECTION = 'postgres://someone:pw@db.invalid/x';
    try {
      const command = profile([
        '--print-sql',
        'duckdb',
        '--query',
        "SELECT * FROM 'part-*.parquet';",
        '--numerical',
        'score',
        '--categorical',
        'label',
        '--max-categories',
        '25',
        '--rank-error',
        '0.005',
      ]);
      expect(command.engine).toBeUndefined();
      const { dialect, source, columns } = command.printSql!;
      const printed = printStatements(dialect, source, columns, command.settings);
      expect(printed).toContain("FROM (SELECT * FROM 'part-*.parquet'\n) AS src");
      expect(printed).toContain('LIMIT 25');
      expect(printed).toContain('FLOOR(0.01 * CAST("n" AS DOUBLE))');
      expect(printed).toContain('(:shift_1)');
      expect(printed).not.toContain('someone');
      // Scan, spread, value counts and order statistics of score, categories of label.
      expect(printed.match(/;\n/g)).toHaveLength(5);
    } finally {
      if (previous === undefined) delete process.env.DRIFTGATE_CONNECTION;
      else process.env.DRIFTGATE_CONNECTION = previous;
    }
  });

  it.each([
    [
      ['--print-sql', 'oracle', '--table', 't', '--numerical', 'x'],
      '--print-sql "oracle" is not one of postgres, clickhouse, duckdb, bigquery, snowflake, spark',
    ],
    [
      ['--print-sql', 'postgres', '--table', 't'],
      '--print-sql needs the columns, as no schema is read: --numerical COL and --categorical COL (repeat)',
    ],
    [['--print-sql', 'postgres', '--numerical', 'x'], '--print-sql takes either --table NAME or --query SQL'],
    [
      ['--print-sql', 'postgres', '--table', 't', '--query', 'SELECT 1', '--numerical', 'x'],
      '--print-sql takes either --table NAME or --query SQL',
    ],
    [
      ['--print-sql', 'postgres', '--table', 't', '--numerical', 'x', '--connection', 'postgres://db/x'],
      '--print-sql connects to nothing: leave out --engine and --connection',
    ],
    [
      ['--print-sql', 'postgres', '--engine', 'postgres', '--table', 't', '--numerical', 'x'],
      '--print-sql connects to nothing: leave out --engine and --connection',
    ],
    [
      ['--print-sql', 'postgres', '--table', 't', '--numerical', 'x', '-o', 'p.sql'],
      '--print-sql writes the statements to stdout; leave out --output (redirect it: > profile.sql)',
    ],
    [
      ['--print-sql', 'postgres', '--data', 'a.csv', '--numerical', 'x'],
      '--print-sql prints the statements for a table or query: leave out --data and --merge',
    ],
    [
      ['--print-sql', 'postgres', '--table', 't', '--numerical', 'x', '--na-values', 'NA'],
      '--na-values and --no-default-na-values are for files',
    ],
    [
      ['--print-sql', 'postgres', '--table', 't', '--numerical', 'x', '--categorical', 'x'],
      'column "x" is declared both numerical and categorical',
    ],
    [['--table', 't', '--numerical', 'x', '--print-sql'], "Option '--print-sql <value>' argument missing"],
  ])('refuses %j as a usage error', (argv, message) => {
    const attempt = () => profile(argv);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });
});
