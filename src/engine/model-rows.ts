/**
 * The labelled rows of one side: a row is labelled when its target, prediction and every class
 * probability are present. Performance, its estimate and the change point all start from them.
 */
import { columnNamed, labelsOf, numbersOf } from './model-cells.js';
import type { ModelColumns } from './model-columns.js';
import type { Table } from '../core/table.js';
import type { LabelledRows, PerformanceTask } from '../performance/rows.js';

export interface SideRows {
  rows: LabelledRows;
  /** The table row of each labelled row. */
  tableRows: number[];
}

/**
 * The rows of one side with target, prediction and every class probability present. Probabilities are
 * used on a side only when all their columns are there; a side without the target or prediction column
 * has no labelled rows.
 */
export function labelledRows(table: Table, columns: ModelColumns, task: PerformanceTask, side: 'baseline' | 'current'): SideRows {
  const target = columnNamed(table, columns.target!);
  const prediction = columnNamed(table, columns.prediction!);
  const tableRows: number[] = [];
  if (task === 'regression') {
    const yTrue: number[] = [];
    const yPred: number[] = [];
    if (target && prediction) {
      const truth = numbersOf(target, 'target', table, side);
      const predicted = numbersOf(prediction, 'prediction', table, side);
      for (let row = 0; row < table.rowCount; row++) {
        if (!Number.isFinite(truth[row]) || !Number.isFinite(predicted[row])) continue;
        yTrue.push(truth[row]);
        yPred.push(predicted[row]);
        tableRows.push(row);
      }
    }
    return { rows: { task, yTrue, yPred }, tableRows };
  }

  const probabilityColumns = [...columns.probabilities].map(([label, name]) => [label, columnNamed(table, name)] as const);
  const scores = probabilityColumns.every(([, column]) => column !== undefined)
    ? probabilityColumns.map(
        ([label, column]) => [label, numbersOf(column!, `probability (class ${JSON.stringify(label)})`, table, side)] as const,
      )
    : [];
  const yTrue: string[] = [];
  const yPred: string[] = [];
  const kept = scores.map(() => [] as number[]);
  if (target && prediction) {
    const truth = labelsOf(target);
    const predicted = labelsOf(prediction);
    for (let row = 0; row < table.rowCount; row++) {
      const label = truth(row);
      const guess = predicted(row);
      if (label === undefined || guess === undefined || scores.some(([, values]) => !Number.isFinite(values[row]))) continue;
      yTrue.push(label);
      yPred.push(guess);
      scores.forEach(([, values], index) => kept[index].push(values[row]));
      tableRows.push(row);
    }
  }
  const probabilities = scores.length > 0 ? new Map(scores.map(([label], index) => [label, kept[index]])) : undefined;
  return { rows: { task, yTrue, yPred, ...(probabilities ? { probabilities } : {}) }, tableRows };
}
