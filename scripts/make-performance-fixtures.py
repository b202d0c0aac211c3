#!/usr/bin/python3
"""Writes the scikit-learn reference values that __tests__/performance checks the metrics against.

It also writes the isotonic regression fits (isotonic.json) and, for the label-free estimates of
src/performance/cbpe.ts, weighted scikit-learn metrics equal to them (expected-confusion.json).

Run it with Debian's interpreter, where python3-sklearn lives:

    /usr/bin/python3 scripts/make-performance-fixtures.py

The tests read the JSON it writes and never call Python, so it only needs re-running when a case is added,
scikit-learn is upgraded (the version is recorded in each file) or the example logs under
examples/prediction-logs change (prediction-logs.json is computed from them). Inputs come from seeded NumPy
generators and are written out in full, so the tests do not depend on reproducing NumPy's streams.
Floats are written with Python's repr, which round-trips exactly through JSON.parse.
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    log_loss,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    precision_recall_fscore_support,
    r2_score,
    roc_auc_score,
)
from sklearn.preprocessing import label_binarize

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "__tests__", "fixtures", "performance")
PREDICTION_LOGS = os.path.join(os.path.dirname(__file__), "..", "examples", "prediction-logs")

# The metrics under test are warned about on purpose (zero division, classes missing on one side).
warnings.simplefilter("ignore")


def as_float(value):
    """NaN (scikit-learn's 'not defined') becomes null: JSON has no NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def softmax_rows(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def one_column_truth(y_true, positive):
    """1 for the positive class, 0 for the other; None when y_true holds two labels besides the positive.

    With one probability column (a binary model's predict_proba[:, 1]) scikit-learn reads a 1-D score as
    the probability of the positive class, y_true == positive; a third label makes y_true multiclass,
    which it refuses with a 1-D score.
    """
    if len(set(y_true) - {positive}) > 1:
        return None
    return np.array([1 if label == positive else 0 for label in y_true])


def roc_auc_reference(y_true, classes, proba):
    """ROC AUC as driftgate defines it, computed by scikit-learn; None where scikit-learn refuses.

    One probability column: roc_auc_score(y_true == positive, p). Two probability columns: the binary score of the greater class. More: one-vs-rest macro over the
    classes present in y_true. With every class present and rows summing to one that is exactly
    multi_class='ovr'; otherwise (scikit-learn refuses both) it is scikit-learn's macro average over the
    label-indicator columns of the present classes, which is the same per-class computation.
    """
    if len(classes) == 1:
        truth = one_column_truth(y_true, classes[0])
        if truth is None or truth.min() == truth.max():
            return None
        return float(roc_auc_score(truth, proba[:, 0]))
    if any(label not in classes for label in y_true):
        return None
    present = [index for index, label in enumerate(classes) if label in set(y_true)]
    if len(present) < 2:
        return None
    if len(classes) == 2:
        return float(roc_auc_score(y_true, proba[:, 1]))
    if len(present) == len(classes) and np.allclose(proba.sum(axis=1), 1.0):
        return float(roc_auc_score(y_true, proba, multi_class="ovr", average="macro", labels=classes))
    indicator = label_binarize(y_true, classes=classes)
    return float(roc_auc_score(indicator[:, present], proba[:, present], average="macro"))


def log_loss_reference(y_true, classes, proba):
    """One probability column: log_loss(y_true == positive, p), labels=[0, 1] so one class in y_true is fine."""
    if len(classes) == 1:
        truth = one_column_truth(y_true, classes[0])
        return None if truth is None else float(log_loss(truth, proba[:, 0], labels=[0, 1]))
    if any(label not in classes for label in y_true):
        return None
    return float(log_loss(y_true, proba, labels=classes))


def classification_case(name, y_true, y_pred, classes=None, proba=None, labels=None):
    y_true = [str(label) for label in y_true]
    y_pred = [str(label) for label in y_pred]
    used_labels = labels if labels is not None else sorted(set(y_true) | set(y_pred))
    # sorted() above and np.unique both order str by code point; assert it so the fixture cannot lie.
    assert labels is not None or list(np.unique(y_true + y_pred)) == used_labels
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None
    )
    macro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro")
    expected = {
        "labels": used_labels,
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=used_labels).tolist(),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_true, y_pred)),
        "precision": [float(v) for v in precision],
        "recall": [float(v) for v in recall],
        "f1": [float(v) for v in f1],
        "support": [int(v) for v in support],
        "precision_macro": float(macro[0]),
        "recall_macro": float(macro[1]),
        "f1_macro": float(macro[2]),
    }
    case = {"name": name, "y_true": y_true, "y_pred": y_pred}
    if labels is not None:
        case["labels"] = labels
        # balanced_accuracy_score has no labels argument: the value above is for the default labels.
    if proba is not None:
        proba = np.asarray(proba, dtype=np.float64)
        case["probabilities"] = {label: proba[:, index].tolist() for index, label in enumerate(classes)}
        expected["roc_auc"] = roc_auc_reference(y_true, classes, proba)
        expected["log_loss"] = log_loss_reference(y_true, classes, proba)
    case["expected"] = expected
    return case


