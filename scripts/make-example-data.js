#!/usr/bin/env node
// Writes the example data under examples/data/: a customer-churn table the model was trained on
// (baseline.csv), a fresh export in which customers changed (current.csv), and one in which they did not
// (current-stable.csv). Seeded, so the files are reproducible byte for byte.
import { writeFileSync } from 'node:fs';

function random(seed) {
  // mulberry32: small, fast, and good enough for example data.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed) {
  const uniform = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const pick = (weights) => {
    let u = uniform();
    for (const [value, weight] of weights) {
      if ((u -= weight) < 0) return value;
    }
    return weights[weights.length - 1][0];
  };
  const poisson = (lambda) => {
    let k = 0;
    for (let p = uniform(); p > Math.exp(-lambda); p *= uniform()) k++;
    return k;
  };
  return { uniform, normal, pick, poisson };
}

function customers(rows, seed, shift) {
  const g = generator(seed);
  const lines = ['customer_id,age,tenure_months,monthly_charges,total_charges,contract,payment_method,support_calls,region,churned'];
  for (let i = 0; i < rows; i++) {
    const age = Math.min(90, Math.max(18, Math.round(42 + shift.age + 12 * g.normal())));
    const tenure = Math.min(72, Math.floor(-Math.log(1 - g.uniform()) * (24 + shift.tenure)));
    const monthly = Math.round(Math.exp(Math.log(65 + shift.charges) + 0.3 * g.normal()) * 100) / 100;
    const total =
      g.uniform() < shift.missingTotal ? '' : (Math.round(monthly * tenure * (0.95 + 0.1 * g.uniform()) * 100) / 100).toFixed(2);
    const contract = g.pick(shift.contracts);
    const payment = g.pick([
      ['card', 0.35],
      ['bank transfer', 0.3],
      ['electronic check', 0.25],
      ['mailed check', 0.1],
    ]);
    const calls = g.poisson(1.5 + shift.calls);
    const region = g.pick([
      ['north', 0.2],
      ['south', 0.25],
      ['east', 0.2],
      ['west', 0.25],
      ['central', 0.1],
    ]);
    const risk = -1.2 + 0.9 * (contract === 'month-to-month') - 0.03 * tenure + 0.01 * (monthly - 65) + 0.25 * calls;
    const churned = g.uniform() < 1 / (1 + Math.exp(-risk)) ? 1 : 0;
    lines.push(
      [`C${seed}-${String(i).padStart(5, '0')}`, age, tenure, monthly.toFixed(2), total, contract, payment, calls, region, churned].join(
        ',',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

const steady = {
  age: 0,
  tenure: 0,
  charges: 0,
  calls: 0,
  missingTotal: 0.01,
  contracts: [
    ['month-to-month', 0.55],
    ['one year', 0.25],
    ['two year', 0.2],
  ],
};
const changed = {
  age: -6,
  tenure: -8,
  charges: 12,
  calls: 0.8,
  missingTotal: 0.15,
  contracts: [
    ['month-to-month', 0.7],
    ['one year', 0.2],
    ['two year', 0.1],
  ],
};

writeFileSync('examples/data/baseline.csv', customers(2000, 1, steady));
writeFileSync('examples/data/current.csv', customers(1500, 2, changed));
writeFileSync('examples/data/current-stable.csv', customers(1500, 3, steady));
