#!/usr/bin/env python3
"""Train the example churn model with scikit-learn and write the model and its metrics.

    python3 train.py --data ../data/current.csv [--estimator logistic|gradient-boosting]
                     [--model model.joblib] [--metrics metrics.json]

The metrics JSON is what driftgate's publish step compares with the deployed version's. When the
workflow hands over the deployed model (DRIFTGATE_DEPLOYED_MODEL_DIR, with DRIFTGATE_DEPLOYED_VERSION),
it is scored on the same holdout as the new one and its numbers go under "deployed", so the model card
compares like with like. Everything is seeded, so the same data gives the same model and the same
numbers. Only scikit-learn, NumPy and joblib are needed (no pandas), so Debian's python3-sklearn is
enough to run it.
"""
import argparse
import csv
import json
import math
import os
import sys

import joblib
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERICAL = ["age", "tenure_months", "monthly_charges", "total_charges", "support_calls"]
CATEGORICAL = ["contract", "payment_method", "region"]
TARGET = "churned"
SEED = 0


def read_rows(paths):
    rows = []
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in NUMERICAL + CATEGORICAL + [TARGET] if column not in (reader.fieldnames or [])]
            if missing:
                sys.exit(f"train.py: {path}: missing column(s) {', '.join(missing)}")
            rows.extend(reader)
    if not rows:
        sys.exit("train.py: no rows to train on")
    return rows


def to_arrays(rows):
    # An empty numerical cell is missing (NaN), to be imputed; everything else must be a number.
    numbers = np.array([[float(row[column]) if row[column] != "" else math.nan for column in NUMERICAL] for row in rows])
    categories = np.array([[row[column] for column in CATEGORICAL] for row in rows], dtype=object)
    features = np.concatenate([numbers.astype(object), categories], axis=1)
    target = np.array([int(row[TARGET]) for row in rows])
    return features, target


def build(estimator):
    numerical = list(range(len(NUMERICAL)))
    categorical = list(range(len(NUMERICAL), len(NUMERICAL) + len(CATEGORICAL)))
    prepare = ColumnTransformer(
        [
            ("numbers", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numerical),
            ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    if estimator == "gradient-boosting":
        model = GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.05, random_state=SEED)
    else:
        model = LogisticRegression(max_iter=1000, C=1.0)
    return Pipeline([("prepare", prepare), ("model", model)])


def evaluate(pipeline, test_x, test_y):
    predicted = pipeline.predict(test_x)
    probability = pipeline.predict_proba(test_x)[:, 1]
    # Rounded so that the file is the same across platforms whose last floating-point digit differs.
    return {
        "accuracy": round(float(accuracy_score(test_y, predicted)), 6),
        "precision": round(float(precision_score(test_y, predicted, zero_division=0)), 6),
        "recall": round(float(recall_score(test_y, predicted, zero_division=0)), 6),
        "f1": round(float(f1_score(test_y, predicted, zero_division=0)), 6),
        "roc_auc": round(float(roc_auc_score(test_y, probability)), 6),
        "log_loss": round(float(log_loss(test_y, probability)), 6),
    }


def deployed_metrics(model_file, test_x, test_y):
    """The deployed model on the new model's holdout; None (with a warning) when it cannot be scored."""
    folder = os.environ.get("DRIFTGATE_DEPLOYED_MODEL_DIR", "")
    if not folder:
        return None
    path = os.path.join(folder, os.path.basename(model_file))
    try:
        deployed = joblib.load(path)
        metrics = evaluate(deployed, test_x, test_y)
    except Exception as error:  # an old model may not load or score; the new one is still worth proposing
        print(f"train.py: warning: the deployed model {path} could not be scored ({error}); the metrics hold the new model only", file=sys.stderr)
        return None
    version = os.environ.get("DRIFTGATE_DEPLOYED_VERSION", "")
    return {"version": version, **metrics} if version else metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", required=True, help="CSV file(s) to train on")
    parser.add_argument("--estimator", choices=["logistic", "gradient-boosting"], default="logistic")
    parser.add_argument("--model", default="model.joblib")
    parser.add_argument("--metrics", default="metrics.json")
    args = parser.parse_args()

    features, target = to_arrays(read_rows(args.data))
    train_x, test_x, train_y, test_y = train_test_split(features, target, test_size=0.25, random_state=SEED, stratify=target)
    pipeline = build(args.estimator).fit(train_x, train_y)
    metrics = {**evaluate(pipeline, test_x, test_y), "train_rows": int(len(train_y)), "test_rows": int(len(test_y))}
    deployed = deployed_metrics(args.model, test_x, test_y)
    if deployed is not None:
        metrics["deployed"] = deployed
    joblib.dump(pipeline, args.model)
    with open(args.metrics, "w", encoding="utf-8") as handle:
        json.dump(metrics, handle, indent=2)
        handle.write("\n")
    print(f"{args.estimator}: trained on {len(train_y)} rows, tested on {len(test_y)}: " + ", ".join(f"{name} {value}" for name, value in metrics.items() if isinstance(value, float)))
    if deployed is not None:
        print(f"deployed model {deployed.get('version', '')} on the same rows: " + ", ".join(f"{name} {value}" for name, value in deployed.items() if isinstance(value, float)))


if __name__ == "__main__":
    main()
