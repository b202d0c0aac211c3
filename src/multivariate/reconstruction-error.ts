/**
 * Data reconstruction error (NannyML's multivariate drift method): how badly the baseline's principal
 * components rebuild the current rows.
 *
 * Definition: on the prepared features (`feature-matrix.ts`), fit PCA on the baseline keeping 65% of the
 * variance; a row's reconstruction error is the Euclidean distance between the row and its
 * reconstruction from those components. A change in how the features vary together moves current rows
 * off the baseline's principal subspace and raises their mean error, even when every column alone is
 * unchanged.
 *
 * Threshold: NannyML splits the reference into chunks, scores them with the PCA fitted to the whole
 * reference, and alerts when a chunk's mean error leaves mean ± 3 standard deviations of the reference
 * chunks' means. Rows a PCA was fitted on reconstruct better than new rows, most of all when components
 * explain nearly equal variance and the fit keeps whichever the sample favours, so in-sample chunks set
 * the band too low: unchanged data alarmed in 13% of seeded trials that way. (Scoring each chunk by the
 * PCA of the other chunks errs the other way: a chunk is short of variance exactly where the rest has
 * excess, which is where that PCA looks.) So here, after a seeded shuffle, half of the baseline fits the
 * PCA and the other half, cut into 10 chunks (NannyML's default count), sets the band; the current rows
 * are scored by the same PCA, so chunks and current rows are equally new to it.
 *
 * The current data is judged as one chunk, usually of another size than the reference chunks, and the
 * band must also cover the uncertainty of its centre, so its half-width is
 * 3·sd·√(chunk rows / current rows + 1/10): the mean of n independent rows varies as 1/√n, and the centre
 * is the mean of 10 chunks. With the current data one chunk in size that is NannyML's band widened by
 * √1.1, the share of its variance the centre adds.
 *
 * False alarms: under no drift (independent rows) the current mean leaves the band as often as |t₉|
 * exceeds 3·√(9/10) (the band uses the population standard deviation of 10 chunk means), in 1.9% of
 * checks; `RECONSTRUCTION_FALSE_ALARM_RATE` rounds that up.
 *
 * Needs rows: it fits on the baseline's rows and errors are per row, so a summary profile cannot feed it.
 *
 * Reference: NannyML, "Data Reconstruction with PCA",
 * https://nannyml.readthedocs.io/en/stable/how_it_works/multivariate_drift.html
 */
import { seededRandom } from '../performance/random.js';
import { columnMeans, type DataMatrix } from './linear-algebra.js';
import { selectRows, shuffledIndices } from './random-rows.js';
import { fitPca, projectRows, reconstructRows, type PcaModel } from './pca.js';

export const RECONSTRUCTION_VARIANCE_SHARE = 0.65;
export const RECONSTRUCTION_CHUNKS = 10;
export const RECONSTRUCTION_BAND_DEVIATIONS = 3;
/** Half the baseline for the fit, the other half in ten chunks of at least ten rows: fewer and the band is mostly noise. */
export const RECONSTRUCTION_MIN_BASELINE_ROWS = 2 * RECONSTRUCTION_CHUNKS * 10;
export const RECONSTRUCTION_FALSE_ALARM_RATE = 0.02;

export interface ReconstructionErrorOutcome {
  components: number;
  /** Share of the baseline's variance the kept components explain. */
  explained_variance: number;
  /** Mean reconstruction error of the baseline chunks (each by the PCA of the other chunks) and of the current rows. */
  baseline_error: number;
  current_error: number;
  lower_threshold: number;
  upper_threshold: number;
  chunks: number;
  chunk_rows: number;
  drift_detected: boolean;
}

/** Undefined when the baseline has fewer than `RECONSTRUCTION_MIN_BASELINE_ROWS` rows, no current row, or no variance. */
export function reconstructionErrorDrift(baseline: DataMatrix, current: DataMatrix, seed: number): ReconstructionErrorOutcome | undefined {
  if (baseline.rows < RECONSTRUCTION_MIN_BASELINE_ROWS || current.rows === 0) return undefined;
  const order = shuffledIndices(baseline.rows, seededRandom(seed));
  const chunkRows = Math.floor(baseline.rows / 2 / RECONSTRUCTION_CHUNKS);
  const fitted = baseline.rows - RECONSTRUCTION_CHUNKS * chunkRows;
  const fitRows = selectRows(baseline, order.subarray(0, fitted));
  const scale = columnDeviations(fitRows);
  const model = fitPca(rescaled(fitRows, scale), RECONSTRUCTION_VARIANCE_SHARE);
  if (!model) return undefined;
  const currentError = meanOf(reconstructionErrors(model, rescaled(current, scale)));
  const heldOutErrors = reconstructionErrors(model, rescaled(selectRows(baseline, order.subarray(fitted)), scale));
  const chunkMeans = Array.from({ length: RECONSTRUCTION_CHUNKS }, (_, chunk) => meanOf(heldOutErrors.subarray(chunk * chunkRows, (chunk + 1) * chunkRows)));
  const centre = meanOf(chunkMeans);
  // NumPy's default (population) standard deviation, as NannyML computes it.
  const spread = Math.sqrt(meanOf(chunkMeans.map((value) => (value - centre) ** 2)));
  const halfWidth = RECONSTRUCTION_BAND_DEVIATIONS * spread * Math.sqrt(chunkRows / current.rows + chunkRows / baseline.rows);
  const lower = centre - halfWidth;
  const upper = centre + halfWidth;
  return {
    components: model.componentCount,
    explained_variance: model.explainedVarianceRatio.reduce((sum, ratio) => sum + ratio, 0),
    baseline_error: centre,
    current_error: currentError,
    lower_threshold: lower,
    upper_threshold: upper,
    chunks: RECONSTRUCTION_CHUNKS,
    chunk_rows: chunkRows,
    drift_detected: currentError < lower || currentError > upper,
  };
}

/** Each row's Euclidean distance to its reconstruction from the model's components. */
export function reconstructionErrors(model: PcaModel, matrix: DataMatrix): Float64Array {
  const rebuilt = reconstructRows(model, projectRows(model, matrix), matrix.rows);
  const { rows, columns, values } = matrix;
  const errors = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let squares = 0;
    for (let column = 0; column < columns; column++) squares += (values[row * columns + column] - rebuilt.values[row * columns + column]) ** 2;
    errors[row] = Math.sqrt(squares);
  }
  return errors;
}

/** Population standard deviation per column (1 for a constant column, as `StandardScaler` leaves it). */
function columnDeviations(matrix: DataMatrix): Float64Array {
  const means = columnMeans(matrix);
  const squares = new Float64Array(matrix.columns);
  for (let row = 0; row < matrix.rows; row++) {
    for (let column = 0; column < matrix.columns; column++) squares[column] += (matrix.values[row * matrix.columns + column] - means[column]) ** 2;
  }
  return squares.map((sum) => Math.sqrt(sum / matrix.rows) || 1);
}

function rescaled(matrix: DataMatrix, scale: Float64Array): DataMatrix {
  return { ...matrix, values: matrix.values.map((value, index) => value / scale[index % matrix.columns]) };
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
