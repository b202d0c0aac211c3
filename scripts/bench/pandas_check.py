"""The script a team would write instead of driftgate: read both files with pandas, then run SciPy's
two-sample Kolmogorov-Smirnov test on each numerical column and Pearson's chi-square test on each
categorical one. Prints each column's statistic and p-value as JSON, so the benchmark can check that both
sides computed the same thing.

Usage: pandas_check.py BASELINE CURRENT KINDS_JSON
"""
import json
import sys

import pandas as pd
from scipy.stats import chi2_contingency, ks_2samp


def main(baseline_path, current_path, kinds_path):
    with open(kinds_path) as handle:
        kinds = json.load(handle)
    baseline = pd.read_csv(baseline_path)
    current = pd.read_csv(current_path)
    results = {}
    for name in kinds["numerical"]:
        test = ks_2samp(baseline[name].dropna(), current[name].dropna())
        results[name] = {"statistic": float(test.statistic), "p_value": float(test.pvalue)}
    for name in kinds["categorical"]:
        counts = pd.concat([baseline[name].value_counts(), current[name].value_counts()], axis=1).fillna(0)
        statistic, p_value, _, _ = chi2_contingency(counts.to_numpy().T, correction=False)
        results[name] = {"statistic": float(statistic), "p_value": float(p_value)}
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
