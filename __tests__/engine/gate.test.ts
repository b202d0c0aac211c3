import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { gateVerdict } from '../../src/engine/gate.js';
import { ANY_GATES, defaultDriftOptions, type Gate } from '../../src/engine/options.js';
import type { DatasetResult, ModelResult } from '../../src/engine/result.js';
import { BINARY, binaryLog, CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { tableOf } from '../helpers/tables.js';

const stable = compareTables(
  tableOf(classifierLog(400, { seed: 1 })),
  tableOf(classifierLog(400, { seed: 2 })),
  defaultDriftOptions({ model: CLASSIFIER }),
);
const dataset: DatasetResult = stable.dataset;
const model: ModelResult = stable.model!;
const every = new Set<Gate>(ANY_GATES);

/** The stable check's model section with one group's verdict replaced. */
function withGroup(group: 'prediction_drift' | 'target_drift', driftDetected: boolean): ModelResult {
  return { ...model, [group]: { status: driftDetected ? 'drift' : 'no-drift', drift_detected: driftDetected, drifted_columns: [] } };
}

function unlabelled(current: number, baseline = 400): ModelResult {
  const performance = {
    ...model.performance!,
    status: 'insufficient-data' as const,
    drift_detected: false,
    labelled_rows: { baseline, current },
    reason: `the current side has ${current} labelled rows; 30 are needed`,
  };
  return { ...model, performance };
}

describe('the gate headline', () => {
  it('passes naming every verdict judged, prediction and target apart', () => {
    expect(stable.gate.tripped).toBe(false);
    expect(stable.gate.summary).toBe('Gate passed: no data drift, prediction drift, target drift or performance drift.');
  });

  it('names target drift as target drift, as the target-drift output does, not prediction drift', () => {
    const gate = gateVerdict(dataset, withGroup('target_drift', true), every);
    expect(gate).toMatchObject({ tripped: true, tripped_by: ['prediction'], summary: 'Gate tripped: target drift.' });
  });

  it('names prediction drift alone when only the prediction drifted', () => {
    expect(gateVerdict(dataset, withGroup('prediction_drift', true), every).summary).toBe('Gate tripped: prediction drift.');
  });

  it('names exactly the verdicts that tripped, in the outputs order', () => {
    const both = {
      ...withGroup('prediction_drift', true),
      target_drift: { status: 'drift' as const, drift_detected: true, drifted_columns: ['label'] },
    };
    const drifted = { ...dataset, drift_detected: true, status: 'drift' as const };
    expect(gateVerdict(drifted, both, every).summary).toBe('Gate tripped: data drift, prediction drift and target drift.');
  });

  it('leaves out verdicts the gate is not on', () => {
    const gate = gateVerdict({ ...dataset, drift_detected: true, status: 'drift' }, model, new Set<Gate>(['performance']));
    expect(gate).toMatchObject({ tripped: false, summary: 'Gate passed: no performance drift.' });
  });

  it('says performance was not measured, never "no performance drift", when no row was labelled', () => {
    const gate = gateVerdict(dataset, unlabelled(0), every);
    expect(gate.summary).toBe(
      'Gate passed: no data drift, prediction drift or target drift; performance not measured: no labelled current rows.',
    );
    expect(gate.summary).not.toContain('no performance drift');
    expect(gateVerdict(dataset, unlabelled(0, 0), every).summary).toContain('performance not measured: no labelled rows.');
  });

  it('gives the reason when some rows were labelled but too few', () => {
    expect(gateVerdict(dataset, unlabelled(12), new Set<Gate>(['performance'])).summary).toBe(
      'Gate passed: performance not measured: the current side has 12 labelled rows; 30 are needed.',
    );
  });

  it('without model columns speaks of the data alone', () => {
    expect(gateVerdict(dataset, undefined, every).summary).toBe('Gate passed: no data drift.');
  });
});

describe('insufficient data', () => {
  it('passes the gate by default, and lists the verdict', () => {
    const gate = gateVerdict(dataset, unlabelled(0), every);
    expect(gate).toMatchObject({ tripped: false, tripped_by: [], insufficient_data: ['performance'], on_insufficient_data: 'pass' });
  });

  it('trips the gate with "fail", saying so', () => {
    const gate = gateVerdict(dataset, unlabelled(0), every, undefined, 'fail');
    expect(gate).toMatchObject({ tripped: true, tripped_by: [], insufficient_data: ['performance'], on_insufficient_data: 'fail' });
    expect(gate.summary).toBe('Gate tripped: performance not measured: no labelled current rows (insufficient-data is fail).');
  });

  it('with "fail" still passes when every gated verdict was judged', () => {
    expect(gateVerdict(dataset, model, every, undefined, 'fail')).toMatchObject({ tripped: false, insufficient_data: [] });
  });

  it('with "fail" ignores a verdict the gate is not on', () => {
    expect(gateVerdict(dataset, unlabelled(0), new Set<Gate>(['data']), undefined, 'fail').tripped).toBe(false);
  });

  it('counts a dataset where no column could be judged', () => {
    const empty: DatasetResult = { ...dataset, status: 'insufficient-data', drift_detected: false, tested_count: 0 };
    const gate = gateVerdict(empty, undefined, every, undefined, 'fail');
    expect(gate).toMatchObject({
      tripped: true,
      insufficient_data: ['data'],
      summary: 'Gate tripped: data not measured: insufficient data (insufficient-data is fail).',
    });
  });

  it('reaches the gate from the check options', () => {
    const few = compareTables(tableOf({ a: [1, 2, 3] }), tableOf({ a: [1, 2, 4] }), defaultDriftOptions({ insufficientData: 'fail' }));
    expect(few.dataset.status).toBe('insufficient-data');
    expect(few.gate.tripped).toBe(true);
    expect(compareTables(tableOf({ a: [1, 2, 3] }), tableOf({ a: [1, 2, 4] }), defaultDriftOptions()).gate.tripped).toBe(false);
  });
});

describe('gating on the estimate while labels are missing (estimated-performance)', () => {
  const baseline = tableOf(binaryLog(1000, { seed: 11, spread: 4 }));
  const unsure = tableOf(binaryLog(400, { seed: 12, spread: 0.5, labelledRows: 0 }));
  const alike = tableOf(binaryLog(400, { seed: 13, spread: 4, labelledRows: 0 }));
  const gateOf = (current: typeof unsure, gates: readonly Gate[], insufficientData: 'pass' | 'fail' = 'pass') =>
    compareTables(baseline, current, defaultDriftOptions({ model: BINARY, gateOn: new Set(gates), insufficientData })).gate;

  it('trips on an estimated fall, naming it, in place of the performance verdict that has no labels', () => {
    const gate = gateOf(unsure, ['performance', 'estimated-performance']);
    expect(gate).toMatchObject({
      tripped: true,
      tripped_by: ['estimated-performance'],
      insufficient_data: [],
      summary: 'Gate tripped: estimated performance drift.',
    });
  });

  it('passes when the estimate holds, and the estimate settles "insufficient data" under fail', () => {
    const gate = gateOf(alike, ['performance', 'estimated-performance'], 'fail');
    expect(gate).toMatchObject({
      tripped: false,
      tripped_by: [],
      insufficient_data: [],
      summary: 'Gate passed: no estimated performance drift.',
    });
  });

  it('is not consulted unless asked: the default gate passes, performance not measured', () => {
    const gate = gateOf(unsure, ['performance']);
    expect(gate).toMatchObject({
      tripped: false,
      insufficient_data: ['performance'],
      summary: 'Gate passed: performance not measured: no labelled current rows.',
    });
  });

  it('leaves the decision to the realized verdict once the labels are in', () => {
    const labelled = tableOf(binaryLog(400, { seed: 12, spread: 0.5 }));
    const gate = gateOf(labelled, ['performance', 'estimated-performance']);
    expect(gate).toMatchObject({ tripped: true, tripped_by: ['performance'], summary: 'Gate tripped: performance drift.' });
  });

  it('says the estimate was not measured where there is none to make', () => {
    const gate = gateVerdict(dataset, unlabelled(0), new Set<Gate>(['estimated-performance']));
    expect(gate).toMatchObject({ tripped: false, insufficient_data: ['estimated-performance'] });
    expect(gate.summary).toBe(
      'Gate passed: estimated performance not measured: no estimate (it needs one probability column, enough labelled baseline rows and unlabelled current rows).',
    );
  });
});