def draw_classifier(rng, classes, n, separation, tie_decimals=None):
    """Labels, probabilities and argmax predictions of a noisy softmax classifier.

    Probabilities are rounded to 8 decimals to keep the JSON small (rows then sum to one within 1e-8,
    as a model's CSV output would). With tie_decimals they are rounded much coarser to create ties and
    renormalised.
    """
    k = len(classes)
    truth = rng.integers(0, k, size=n)
    logits = rng.normal(0.0, 1.0, size=(n, k))
    logits[np.arange(n), truth] += separation
    proba = np.round(softmax_rows(logits), 8)
    if tie_decimals is not None:
        proba = np.round(proba, tie_decimals)
        proba = proba / proba.sum(axis=1, keepdims=True)
    predicted = proba.argmax(axis=1)
    return [classes[i] for i in truth], [classes[i] for i in predicted], proba


def classification_cases():
    cases = []

    rng = np.random.default_rng(20240801)
    y_true, y_pred, proba = draw_classifier(rng, ["no", "yes"], 200, 1.5)
    cases.append(classification_case("binary", y_true, y_pred, ["no", "yes"], proba))

    rng = np.random.default_rng(11)
    y_true, y_pred, proba = draw_classifier(rng, ["neg", "pos"], 300, 1.0, tie_decimals=1)
    cases.append(classification_case("binary_tied_scores", y_true, y_pred, ["neg", "pos"], proba))

    rng = np.random.default_rng(12)
    classes = ["cat", "dog", "fish"]
    y_true, y_pred, proba = draw_classifier(rng, classes, 300, 1.2)
    cases.append(classification_case("multiclass", y_true, y_pred, classes, proba))

    rng = np.random.default_rng(13)
    y_true, y_pred, proba = draw_classifier(rng, classes, 250, 0.8, tie_decimals=2)
    cases.append(classification_case("multiclass_tied_scores", y_true, y_pred, classes, proba))

    # A class the model still predicts but that no longer occurs: precision defined, recall undefined.
    rng = np.random.default_rng(14)
    y_true, y_pred, proba = draw_classifier(rng, classes, 240, 1.0)
    keep = [i for i, label in enumerate(y_true) if label != "fish"]
    cases.append(
        classification_case(
            "multiclass_class_missing_from_truth",
            [y_true[i] for i in keep],
            [y_pred[i] for i in keep],
            classes,
            proba[keep],
        )
    )

    # A class that occurs but is never predicted: precision undefined (zero_division).
    rng = np.random.default_rng(15)
    y_true, y_pred, proba = draw_classifier(rng, classes, 240, 1.0)
    y_pred = ["dog" if label == "fish" else label for label in y_pred]
    cases.append(classification_case("multiclass_class_never_predicted", y_true, y_pred, classes, proba))

    # Perfect one-hot probabilities: log loss only stays finite through the eps clipping.
    rng = np.random.default_rng(16)
    truth = rng.integers(0, 3, size=60)
    one_hot = np.eye(3)[truth]
    labels = [classes[i] for i in truth]
    cases.append(classification_case("perfect", labels, labels, classes, one_hot))

    # Always wrong, and confidently so.
    wrong = [classes[(i + 1) % 3] for i in truth]
    wrong_hot = np.eye(3)[(truth + 1) % 3]
    cases.append(classification_case("always_wrong", labels, wrong, classes, wrong_hot))

    # Only one class in the truth: ROC AUC undefined, log loss defined through labels=.
    rng = np.random.default_rng(17)
    p_yes = rng.uniform(0, 1, size=50)
    proba = np.column_stack([1 - p_yes, p_yes])
    y_pred = ["yes" if p >= 0.5 else "no" for p in p_yes]
    cases.append(classification_case("binary_single_class_truth", ["yes"] * 50, y_pred, ["no", "yes"], proba))

    # Labels whose order depends on code points: digits, capitals, lower case, accented, beyond the BMP.
    rng = np.random.default_rng(18)
    odd_classes = ["10", "9", "Zebra", "apple", "\u00c4pfel", "\U0001F600smile", "\uff21wide"]
    y_true, y_pred, proba = draw_classifier(rng, odd_classes, 200, 1.0)
    order = sorted(range(len(odd_classes)), key=lambda i: odd_classes[i])
    sorted_classes = [odd_classes[i] for i in order]
    cases.append(
        classification_case("code_point_order", y_true, y_pred, sorted_classes, proba[:, order])
    )

    # Many classes and rows, so NumPy's pairwise sums differ from a left-to-right loop.
    rng = np.random.default_rng(19)
    many = [f"class_{i:02d}" for i in range(12)]
    y_true, y_pred, proba = draw_classifier(rng, many, 300, 1.3)
    cases.append(classification_case("twelve_classes", y_true, y_pred, many, proba))

    # Probabilities that do not sum to one are renormalised by log_loss (and left alone by ROC AUC).
    rng = np.random.default_rng(20)
    y_true, y_pred, proba = draw_classifier(rng, classes, 120, 1.0)
    scaled = proba * rng.uniform(0.8, 1.2, size=(120, 1))
    cases.append(classification_case("unnormalised_probabilities", y_true, y_pred, classes, scaled))

    # An explicit label list holding a label seen on neither side: it counts in the macro averages.
    rng = np.random.default_rng(21)
    y_true, y_pred, _ = draw_classifier(rng, ["a", "b", "c"], 90, 1.0)
    cases.append(classification_case("explicit_labels", y_true, y_pred, labels=["a", "b", "c", "d"]))

    cases.extend(one_column_cases())

    # Tiny inputs.
    cases.append(classification_case("single_row", ["a"], ["a"]))
    cases.append(classification_case("two_rows_disagreeing", ["a", "b"], ["b", "a"]))
    return cases


