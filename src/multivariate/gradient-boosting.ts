/**
 * A small histogram gradient-boosted tree classifier for two classes, in the manner of scikit-learn's
 * `HistGradientBoostingClassifier`: features binned at quantiles of the training rows, trees grown on
 * per-bin sums of the log-loss gradients and hessians, leaves set by a Newton step.
 *
 * Definition: the raw score starts at the log-odds of the positive share; each iteration computes for
 * every row g = p − y and h = p(1 − p) (p the current probability), grows a tree of at most `depth`
 * levels whose split maximizes G_L²/H_L + G_R²/H_R − G²/H (no L2 penalty, scikit-learn's default) with at
 * least `minLeafRows` rows a side, and adds `learningRate`·(−G/H) of each leaf to its rows' scores.
 * Each split's gain is credited to its feature; the totals are the model's feature importances.
 *
 * Deterministic: no randomness at all (ties between splits go to the lower feature, then the lower bin).
 *
 * Reference: G. Ke et al., "LightGBM: A Highly Efficient Gradient Boosting Decision Tree", NeurIPS 2017;
 * scikit-learn, sklearn.ensemble.HistGradientBoostingClassifier.
 */
import type { DataMatrix } from './linear-algebra.js';

export interface BoostingSettings {
  iterations: number;
  depth: number;
  learningRate: number;
  minLeafRows: number;
  /** Bins per feature at most. */
  bins: number;
}

type TreeNode = { leaf: number } | { feature: number; bin: number; left: TreeNode; right: TreeNode };

export interface BoostedTrees {
  /** Per feature, the bin edges: a value above edges[b − 1] and at most edges[b] falls in bin b. */
  readonly edges: readonly Float64Array[];
  readonly initialScore: number;
  readonly trees: readonly TreeNode[];
  /** Summed split gain per feature. */
  readonly importances: Float64Array;
}

/** Hessians below this leave too little curvature for a Newton step (scikit-learn's `min_hessian_to_split`). */
const MIN_HESSIAN = 1e-3;

export function fitBoostedTrees(matrix: DataMatrix, positive: Uint8Array, settings: BoostingSettings): BoostedTrees {
  const { rows, columns } = matrix;
  const edges = Array.from({ length: columns }, (_, feature) => binEdges(matrix, feature, settings.bins));
  const binned = binRows(matrix, edges);
  let positives = 0;
  for (const label of positive) positives += label;
  const share = Math.min(Math.max(positives / rows, 1e-12), 1 - 1e-12);
  const initialScore = Math.log(share / (1 - share));
  const scores = new Float64Array(rows).fill(initialScore);
  const gradients = new Float64Array(rows);
  const hessians = new Float64Array(rows);
  const importances = new Float64Array(columns);
  const trees: TreeNode[] = [];
  const allRows = Int32Array.from({ length: rows }, (_, i) => i);
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    for (let row = 0; row < rows; row++) {
      const probability = 1 / (1 + Math.exp(-scores[row]));
      gradients[row] = probability - positive[row];
      hessians[row] = probability * (1 - probability);
    }
    const grower = {
      binned,
      columns,
      bins: edges.map((featureEdges) => featureEdges.length + 1),
      gradients,
      hessians,
      importances,
      settings,
    };
    const tree = growNode(grower, allRows, 0);
    trees.push(tree);
    for (let row = 0; row < rows; row++) scores[row] += leafValue(tree, binned, columns, row);
  }
  return { edges, initialScore, trees, importances };
}

/** Raw scores (log-odds of the positive class) of the matrix's rows. */
export function predictScores(model: BoostedTrees, matrix: DataMatrix): Float64Array {
  const binned = binRows(matrix, model.edges);
  const scores = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let score = model.initialScore;
    for (const tree of model.trees) score += leafValue(tree, binned, matrix.columns, row);
    scores[row] = score;
  }
  return scores;
}

