#!/usr/bin/env node
// Trains the example churn model in plain JavaScript — logistic regression by batch gradient descent, no
// dependencies — and writes the model and its metrics:
//
//     node train.mjs --data ../data/current.csv [--model model.json] [--metrics metrics.json]
//
// The metrics JSON is what driftgate's publish step compares with the deployed version's. When the
// workflow hands over the deployed model (DRIFTGATE_DEPLOYED_MODEL_DIR, with DRIFTGATE_DEPLOYED_VERSION),
// it is scored on the same test rows as the new one and its numbers go under "deployed", so the model card
// compares like with like. Nothing is random (the test rows are every fourth row, the weights start at
// zero), so the same data gives the same model and the same numbers, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const NUMERICAL = ['age', 'tenure_months', 'monthly_charges', 'total_charges', 'support_calls'];
const CATEGORICAL = ['contract', 'payment_method', 'region'];
const TARGET = 'churned';
const EPOCHS = 800;
const LEARNING_RATE = 0.2;
const L2 = 0.001;

const { values, positionals } = parseCommandLine();
// `--data a.csv b.csv`, as the scikit-learn example takes it: the files after the first arrive as positionals.
const dataFiles = [...(values.data ?? []), ...positionals];
if (dataFiles.length === 0) fail('--data is required: the CSV file(s) to train on');

const rows = dataFiles.flatMap(readCsv);
if (rows.length === 0) fail('no rows to train on');
const test = rows.filter((_, index) => index % 4 === 3);
const train = rows.filter((_, index) => index % 4 !== 3);

const encoder = fitEncoder(train);
const weights = fit(train.map(encoder.encode), train.map(label));
const model = {
  kind: 'logistic-regression',
  features: encoder.names,
  weights: weights.slice(1).map(round),
  intercept: round(weights[0]),
  numerical: encoder.numerical,
  categories: encoder.categories,
  target: TARGET,
};
// Scored with the weights as stored, so the metrics describe the model file exactly.
const stored = [model.intercept, ...model.weights];
const metrics = evaluate(
  test.map((row) => predict(stored, encoder.encode(row))),
  test.map(label),
);
metrics.train_rows = train.length;
metrics.test_rows = test.length;
const deployed = deployedMetrics(test);
if (deployed) metrics.deployed = deployed;