def one_column_case(name, y_true, positive, negative, p_positive):
    """A binary model logging only the positive class's probability; it predicts the class with p ≥ 0.5."""
    p_positive = np.asarray(p_positive, dtype=np.float64)
    y_pred = [positive if p >= 0.5 else negative for p in p_positive]
    return classification_case(name, y_true, y_pred, [positive], p_positive[:, np.newaxis])


def one_column_cases():
    cases = []

    # The positive class is the lesser label, so it is not the class scikit-learn's [:, 1] would pick.
    rng = np.random.default_rng(40)
    y_true, _, proba = draw_classifier(rng, ["churn", "stay"], 200, 1.5)
    cases.append(one_column_case("one_column_positive_is_lesser_label", y_true, "churn", "stay", proba[:, 0]))

    # 0/1 labels (the default positive class 1), scores rounded to create ties.
    rng = np.random.default_rng(41)
    y_true, _, proba = draw_classifier(rng, ["0", "1"], 300, 1.0, tie_decimals=1)
    cases.append(one_column_case("one_column_tied_scores", y_true, "1", "0", proba[:, 1]))

    # Scores at and beyond the clipping bounds (eps = 2**-52 in scikit-learn 1.2), confidently wrong too.
    rng = np.random.default_rng(42)
    eps = np.finfo(np.float64).eps
    extremes = np.array([0.0, 1.0, 1e-17, eps / 2, eps, 2 * eps, 1 - eps, 1 - eps / 2, 0.5, 0.25, 0.75])
    p_positive = rng.choice(extremes, size=120)
    y_true = ["1" if flip else "-1" for flip in rng.integers(0, 2, size=120)]
    cases.append(one_column_case("one_column_extreme_scores", y_true, "1", "-1", p_positive))

    # Only the positive class in the truth: ROC AUC undefined, log loss defined (labels=[0, 1]).
    rng = np.random.default_rng(43)
    p_positive = rng.uniform(0, 1, size=50)
    cases.append(one_column_case("one_column_single_class_truth", ["yes"] * 50, "yes", "no", p_positive))

    # Three labels in the truth: no binary model, so scikit-learn refuses both metrics.
    rng = np.random.default_rng(44)
    y_true = [["a", "b", "c"][i] for i in rng.integers(0, 3, size=60)]
    cases.append(one_column_case("one_column_three_labels", y_true, "a", "b", rng.uniform(0, 1, size=60)))
    return cases


