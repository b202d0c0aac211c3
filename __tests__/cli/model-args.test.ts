import { describe, expect, it } from '@jest/globals';
import { parseCli, type CliCheckCommand } from '../../src/cli/args.js';
import { InputError } from '../../src/core/errors.js';
import { parseGateOn, parseModelOptions, parseProbabilityColumns } from '../../src/options/model-values.js';

const check = (argv: string[]) => parseCli(['check', '--baseline', 'a.jsonl', '--current', 'b.jsonl', ...argv]) as CliCheckCommand;

describe('the model flags', () => {
  it('read into the model options, with the documented defaults', () => {
    const { drift } = check(['--prediction', 'pred', '--target', 'label']).settings;
    expect(drift.model).toEqual({ prediction: 'pred', target: 'label', maxDegradation: { kind: 'relative', share: 0.05 } });
    expect([...drift.gateOn]).toEqual(['data', 'prediction', 'performance', 'multivariate']);
    expect(check([]).settings.drift.model).toBeUndefined();
  });

  it('read every option', () => {
    const { drift } = check([
      '--prediction',
      'pred',
      '--target',
      'label',
      '--probability',
      'churn=p.churn',
      '--probability',
      'stay=p=stay',
      '--order',
      'ts',
      '--performance-metric',
      'roc_auc',
      '--max-degradation',
      '0.02',
      '--gate-on',
      'performance',
      '--gate-on',
      'prediction',
    ]).settings;
    expect(drift.model).toEqual({
      prediction: 'pred',
      target: 'label',
      probabilities: {
        kind: 'columns',
        columns: new Map([
          ['churn', 'p.churn'],
          ['stay', 'p=stay'],
        ]),
      },
      order: 'ts',
      performanceMetric: 'roc_auc',
      maxDegradation: { kind: 'absolute', amount: 0.02 },
    });
    expect([...drift.gateOn]).toEqual(['performance', 'prediction']);
  });

  it('take class scores by prefix', () => {
    expect(check(['--prediction', 'pred', '--probability', 'probability.*']).settings.drift.model?.probabilities).toEqual({
      kind: 'prefix',
      prefix: 'probability.',
    });
  });

  it("take one bare column as the positive class's probability, with its label", () => {
    const { model } = check(['--prediction', 'pred', '--target', 'label', '--probability', 'proba', '--positive-label', 'churn']).settings
      .drift;
    expect(model).toMatchObject({ probabilities: { kind: 'positive', column: 'proba' }, positiveLabel: 'churn' });
    const unlabelled = check(['--prediction', 'pred', '--probability', 'proba']).settings.drift.model;
    expect(unlabelled?.probabilities).toEqual({ kind: 'positive', column: 'proba' });
    expect(unlabelled).not.toHaveProperty('positiveLabel');
    expect(check(['--prediction', 'pred', '--probability', '1=proba']).settings.drift.model?.probabilities).toEqual({
      kind: 'columns',
      columns: new Map([['1', 'proba']]),
    });
  });

  it('takes a segment column, and gates on segments only when asked', () => {
    const segmented = check(['--segment', 'region']).settings.drift;
    expect(segmented.segment).toBe('region');
    expect([...segmented.gateOn]).toEqual(['data', 'prediction', 'performance', 'multivariate']);
    expect([...check(['--segment', 'region', '--gate-on', 'segment', '--gate-on', 'any']).settings.drift.gateOn].sort()).toEqual([
      'data',
      'multivariate',
      'performance',
      'prediction',
      'segment',
    ]);
  });

  it('gate on the estimate without labels only when asked, with one probability column', () => {
    const oneColumn = ['--prediction', 'pred', '--target', 'label', '--probability', 'proba', '--positive-label', 'churn'];
    expect([...check(oneColumn).settings.drift.gateOn]).not.toContain('estimated-performance');
    expect([...check([...oneColumn, '--gate-on', 'any', '--gate-on', 'estimated-performance']).settings.drift.gateOn]).toEqual([
      'data',
      'prediction',
      'performance',
      'multivariate',
      'estimated-performance',
    ]);
  });

  it.each([
    [['--order', 'ts'], /--order is about the model's performance: it needs both --prediction and --target/],
    [['--prediction', 'p', '--max-degradation', '5%'], /--max-degradation is about the model's performance/],
    [['--target', 't', '--probability', 'a=b'], /--probability needs --prediction/],
    [
      ['--prediction', 'p', '--target', 't', '--performance-metric', 'auc'],
      /--performance-metric must be one of accuracy, .*, r2, not "auc"/,
    ],
    [
      ['--prediction', 'p', '--target', 't', '--max-degradation', 'a lot'],
      /--max-degradation must be a number >= 0 \(absolute\) or a percentage such as 5%/,
    ],
    [['--prediction', 'p', '--probability', 'churn='], /--probability takes CLASS=COLUMN \(one per class\), PREFIX\* .* or one COLUMN/],
    [['--prediction', 'p', '--probability', 'a=x', '--probability', 'a=y'], /--probability names class "a" twice/],
    [
      ['--prediction', 'p', '--probability', 'p.*', '--probability', 'a=y'],
      /--probability takes one PREFIX\* entry, one COLUMN \(the positive class's probability\) or CLASS=COLUMN entries, not a mix/,
    ],
    [['--prediction', 'p', '--probability', 'x', '--probability', 'y'], /not a mix or several of the first two/],
    [
      ['--prediction', 'p', '--positive-label', 'churn'],
      /--positive-label is the class whose probability one --probability column holds: name that column too/,
    ],
    [
      ['--gate-on', 'everything'],
      /--gate-on takes data, prediction, performance, estimated-performance, multivariate, segment or any, not "everything"/,
    ],
    [
      ['--prediction', 'p', '--target', 't', '--gate-on', 'estimated-performance'],
      /--gate-on estimated-performance needs the prediction and target columns and one probability column \(the positive class's\)/,
    ],
    [
      ['--prediction', 'p', '--target', 't', '--probability', 'p.*', '--gate-on', 'estimated-performance'],
      /--gate-on estimated-performance needs .* one probability column/,
    ],
    [
      ['--prediction', 'p', '--probability', 'proba', '--gate-on', 'estimated-performance'],
      /--gate-on estimated-performance needs the prediction and target columns/,
    ],
    [['--gate-on', 'segment'], /--gate-on segment needs a segment column/],
    [['--gate-on', 'performance'], /--gate-on performance needs both the prediction and the target column/],
    [['--prediction', 'p', '--gate-on', 'performance'], /--gate-on performance needs both/],
    [['--gate-on', 'prediction'], /--gate-on prediction needs the prediction or target column/],
  ])('refuse %j', (argv, message) => {
    expect(() => check(argv)).toThrow(InputError);
    expect(() => check(argv)).toThrow(message);
  });
});

describe('the shared parsers, as the action calls them', () => {
  const names = {
    prediction: 'prediction-column',
    target: 'target-column',
    probabilities: 'probability-columns',
    positiveLabel: 'positive-label',
    order: 'order-column',
    performanceMetric: 'performance-metric',
    maxDegradation: 'max-degradation',
  };

  it('treat empty inputs as not given', () => {
    expect(
      parseModelOptions(
        { prediction: '', target: '', probabilities: [], positiveLabel: '', order: '', performanceMetric: '', maxDegradation: '' },
        names,
      ),
    ).toBeUndefined();
    expect(parseModelOptions({ prediction: 'p', probabilities: ['proba'], positiveLabel: '' }, names)).not.toHaveProperty('positiveLabel');
  });

  it('name the input in their messages', () => {
    expect(() => parseModelOptions({ prediction: 'p', target: 't', probabilities: [], maxDegradation: '-1' }, names)).toThrow(
      /^max-degradation must be/,
    );
    expect(() => parseProbabilityColumns(['=x'], 'probability-columns')).toThrow(/^probability-columns takes CLASS=COLUMN/);
    expect(() => parseModelOptions({ prediction: 'p', probabilities: [], positiveLabel: 'yes' }, names)).toThrow(
      /^positive-label is the class whose probability one probability-columns column holds/,
    );
  });

  it('accept "any" alone or with others, and comma-separated gates', () => {
    expect([...parseGateOn(['any'], 'gate-on', undefined)]).toEqual(['data', 'prediction', 'performance', 'multivariate']);
    expect([...parseGateOn(['data, any'], 'gate-on', undefined)]).toEqual(['data', 'prediction', 'performance', 'multivariate']);
    expect([...parseGateOn(['data'], 'gate-on', undefined)]).toEqual(['data']);
    expect([...parseGateOn([], 'gate-on', undefined)]).toEqual(['data', 'prediction', 'performance', 'multivariate']);
  });
});