writeFileSync(values.model, `${JSON.stringify(model, null, 2)}\n`);
writeFileSync(values.metrics, `${JSON.stringify(metrics, null, 2)}\n`);
console.log(
  `logistic regression: trained on ${train.length} rows, tested on ${test.length}: ` +
    Object.entries(metrics)
      .filter(([name]) => !name.endsWith('_rows') && name !== 'deployed')
      .map(([name, value]) => `${name} ${value}`)
      .join(', '),
);
if (deployed) {
  const { version = '', ...numbers } = deployed;
  console.log(
    `deployed model ${version} on the same rows: ${Object.entries(numbers)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
  );
}

/** The deployed model on the new model's test rows; undefined (with a warning) when it cannot be scored. */
function deployedMetrics(rows) {
  const folder = process.env.DRIFTGATE_DEPLOYED_MODEL_DIR;
  if (!folder) return undefined;
  const path = join(folder, basename(values.model));
  let scored;
  try {
    const model = JSON.parse(readFileSync(path, 'utf8'));
    const encode = encoderFor(model.numerical, model.categories);
    const weights = [model.intercept, ...model.weights];
    scored = evaluate(
      rows.map((row) => predict(weights, encode(row))),
      rows.map(label),
    );
  } catch (error) {
    // An old model may not load or score; the new one is still worth proposing.
    console.error(
      `train.mjs: warning: the deployed model ${path} could not be scored (${error.message}); the metrics hold the new model only`,
    );
    return undefined;
  }
  const version = process.env.DRIFTGATE_DEPLOYED_VERSION;
  return version ? { version, ...scored } : scored;
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        data: { type: 'string', multiple: true },
        model: { type: 'string', default: 'model.json' },
        metrics: { type: 'string', default: 'metrics.json' },
      },
    });
  } catch (error) {
    fail(error.message);
  }
}

function fail(message) {
  console.error(`train.mjs: ${message}`);
  process.exit(2);
}

/** Comma-separated with a header; quoted fields may hold commas, quotes ("") and newlines. */
function readCsv(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    fail(`${path}: ${error.code ?? error.message}`);
  }
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') field += text[index++];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records;
  const missing = [...NUMERICAL, ...CATEGORICAL, TARGET].filter((column) => !header?.includes(column));
  if (missing.length > 0) fail(`${path}: missing column(s) ${missing.join(', ')}`);
  return body.map((cells) => Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ''])));
}

function label(row) {
  return Number(row[TARGET]) === 1 ? 1 : 0;
}

/**
 * Numbers are standardized with the training rows' mean and standard deviation, and a missing number
 * becomes the mean (0 after scaling); each category seen in training gets a 0/1 column, and a category
 * never seen gets none, so scoring new data cannot fail.
 */
function fitEncoder(rows) {
  const numerical = Object.fromEntries(
    NUMERICAL.map((column) => {
      const present = rows
        .map((row) => row[column])
        .filter((cell) => cell !== '')
        .map(Number);
      const mean = present.reduce((sum, value) => sum + value, 0) / present.length;
      const variance = present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / present.length;
      return [column, { mean: round(mean), std: round(Math.sqrt(variance) || 1) }];
    }),
  );
  const categories = Object.fromEntries(CATEGORICAL.map((column) => [column, [...new Set(rows.map((row) => row[column]))].sort()]));
  const names = [...NUMERICAL, ...CATEGORICAL.flatMap((column) => categories[column].map((value) => `${column}=${value}`))];
  return { names, numerical, categories, encode: encoderFor(numerical, categories) };
}

/** A row as the model's inputs, from the scaling and categories stored in a model file. */
function encoderFor(numerical, categories) {
  return (row) => [
    ...NUMERICAL.map((column) => (row[column] === '' ? 0 : (Number(row[column]) - numerical[column].mean) / numerical[column].std)),
    ...CATEGORICAL.flatMap((column) => categories[column].map((value) => (row[column] === value ? 1 : 0))),
  ];
}

function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

function predict(weights, x) {
  let z = weights[0];
  for (let j = 0; j < x.length; j++) z += weights[j + 1] * x[j];
  return sigmoid(z);
}

/** Weights[0] is the intercept; the L2 penalty leaves it out. */
function fit(xs, ys) {
  const weights = new Array(xs[0].length + 1).fill(0);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Array(weights.length).fill(0);
    for (let i = 0; i < xs.length; i++) {
      const error = predict(weights, xs[i]) - ys[i];
      gradient[0] += error;
      for (let j = 0; j < xs[i].length; j++) gradient[j + 1] += error * xs[i][j];
    }
    for (let j = 0; j < weights.length; j++) {
      const penalty = j === 0 ? 0 : L2 * weights[j];
      weights[j] -= LEARNING_RATE * (gradient[j] / xs.length + penalty);
    }
  }
  return weights;
}

function evaluate(probabilities, labels) {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0,
    loss = 0;
  probabilities.forEach((p, i) => {
    const predicted = p >= 0.5 ? 1 : 0;
    if (predicted === 1 && labels[i] === 1) tp++;
    else if (predicted === 1) fp++;
    else if (labels[i] === 1) fn++;
    else tn++;
    const clipped = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    loss -= labels[i] * Math.log(clipped) + (1 - labels[i]) * Math.log(1 - clipped);
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    accuracy: round((tp + tn) / labels.length),
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    roc_auc: round(rocAuc(probabilities, labels)),
    log_loss: round(loss / labels.length),
  };
}

/** The probability that a random churner scores above a random stayer (ties count half): rank-based AUC. */
function rocAuc(probabilities, labels) {
  const order = probabilities.map((p, i) => [p, labels[i]]).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && order[end][0] === order[start][0]) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (order[k][1] === 1) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Six decimals: the files stay the same across machines whose last floating-point digit differs. */
function round(value) {
  return Math.round(value * 1e6) / 1e6;
}
