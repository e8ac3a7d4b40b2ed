"""Train the target-sentiment model shipped in metrics/models/target_sentiment.json.

Usage: python scripts/train_sentiment.py ../shared/eval/newsmtsc/train.jsonl
Needs scikit-learn (`pip install -e '.[train]'`); the app does not, it only reads the JSON.
Reports 5-fold cross-validated macro-F1 grouped by article (no article in both train and test
folds), then fits on all of the file and writes the weights with those figures.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from corpus.newsmtsc import read_newsmtsc
from metrics.actor_sentiment import features
from metrics.evaluation import evaluate, evaluate_examples
from sourcebias.paths import SENTIMENT_MODEL as MODEL_PATH

C = 0.1
MIN_COUNT = 2


def main(path: str) -> None:
    examples = read_newsmtsc(Path(path))
    X = [features(e.sentence, e.start, e.end) for e in examples]
    y = np.array([e.label for e in examples])
    groups = np.array([e.group for e in examples])
    predictions = np.empty_like(y)
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        vec = DictVectorizer()
        model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
        model.fit(vec.fit_transform([X[i] for i in train]), y[train])
        predictions[test] = model.predict(vec.transform([X[i] for i in test]))
    cv_f1 = float(f1_score(y, predictions, average="macro"))
    cv_per_class = evaluate(list(y), list(predictions)).f1
    ours_rules, baseline = evaluate_examples(examples, None)
    print(f"5-fold grouped cross-validated macro-F1: {cv_f1:.4f} (n={len(y)})")
    print(
        f"rules engine (untrained) {ours_rules.macro_f1:.4f}; "
        f"sentence VADER {baseline.macro_f1:.4f}"
    )

    counts: dict[str, int] = {}
    for feats in X:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    kept = [{k: v for k, v in feats.items() if counts[k] >= MIN_COUNT} for feats in X]
    vec = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    model.fit(vec.fit_transform(kept), y)
    weights = np.round(model.coef_.T, 5).tolist()
    out = {
        "about": "Target sentiment: logistic regression on metrics.actor_sentiment.features",
        "trained_on": "NewsMTSC train.jsonl (MIT licence, see metrics/models/NEWSMTSC_LICENSE)",
        "n_train": len(y),
        "train_sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
        "cv_macro_f1": round(cv_f1, 4),
        "cv": "5-fold GroupKFold by article",
        "cv_f1_per_class": {k: round(v, 4) for k, v in cv_per_class.items()},
        "rules_macro_f1": round(ours_rules.macro_f1, 4),
        "sentence_vader_macro_f1": round(baseline.macro_f1, 4),
        "C": C,
        "classes": [str(c) for c in model.classes_],
        "features": list(vec.feature_names_),
        "weights": weights,
        "intercept": np.round(model.intercept_, 5).tolist(),
    }
    MODEL_PATH.write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({len(out['features'])} features)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/newsmtsc/train.jsonl")