def regression_case(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return {
        "name": name,
        "y_true": y_true.tolist(),
        "y_pred": y_pred.tolist(),
        "expected": {
            "mae": float(mean_absolute_error(y_true, y_pred)),
            "rmse": float(mean_squared_error(y_true, y_pred, squared=False)),
            "mape": float(mean_absolute_percentage_error(y_true, y_pred)),
            "r2": as_float(r2_score(y_true, y_pred)),
        },
    }


def regression_cases():
    cases = []
    rng = np.random.default_rng(30)
    y_true = rng.normal(10.0, 3.0, size=200)
    cases.append(regression_case("normal", y_true, y_true + rng.normal(0.0, 1.0, size=200)))

    rng = np.random.default_rng(31)
    y_true = rng.normal(0.0, 1.0, size=50)
    y_true[[3, 17, 40]] = 0.0
    cases.append(regression_case("zeros_in_truth", y_true, y_true + rng.normal(0.0, 0.5, size=50)))

    rng = np.random.default_rng(32)
    y_pred = rng.normal(3.0, 0.1, size=40)
    cases.append(regression_case("constant_truth", np.full(40, 3.0), y_pred))
    cases.append(regression_case("constant_truth_perfect", np.full(40, 2.5), np.full(40, 2.5)))

    rng = np.random.default_rng(33)
    y_true = rng.uniform(-5.0, 5.0, size=30)
    cases.append(regression_case("perfect", y_true, y_true))

    rng = np.random.default_rng(34)
    y_true = rng.normal(1e6, 1.0, size=1000)
    cases.append(regression_case("large_offset", y_true, y_true + rng.normal(0.0, 0.5, size=1000)))

    rng = np.random.default_rng(35)
    y_true = rng.normal(0.0, 1.0, size=100)
    cases.append(regression_case("worse_than_mean", y_true, -y_true))

    cases.append(regression_case("single_row", [2.0], [3.0]))
    return cases


def prediction_log_side(name, positive):
    """ROC AUC and log loss of the example log (scripts/make-prediction-logs.js) read as a binary model that
    logged only P(positive): the labelled rows, y = label == positive, p = probability[positive]."""
    with open(os.path.join(PREDICTION_LOGS, name), encoding="utf-8") as log:
        lines = [json.loads(line) for line in log if line.strip()]
    labelled = [line for line in lines if line["label"] is not None and line["prediction"] is not None]
    truth = np.array([1 if line["label"] == positive else 0 for line in labelled])
    p_positive = np.array([line["probability"][positive] for line in labelled], dtype=np.float64)
    return {
        "rows": len(labelled),
        "roc_auc": float(roc_auc_score(truth, p_positive)),
        "log_loss": float(log_loss(truth, p_positive, labels=[0, 1])),
    }


def prediction_log_cases():
    positive = "churn"
    return [
        {
            "name": "prediction_logs_one_column",
            "positive": positive,
            "column": f"probability.{positive}",
            "expected": {side: prediction_log_side(f"{side}.jsonl", positive) for side in ("baseline", "current")},
        }
    ]


def isotonic_case(name, x, y, weights=None, predict_at=None):
    """IsotonicRegression(out_of_bounds='clip', increasing=True) as NannyML's calibrator uses it: the kept
    knots after fit, and predictions at the training x, at every knot, between knots and beyond both ends."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    regression = IsotonicRegression(out_of_bounds="clip", increasing=True)
    regression.fit(x, y, sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))
    knots = regression.X_thresholds_
    between = (knots[:-1] + knots[1:]) / 2 if len(knots) > 1 else knots
    extra = [] if predict_at is None else list(predict_at)
    at = np.concatenate([x, knots, between, [knots[0] - 1.0, knots[-1] + 1.0], np.asarray(extra, dtype=np.float64)])
    case = {"name": name, "x": x.tolist(), "y": y.tolist()}
    if weights is not None:
        case["weights"] = [float(w) for w in weights]
    case["predict_at"] = at.tolist()
    case["expected"] = {
        "x_thresholds": knots.tolist(),
        "y_thresholds": regression.y_thresholds_.tolist(),
        "predictions": regression.predict(at).tolist(),
    }
    return case


def isotonic_cases():
    cases = []

    # Calibration's own use: scores of a miscalibrated binary model against 0/1 labels.
    rng = np.random.default_rng(50)
    truth_p = rng.beta(2.0, 2.0, size=400)
    labels = (rng.uniform(size=400) < truth_p).astype(np.float64)
    scores = 1 / (1 + np.exp(-2.5 * np.log(truth_p / (1 - truth_p))))
    cases.append(isotonic_case("binary_labels_overconfident_scores", scores, labels))

    # Coarse scores: many rows share an x, so y is averaged per x before pooling.
    rng = np.random.default_rng(51)
    scores = np.round(rng.uniform(size=300), 1)
    labels = (rng.uniform(size=300) < scores).astype(np.float64)
    cases.append(isotonic_case("tied_scores", scores, labels))

    # Continuous y with sample weights, some of them zero (those rows are dropped).
    rng = np.random.default_rng(52)
    x = rng.normal(size=200)
    y = x + rng.normal(scale=1.5, size=200)
    weights = rng.uniform(0.0, 3.0, size=200)
    weights[rng.integers(0, 200, size=20)] = 0.0
    cases.append(isotonic_case("weighted_continuous", x, y, weights))

    # Tied x with weights: the per-x mean is weighted.
    rng = np.random.default_rng(53)
    x = rng.integers(0, 12, size=150).astype(np.float64)
    y = np.sin(x / 3) + rng.normal(scale=0.4, size=150)
    cases.append(isotonic_case("weighted_tied_x", x, y, rng.uniform(0.1, 2.0, size=150)))

    # x closer than float64 resolution (1e-15) to a run's first x join that run; farther ones do not.
    base = np.array([0.0, 1e-16, 5e-16, 1e-15, 2e-15, 0.5, 0.5 + 1e-16, 0.5 + 2e-15, 1.0, 1.0 + 3e-16, 1.0 + 1e-15])
    cases.append(isotonic_case("near_duplicate_x", base, np.array([3, 1, 2, 0, 5, 4, 2, 6, 1, 9, 7], dtype=np.float64)))

    # Decreasing data pools into one block: two knots with equal y, a constant prediction.
    cases.append(isotonic_case("decreasing", np.arange(10.0), np.arange(10.0)[::-1]))

    # One distinct x: a single knot predicts its value everywhere.
    cases.append(isotonic_case("single_x", np.full(5, 0.3), np.array([0.0, 1.0, 1.0, 0.0, 1.0])))
    cases.append(isotonic_case("single_row", [0.7], [1.0], predict_at=[-5.0, 0.7, 2.0]))

    # Already increasing: nothing pooled, interior points on straight lines still kept (only equal y go).
    cases.append(isotonic_case("increasing_with_flat_runs", np.arange(8.0), [0, 1, 1, 1, 2, 3, 3, 4]))

    # Many rows, scores with ties, including equal (x, y) pairs in different input order.
    rng = np.random.default_rng(54)
    scores = np.round(rng.beta(0.7, 1.3, size=3000), 3)
    labels = (rng.uniform(size=3000) < np.sqrt(scores)).astype(np.float64)
    cases.append(isotonic_case("large_tied_binary", scores, labels))
    return cases


def expected_confusion_case(name, scores, p, predicted_positive):
    """CBPE's estimates from calibrated probabilities p, the model's scores and its predicted class, through
    scikit-learn: the expected confusion matrix is the weighted confusion matrix of every row counted as a
    positive with weight p and as a negative with weight 1 - p, so weighted scikit-learn metrics of that
    doubled data are the estimated metrics, and its weighted roc_auc_score on the model's scores is the area
    under the expected ROC curve (tied scores one threshold)."""
    scores = np.asarray(scores, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    predicted_positive = np.asarray(predicted_positive, dtype=bool)
    n = len(p)
    y_true = np.concatenate([np.ones(n), np.zeros(n)])
    y_pred = np.concatenate([predicted_positive, predicted_positive]).astype(np.float64)
    weight = np.concatenate([p, 1 - p])
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=[1.0], sample_weight=weight, average=None, zero_division=0
    )
    expected = {
        "accuracy": float(accuracy_score(y_true, y_pred, sample_weight=weight)),
        "precision": float(precision[0]),
        "recall": float(recall[0]),
        "f1": float(f1[0]),
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=[0.0, 1.0], sample_weight=weight).tolist(),
    }
    has_both = weight[:n].sum() > 0 and weight[n:].sum() > 0
    doubled_scores = np.concatenate([scores, scores])
    expected["roc_auc"] = float(roc_auc_score(y_true, doubled_scores, sample_weight=weight)) if has_both else None
    return {
        "name": name,
        "scores": scores.tolist(),
        "p": p.tolist(),
        "predicted_positive": predicted_positive.tolist(),
        "expected": expected,
    }


def expected_confusion_cases():
    cases = []
    # A calibration map's output: a step function of the scores, so p ties where the scores do not.
    rng = np.random.default_rng(60)
    scores = rng.beta(2.0, 3.0, size=500)
    cases.append(expected_confusion_case("step_calibrated", scores, np.round(scores**0.8, 1), scores >= 0.5))

    # Tied scores whose p differ within a tie: the tie is one threshold, and the prediction is not p >= 0.5.
    rng = np.random.default_rng(61)
    scores = np.round(rng.uniform(size=400), 1)
    p = np.clip(scores + rng.normal(scale=0.1, size=400), 0.0, 1.0)
    cases.append(expected_confusion_case("tied_scores_other_threshold", scores, p, scores >= 0.3))

    # Certain probabilities at 0 and 1, and a prediction that disagrees with them.
    rng = np.random.default_rng(62)
    p = rng.choice([0.0, 1.0, 0.2, 0.9], size=120)
    cases.append(expected_confusion_case("certain_probabilities", rng.uniform(size=120), p, rng.uniform(size=120) < 0.5))

    # Every row surely negative: no expected positive, so recall, precision and F1 are 0 and ROC AUC undefined.
    rng = np.random.default_rng(63)
    scores = rng.uniform(size=50)
    cases.append(expected_confusion_case("no_expected_positive", scores, np.zeros(50), scores >= 0.5))
    return cases


def write(name, cases):
    os.makedirs(OUT_DIR, exist_ok=True)
    payload = {
        "generator": "scripts/make-performance-fixtures.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, allow_nan=False)
        out.write("\n")


if __name__ == "__main__":
    write("classification.json", classification_cases())
    write("regression.json", regression_cases())
    write("prediction-logs.json", prediction_log_cases())
    write("isotonic.json", isotonic_cases())
    write("expected-confusion.json", expected_confusion_cases())
