#!/usr/bin/python3
"""Writes the scikit-learn reference values that __tests__/multivariate checks PCA and the feature
preparation against.

Run it with Debian's interpreter, where python3-sklearn lives (apt-get install python3-sklearn):

    /usr/bin/python3 scripts/make-multivariate-fixtures.py

The tests read the JSON it writes and never call Python. Inputs come from seeded NumPy generators and are
written out in full, so the tests do not depend on reproducing NumPy's streams. Floats are written with
Python's repr, which round-trips exactly through JSON.parse.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), '..', '__tests__', 'fixtures', 'multivariate', 'pca.json')


def correlated(rng, rows, columns):
    """Gaussian rows with a random covariance, so the eigenvalues are distinct and the components defined."""
    mixing = rng.normal(size=(columns, columns)) * rng.uniform(0.2, 2.0, size=columns)
    return rng.normal(size=(rows, columns)) @ mixing + rng.normal(scale=3.0, size=columns)


def pca_case(name, data, share):
    """PCA on standardized rows, as the reconstruction error fits it."""
    scaled = StandardScaler().fit_transform(data)
    pca = PCA(n_components=share).fit(scaled)
    rebuilt = pca.inverse_transform(pca.transform(scaled))
    return {
        'name': name,
        'variance_share': share,
        'rows': scaled.tolist(),
        'n_components': int(pca.n_components_),
        'mean': pca.mean_.tolist(),
        'components': pca.components_.tolist(),
        'explained_variance': pca.explained_variance_.tolist(),
        'explained_variance_ratio': pca.explained_variance_ratio_.tolist(),
        'transformed': pca.transform(scaled).tolist(),
        'reconstruction_errors': np.linalg.norm(scaled - rebuilt, axis=1).tolist(),
    }


def preparation_case(rng):
    """Mean imputation, normalized count encoding of a category (missing: most frequent), standard scaling."""
    rows = 120
    numbers = rng.normal(loc=5.0, scale=2.0, size=rows)
    numbers[rng.choice(rows, size=9, replace=False)] = np.nan
    categories = rng.choice(['red', 'green', 'blue'], p=[0.5, 0.3, 0.2], size=rows).astype(object)
    categories[rng.choice(rows, size=7, replace=False)] = None
    imputed_numbers = SimpleImputer(strategy='mean').fit_transform(numbers.reshape(-1, 1))[:, 0]
    filled = SimpleImputer(strategy='most_frequent', missing_values=None).fit_transform(categories.reshape(-1, 1))[:, 0]
    values, counts = np.unique(filled, return_counts=True)
    share = dict(zip(values, counts / rows))
    encoded = np.array([share[value] for value in filled])
    prepared = StandardScaler().fit_transform(np.column_stack([imputed_numbers, encoded]))
    return {
        'number': [None if np.isnan(value) else float(value) for value in numbers],
        'category': [None if value is None else str(value) for value in categories],
        'prepared': prepared.tolist(),
    }


def main():
    rng = np.random.default_rng(20261202)
    cases = [
        pca_case('200 rows, 6 columns', correlated(rng, 200, 6), 0.65),
        pca_case('500 rows, 20 columns', correlated(rng, 500, 20), 0.65),
        pca_case('60 rows, 4 columns, 90%', correlated(rng, 60, 4), 0.9),
    ]
    with open(OUT, 'w') as out:
        json.dump({'sklearn_version': sklearn.__version__, 'pca': cases, 'preparation': preparation_case(rng)}, out)
        out.write('\n')


if __name__ == '__main__':
    main()
