import { describe, expect, it } from '@jest/globals';
import { parseCli, type CliCheckCommand } from '../../src/cli/args.js';
import { InputError } from '../../src/core/errors.js';

const check = (argv: string[]) => parseCli(argv) as CliCheckCommand;

describe('parseCli', () => {
  it('reads --insufficient-data pass or fail, pass by default, and refuses anything else', () => {
    expect(check(['check', '--baseline', 'a', '--current', 'b']).settings.drift.insufficientData).toBe('pass');
    expect(check(['check', '--baseline', 'a', '--current', 'b', '--insufficient-data', 'fail']).settings.drift.insufficientData).toBe(
      'fail',
    );
    expect(() => check(['check', '--baseline', 'a', '--current', 'b', '--insufficient-data', 'error'])).toThrow(
      '--insufficient-data must be pass or fail, not "error"',
    );
  });

  it('takes several paths after --baseline and --current, as a shell glob expands them', () => {
    const command = check(['check', '--baseline', 'a.csv', 'b.csv', '--current', 'c.csv', '--format', 'json']);
    expect(command.settings.baseline).toEqual(['a.csv', 'b.csv']);
    expect(command.settings.current).toEqual(['c.csv']);
    expect(command.format).toBe('json');
  });

  it('keeps column names with commas and spaces whole, one per flag', () => {
    const command = check([
      'check',
      '--baseline',
      'a',
      '--current',
      'b',
      '--numerical',
      'unit price, EUR',
      '--categorical',
      'size "class"',
    ]);
    expect([...command.settings.drift.declaredKinds]).toEqual([
      ['unit price, EUR', 'numerical'],
      ['size "class"', 'categorical'],
    ]);
  });

  it('parses per-column methods and thresholds at the last "=" (names may contain one)', () => {
    const command = check(['check', '--baseline', 'a', '--current', 'b', '--column-method', 'x=y=psi', '--column-threshold', 'x=y=0.2']);
    expect([...command.settings.drift.columnMethods]).toEqual([['x=y', 'psi']]);
    expect([...command.settings.drift.columnThresholds]).toEqual([['x=y', 0.2]]);
  });

  it('reads every numeric option and flag', () => {
    const command = check([
      'check',
      '--baseline',
      'a',
      '--current',
      'b',
      '--threshold',
      '0.01',
      '--drift-share',
      '0.3',
      '--min-rows',
      '5',
      '--missing-share-threshold',
      '0.2',
      '--correction',
      'fdr',
      '--all-methods',
      '--exit-zero',
      '-o',
      'out.json',
    ]);
    expect(command.settings.drift).toMatchObject({
      threshold: 0.01,
      driftShare: 0.3,
      minRows: 5,
      missingShareThreshold: 0.2,
      correction: 'fdr',
      allMethods: true,
    });
    expect(command).toMatchObject({ exitZero: true, output: 'out.json', format: 'json' });
  });

  it('answers --help and --version, and help without a command', () => {
    expect(parseCli(['--help'])).toEqual({ command: 'help' });
    expect(parseCli([])).toEqual({ command: 'help' });
    expect(parseCli(['profile', '--help'])).toEqual({ command: 'help' });
    expect(parseCli(['--version'])).toEqual({ command: 'version' });
  });

  it.each([
    [['check', '--current', 'b'], /--baseline is required/],
    [['check', '--baseline', 'a', '--current', 'b', '--bogus'], /Unknown option '--bogus'/],
    [['compare', '--baseline', 'a'], /unknown command "compare"/],
    [['check', '--baseline', 'a', '--current', 'b', '--threshold', 'lots'], /--threshold must be a number >= 0 or auto, not "lots"/],
    [['check', '--baseline', 'a', '--current', 'b', '--drift-share', '1.5'], /--drift-share must be a number from 0 to 1/],
    [['check', '--baseline', 'a', '--current', 'b', '--min-rows', '2.5'], /--min-rows must be a whole number >= 1/],
    [['check', '--baseline', 'a', '--current', 'b', '--correction', 'holm'], /--correction must be none, bonferroni or fdr/],
    [
      ['check', '--baseline', 'a', '--current', 'b', '--format', 'xml'],
      /--format must be one of text, markdown, summary, json, html, prometheus, not "xml"/,
    ],
    [['check', '--baseline', 'a', '--current', 'b', '--column-method', 'psi'], /takes NAME=VALUE/],
    [['check', '--baseline', 'a', '--current', 'b', '--numerical', 'x', '--categorical', 'x'], /declared both numerical and categorical/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(InputError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