/** Up to `bins − 1` cut points: midpoints between distinct values when few, else values at evenly spaced quantiles. */
function binEdges(matrix: DataMatrix, feature: number, bins: number): Float64Array {
  const values = Float64Array.from({ length: matrix.rows }, (_, row) => matrix.values[row * matrix.columns + feature]).sort();
  const distinct: number[] = [];
  for (const value of values) if (distinct.length === 0 || value !== distinct[distinct.length - 1]) distinct.push(value);
  if (distinct.length <= bins) return Float64Array.from(distinct.slice(1), (value, i) => (distinct[i] + value) / 2);
  const cuts: number[] = [];
  for (let bin = 1; bin < bins; bin++) {
    const cut = values[Math.floor((bin * values.length) / bins)];
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

function binRows(matrix: DataMatrix, edges: readonly Float64Array[]): Uint16Array {
  const { rows, columns, values } = matrix;
  const binned = new Uint16Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    for (let feature = 0; feature < columns; feature++)
      binned[row * columns + feature] = binOf(edges[feature], values[row * columns + feature]);
  }
  return binned;
}

/** The number of edges below the value: binary search. */
function binOf(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Grower {
  binned: Uint16Array;
  columns: number;
  /** Bins per feature. */
  bins: number[];
  gradients: Float64Array;
  hessians: Float64Array;
  importances: Float64Array;
  settings: BoostingSettings;
}

function growNode(grower: Grower, rows: Int32Array, level: number): TreeNode {
  const { binned, columns, bins, gradients, hessians, settings } = grower;
  let gradient = 0;
  let hessian = 0;
  for (const row of rows) {
    gradient += gradients[row];
    hessian += hessians[row];
  }
  const leaf = { leaf: hessian > 0 ? (-settings.learningRate * gradient) / hessian : 0 };
  if (level >= settings.depth || rows.length < 2 * settings.minLeafRows || hessian < 2 * MIN_HESSIAN) return leaf;

  const parentScore = (gradient * gradient) / hessian;
  let best = { gain: 0, feature: -1, bin: -1 };
  for (let feature = 0; feature < columns; feature++) {
    const count = bins[feature];
    if (count < 2) continue;
    const binGradients = new Float64Array(count);
    const binHessians = new Float64Array(count);
    const binRows = new Int32Array(count);
    for (const row of rows) {
      const bin = binned[row * columns + feature];
      binGradients[bin] += gradients[row];
      binHessians[bin] += hessians[row];
      binRows[bin]++;
    }
    let leftGradient = 0;
    let leftHessian = 0;
    let leftRows = 0;
    for (let bin = 0; bin < count - 1; bin++) {
      leftGradient += binGradients[bin];
      leftHessian += binHessians[bin];
      leftRows += binRows[bin];
      const rightRows = rows.length - leftRows;
      const rightHessian = hessian - leftHessian;
      if (leftRows < settings.minLeafRows || rightRows < settings.minLeafRows) continue;
      if (leftHessian < MIN_HESSIAN || rightHessian < MIN_HESSIAN) continue;
      const rightGradient = gradient - leftGradient;
      const gain = (leftGradient * leftGradient) / leftHessian + (rightGradient * rightGradient) / rightHessian - parentScore;
      if (gain > best.gain) best = { gain, feature, bin };
    }
  }
  if (best.feature < 0) return leaf;
  grower.importances[best.feature] += best.gain;
  const goesLeft = (row: number) => binned[row * columns + best.feature] <= best.bin;
  return {
    feature: best.feature,
    bin: best.bin,
    left: growNode(grower, rows.filter(goesLeft), level + 1),
    right: growNode(
      grower,
      rows.filter((row) => !goesLeft(row)),
      level + 1,
    ),
  };
}

function leafValue(tree: TreeNode, binned: Uint16Array, columns: number, row: number): number {
  let node = tree;
  while (!('leaf' in node)) node = binned[row * columns + node.feature] <= node.bin ? node.left : node.right;
  return node.leaf;
}
