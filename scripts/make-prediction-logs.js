#!/usr/bin/env node
// Writes the prediction-log example under examples/prediction-logs/: JSON Lines as a deployed churn
// classifier would log them, one request a line, with its features, the predicted class, the score of
// each class and the true outcome once it is known.
//
// - baseline.jsonl: the validation set the model was accepted on, scored by the model; every label known.
// - current.jsonl: three weeks of production traffic, one request every ten minutes from
//   2024-03-01T00:00:00Z. Customers lean further towards month-to-month contracts and higher charges than
//   in the baseline (so the predictions drift), and from row CHANGE_ROW on the outcome follows a new rule
//   the model never learnt (concept drift: long-standing customers start leaving). Labels are missing for
//   the newest rows (not arrived yet) and for a random share of the others (never recorded).
//
// Seeded: the files are the same byte for byte on every run (the model-monitoring test checks the
// committed ones against `predictionLogs()`).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHANGE_ROW = 1500;
export const UNLABELLED_FROM_ROW = 2600;
const CURRENT_ROWS = 3000;
const BASELINE_ROWS = 2000;
const MISSING_LABEL_SHARE = 0.15;
const OUT = new URL('../examples/prediction-logs/', import.meta.url);

/** splitmix32: a tiny seeded generator; uniform doubles in [0, 1). */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

function draws(seed) {
  const uniform = seeded(seed);
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
    choose: (weights) => {
      let u = uniform();
      for (const [value, weight] of weights) if ((u -= weight) < 0) return value;
      return weights[weights.length - 1][0];
    },
    poisson: (mean) => {
      let count = 0;
      for (let product = uniform(); product > Math.exp(-mean); product *= uniform()) count++;
      return count;
    },
  };
}

const sigmoid = (x) => 1 / (1 + Math.exp(-x));

/** The deployed model's log-odds of churn. */
function modelLogit({ tenure_months, monthly_charges, contract, support_calls }) {
  return -1.1 + 1.7 * (contract === 'month-to-month') - 0.06 * tenure_months + 0.025 * (monthly_charges - 65) + 0.4 * support_calls;
}

/** After the change a competitor courts long-standing customers: tenure stops protecting them. */
function changedLogit(features) {
  return modelLogit(features) + 0.09 * features.tenure_months - 1.2;
}

function customer(g, market) {
  return {
    tenure_months: Math.min(72, Math.floor(-Math.log(1 - g.uniform()) * 22)),
    monthly_charges: Math.round(Math.exp(Math.log(65 + market.charges) + 0.25 * g.normal()) * 100) / 100,
    contract: g.choose(market.contracts),
    support_calls: g.poisson(1.4),
  };
}

/** The truth is sharper than the model's scores, so the model is right about 85 % of the time before the change. */
function outcome(g, logit) {
  return g.uniform() < sigmoid(2.5 * logit) ? 'churn' : 'stay';
}

function round4(value) {
  return Math.round(value * 10000) / 10000;
}

function logLine(index, start, minutes, features, label) {
  const churn = round4(sigmoid(modelLogit(features)));
  return JSON.stringify({
    request_id: `req-${String(index).padStart(6, '0')}`,
    timestamp: new Date(start + index * minutes * 60_000).toISOString().replace('.000Z', 'Z'),
    features,
    prediction: churn >= 0.5 ? 'churn' : 'stay',
    probability: { churn, stay: round4(1 - churn) },
    label,
  });
}

function baseline() {
  const g = draws(11);
  const market = {
    charges: 0,
    contracts: [
      ['month-to-month', 0.45],
      ['one year', 0.3],
      ['two year', 0.25],
    ],
  };
  const lines = [];
  for (let index = 0; index < BASELINE_ROWS; index++) {
    const features = customer(g, market);
    lines.push(logLine(index, Date.UTC(2024, 0, 1), 15, features, outcome(g, modelLogit(features))));
  }
  return `${lines.join('\n')}\n`;
}

function current() {
  const g = draws(23);
  const market = {
    charges: 12,
    contracts: [
      ['month-to-month', 0.7],
      ['one year', 0.18],
      ['two year', 0.12],
    ],
  };
  const lines = [];
  for (let index = 0; index < CURRENT_ROWS; index++) {
    const features = customer(g, market);
    const truth = outcome(g, index < CHANGE_ROW ? modelLogit(features) : changedLogit(features));
    const recorded = g.uniform() >= MISSING_LABEL_SHARE;
    lines.push(logLine(index, Date.UTC(2024, 2, 1), 10, features, index < UNLABELLED_FROM_ROW && recorded ? truth : null));
  }
  return `${lines.join('\n')}\n`;
}

/** The example files by name, as this script writes them. */
export function predictionLogs() {
  return { 'baseline.jsonl': baseline(), 'current.jsonl': current() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(predictionLogs())) writeFileSync(new URL(name, OUT), text);
}
