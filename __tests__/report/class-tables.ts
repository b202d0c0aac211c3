/**
 * Fixtures and readers for the reports' class tables: classifier logs with many classes or with hostile
 * class labels, and a reader that takes a Markdown table back into cells so tests compare them with the
 * JSON report's numbers.
 */
import { compareTables } from '../../src/engine/drift.js';
import { DEFAULT_MAX_DEGRADATION, defaultDriftOptions, type ModelOptions } from '../../src/engine/options.js';
import type { ClassificationSideMetrics, DriftResult } from '../../src/engine/result.js';
import { type Cell, CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { categoryDraws, seededRandom, tableOf } from '../helpers/tables.js';

/** Twenty common classes, and five so rare they are the ones a 20-class table leaves out. */
export const COMMON_CLASSES = Array.from({ length: 20 }, (_, index) => `common-${String(index + 1).padStart(2, '0')}`);
export const RARE_CLASSES = Array.from({ length: 5 }, (_, index) => `rare-${index + 1}`);

/** A 25-class log: the label drawn by weight, the prediction right about 70 % of the time, else any class. */
function manyClassLog(rows: number, seed: number): Record<string, Cell[]> {
  const weights = Object.fromEntries([...COMMON_CLASSES.map((label) => [label, 0.049]), ...RARE_CLASSES.map((label) => [label, 0.004])]);
  const label = categoryDraws(rows, weights, seed);
  const all = [...COMMON_CLASSES, ...RARE_CLASSES];
  const uniform = seededRandom(seed + 1000);
  const prediction = label.map((truth) => (uniform() < 0.7 ? truth : all[Math.floor(uniform() * all.length)]));
  return { prediction, label };
}

export function manyClassResult(): DriftResult {
  const model: ModelOptions = { prediction: 'prediction', target: 'label', maxDegradation: DEFAULT_MAX_DEGRADATION };
  return compareTables(tableOf(manyClassLog(2000, 1)), tableOf(manyClassLog(2000, 2)), defaultDriftOptions({ model }));
}

/** `classifierLog` with its classes "yes" and "no" renamed (prediction, label and probability columns alike). */
export function relabelledResult(yes: string, no: string): DriftResult {
  const rename = (log: Record<string, Cell[]>) => {
    const name = (cell: Cell) => (cell === 'yes' ? yes : cell === 'no' ? no : cell);
    return { ...log, prediction: log.prediction.map(name), label: log.label.map(name) };
  };
  const model: ModelOptions = {
    ...CLASSIFIER,
    probabilities: {
      kind: 'columns',
      columns: new Map([
        [yes, 'proba.yes'],
        [no, 'proba.no'],
      ]),
    },
  };
  return compareTables(
    tableOf(rename(classifierLog(500, { seed: 1 }))),
    tableOf(rename(classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 }))),
    defaultDriftOptions({ model }),
  );
}

export function classMetrics(result: DriftResult, side: 'baseline' | 'current'): ClassificationSideMetrics {
  return result.model!.performance!.metrics[side] as ClassificationSideMetrics;
}

/** `confusion_matrix[true][predicted]` by label. */
export function confusionCount(side: ClassificationSideMetrics, trueLabel: string, predictedLabel: string): number {
  return side.confusion_matrix[side.labels.indexOf(trueLabel)][side.labels.indexOf(predictedLabel)];
}

/** The cells of the Markdown table that follows the line starting with `caption`, header row first. */
export function markdownTableAfter(markdown: string, caption: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(caption));
  if (start < 0) throw new Error(`no line starts with ${caption}`);
  const table: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    if (/^\|(---\|)+$/.test(line)) continue;
    // A pipe inside a cell is escaped (`\|`), so ` | ` only ever divides cells.
    table.push(line.slice(2, -2).split(' | '));
  }
  return table;
}

/** `1,234 (56%)` → 1234. */
export function countOf(cell: string): number {
  return Number(/^[\d,]+/.exec(cell)![0].replace(/,/g, ''));
}
