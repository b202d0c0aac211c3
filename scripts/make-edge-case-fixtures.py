#!/usr/bin/python3
"""Writes SciPy's values for the numeric edge cases __tests__/stattests/edge-cases.test.ts checks:
a column spanning ±1e308, Welch t-tests whose p-values are subnormal, and a side without values.

Run it with Debian's interpreter, where SciPy 1.10.1 lives (apt-get install python3-scipy):

    /usr/bin/python3 scripts/make-edge-case-fixtures.py

The inputs come from seeded NumPy generators and are written out in full; floats are written with
Python's repr, which round-trips exactly through JSON.parse. The tests never call Python.
"""
import json
import os
from decimal import Decimal, getcontext

import numpy as np
import scipy
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), '..', '__tests__', 'fixtures', 'edge-cases', 'scipy.json')
getcontext().prec = 60


def exact_mean_std(values):
    """The mean and population standard deviation in 60 digits: NumPy's own overflow at ±1e308."""
    exact = [Decimal(value) for value in values]
    mean = sum(exact) / len(exact)
    variance = sum((value - mean) ** 2 for value in exact) / len(exact)
    return float(mean), float(variance.sqrt())


def outcome(compute):
    """A test's statistic and p-value (NaN written as null), or the exception SciPy raises where it is undefined."""
    try:
        result = compute()
        return {field: None if np.isnan(value) else float(value) for field, value in zip(('statistic', 'p_value'), result)}
    except ValueError as error:
        return {'raises': f'ValueError: {error}'}


def huge():
    rng = np.random.default_rng(20240308)
    reference = rng.uniform(-1, 1, 500) / 1.3 * 1e308
    current = (rng.uniform(-1, 1, 500) + 0.3) / 1.3 * 1e308
    case = {'reference': reference.tolist(), 'current': current.tolist()}
    case['ks'] = outcome(lambda: stats.ks_2samp(reference, current))
    # SciPy 1.10's NaN check sums the values, which overflows to inf − inf = NaN here, so it returns NaN; the
    # ranks, and so the test, are those of the values scaled down, which SciPy does compute.
    case['mann_whitney_as_scipy_returns'] = outcome(lambda: stats.mannwhitneyu(reference, current, alternative='two-sided'))
    case['mann_whitney'] = outcome(lambda: stats.mannwhitneyu(reference / 1e300, current / 1e300, alternative='two-sided'))
    with np.errstate(all='ignore'):
        welch = stats.ttest_ind(reference, current, equal_var=False)
    # NumPy's variance overflows: SciPy has no t-test value here (NaN), and neither must we.
    case['t_test_p_value_is_nan'] = bool(np.isnan(welch.pvalue))
    case['reference_mean'], case['reference_std'] = exact_mean_std(reference)
    case['current_mean'], case['current_std'] = exact_mean_std(current)
    return case


def subnormal_t_tests():
    """Welch t-tests shifted until SciPy's p-value is near 1e-310, 1e-316 and 1e-322 (subnormals)."""
    rng = np.random.default_rng(11)
    reference = rng.normal(size=40)
    base = rng.normal(size=40)
    cases = []
    for target in (1e-310, 1e-316, 1e-322):
        low, high = 0.0, 1e5
        for _ in range(200):
            middle = (low + high) / 2
            if stats.ttest_ind(reference, base + middle, equal_var=False).pvalue > target:
                low = middle
            else:
                high = middle
        current = base + round(low, 6)
        result = stats.ttest_ind(reference, current, equal_var=False)
        cases.append({'reference': reference.tolist(), 'current': current.tolist(), 'statistic': float(result.statistic), 'p_value': float(result.pvalue)})
    return cases


def nearly_singular_epps_singleton():
    """Epps–Singleton where the covariance of the characteristic-function features is nearly singular
    (condition number about 1.6e7): five distinct values, one of them rare and close to another."""
    rng = np.random.default_rng(7)
    values = np.array([0.0, 1.0, 2.0, 3.0, 3.1])
    reference = rng.choice(values, size=400, p=[0.3, 0.3, 0.2, 0.19, 0.01])
    current = rng.choice(values, size=300, p=[0.28, 0.3, 0.2, 0.21, 0.01])
    result = stats.epps_singleton_2samp(reference, current)
    sigma = stats.iqr(np.concatenate((reference, current))) / 2
    ts = np.reshape((0.4, 0.8), (-1, 1)) / sigma
    features = [np.vstack((np.cos(ts * side), np.sin(ts * side))).T for side in (reference, current)]
    n = len(reference) + len(current)
    covariance = sum(n / len(side) * np.cov(g.T, bias=True) for side, g in zip((reference, current), features))
    return {
        'reference': reference.tolist(),
        'current': current.tolist(),
        'statistic': float(result.statistic),
        'p_value': float(result.pvalue),
        'condition_number': float(np.linalg.cond(covariance)),
    }


def empty_side():
    """A side with no values: SciPy refuses every test rather than give a value."""
    reference = np.random.default_rng(3).normal(size=40)
    empty = np.array([])
    return {
        'ks': outcome(lambda: stats.ks_2samp(reference, empty)),
        'mann_whitney': outcome(lambda: stats.mannwhitneyu(reference, empty)),
        'chi2': outcome(lambda: stats.chi2_contingency([[20, 20], [0, 0]])[:2]),
    }


def main():
    fixture = {
        'generated_by': f'scripts/make-edge-case-fixtures.py with SciPy {scipy.__version__}, NumPy {np.__version__}',
        'huge': huge(),
        'subnormal_t_tests': subnormal_t_tests(),
        'nearly_singular_epps_singleton': nearly_singular_epps_singleton(),
        'empty_side': empty_side(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as out:
        json.dump(fixture, out, indent=1)
        out.write('\n')


if __name__ == '__main__':
    main()
