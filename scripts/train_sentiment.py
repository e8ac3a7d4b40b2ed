"""Train the target-sentiment model shipped in metrics/models/target_sentiment.json.

Usage: python scripts/train_sentiment.py ../shared/eval/newsmtsc/train.jsonl [eval/tone]
Needs scikit-learn (`pip install -e '.[train]'`); the app does not, it only reads the JSON.

Candidates, each measured the same way and printed as one table:
- sparse: logistic regression on metrics.actor_sentiment.features (the previous default);
- embeddings: on the six target-relative pools of wordllama's token vectors only;
- sparse + embeddings: both;
- sparse + domain, sparse + embeddings + domain: with the labelled Afghanistan tone set
  (eval/tone) added to training at DOMAIN_WEIGHT.
NewsMTSC figures are 5-fold cross-validated, grouped by article (no article in both train
and test); domain figures are 5-fold cross-validated grouped by document on the tone set,
the NewsMTSC data always in training. Every figure is of what ships: the composition rules
applied, the label read from the score at +-1/3 (metrics.actor_sentiment.model_score).
Then the last candidate is fitted on everything and written with its figures.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from compute.model import token_embeddings
from corpus.newsmtsc import read_newsmtsc
from corpus.tone_set import read_tone_set, tone_set_digest
from metrics.actor_sentiment import (
    LABELS,
    MODEL_THRESHOLD,
    clause_bounds,
    features,
    label_for,
    model_score,
)
from metrics.composition import compose
from metrics.embedding import pooled
from metrics.evaluation import Example, evaluate_examples
from metrics.fast.vader import lexicon
from sourcebias.paths import SENTIMENT_MODEL as MODEL_PATH

C = 0.1
MIN_COUNT = 2
DOMAIN_WEIGHT = 3.0
EMBEDDINGS = {
    "package": "wordllama",
    "weights": "weights/l2_supercat_256.safetensors",
    "tokenizer": "tokenizers/l2_supercat_tokenizer_config.json",
    "licence": "MIT (wordllama 0.4.0 wheel, PyPI)",
}


class Data:
    """Features of a list of examples: sparse dicts, dense pools, labels, groups, rules."""

    def __init__(self, examples: list[Example]) -> None:
        emb = token_embeddings(
            EMBEDDINGS["package"], EMBEDDINGS["weights"], EMBEDDINGS["tokenizer"]
        )
        self.sparse = [features(e.sentence, e.start, e.end) for e in examples]
        dense = []
        self.rules = []
        for e in examples:
            lo, hi = clause_bounds(e.sentence, e.start, e.end)
            dense.append(pooled(e.sentence, e.start, e.end, lo, hi, emb))
            self.rules.append(compose(e.sentence, e.start, e.end, lo, hi, lexicon()))
        self.dense = np.stack(dense) if dense else np.zeros((0, 6 * emb.dim), np.float32)
        self.y = np.array([e.label for e in examples])
        self.groups = np.array([e.group for e in examples])


Design = Callable[[DictVectorizer, Data, np.ndarray, bool], sp.csr_matrix]


def design(kind: str) -> Design:
    def build(vec: DictVectorizer, d: Data, idx: np.ndarray, fit: bool) -> sp.csr_matrix:
        rows = [d.sparse[i] for i in idx]
        parts = []
        if kind in ("sparse", "both"):
            parts.append(vec.fit_transform(rows) if fit else vec.transform(rows))
        if kind in ("embeddings", "both"):
            if fit and kind == "embeddings":
                vec.fit([{}])
            parts.append(sp.csr_matrix(d.dense[idx]))
        return sp.hstack(parts).tocsr()

    return build


def fit(build: Design, parts: list[tuple[Data, np.ndarray, float]]) -> tuple:
    """A model on the union of (data, rows, weight) parts, with its vectorizer."""
    vec = DictVectorizer()
    merged = Data.__new__(Data)
    merged.sparse = [p.sparse[i] for p, idx, _ in parts for i in idx]
    merged.dense = np.concatenate([p.dense[idx] for p, idx, _ in parts])
    y = np.concatenate([p.y[idx] for p, idx, _ in parts])
    w = np.concatenate([np.full(len(idx), wt) for _, idx, wt in parts])
    X = build(vec, merged, np.arange(len(y)), True)
    model = LogisticRegression(C=C, max_iter=4000, class_weight="balanced")
    model.fit(X, y, sample_weight=w)
    return model, vec


def scores(model, vec: DictVectorizer, build: Design, d: Data, idx: np.ndarray) -> np.ndarray:
    """The shipped score per example (metrics.actor_sentiment.model_score), composition
    rules applied."""
    probs = model.predict_proba(build(vec, d, idx, False))
    cls = [str(c) for c in model.classes_]
    raw = [model_score(dict(zip(cls, p, strict=True))) for p in probs]
    out = [d.rules[i].apply(s) if d.rules[i] else s for i, s in zip(idx, raw, strict=True)]
    return np.array(out)


def macro(y: np.ndarray, s: np.ndarray) -> tuple[float, dict[str, float]]:
    pred = [label_for(round(float(v), 6), MODEL_THRESHOLD) for v in s]
    per = f1_score(y, pred, average=None, labels=list(LABELS))
    return float(np.mean(per)), {k: round(float(v), 4) for k, v in zip(LABELS, per, strict=True)}


def cross_validate(kind: str, news: Data, dom: Data | None, use_domain: bool) -> dict:
    build = design(kind)
    news_s = np.zeros(len(news.y))
    folds = GroupKFold(n_splits=5)
    extra = [(dom, np.arange(len(dom.y)), DOMAIN_WEIGHT)] if dom is not None and use_domain else []
    t0 = time.perf_counter()
    for tr, te in folds.split(news.y, news.y, news.groups):
        model, vec = fit(build, [(news, tr, 1.0), *extra])
        news_s[te] = scores(model, vec, build, news, te)
    per_mention_ms = (time.perf_counter() - t0) / len(news.y) * 1000
    out: dict = {}
    dom_s = None
    if dom is not None and len(dom.y):
        dom_s = np.zeros(len(dom.y))
        n_splits = min(5, len(set(dom.groups)))
        for tr, te in GroupKFold(n_splits=n_splits).split(dom.y, dom.y, dom.groups):
            parts = [(news, np.arange(len(news.y)), 1.0)]
            if use_domain:
                parts.append((dom, tr, DOMAIN_WEIGHT))
            model, vec = fit(build, parts)
            dom_s[te] = scores(model, vec, build, dom, te)
    f, per = macro(news.y, news_s)
    out.update(newsmtsc_macro_f1=round(f, 4), newsmtsc_f1=per,
               fit_and_score_ms_per_mention=round(per_mention_ms, 3))  # fmt: skip
    if dom_s is not None:
        f, per = macro(dom.y, dom_s)
        out.update(domain_macro_f1=round(f, 4), domain_f1=per, domain_n=len(dom.y))
    return out


def main(path: str, domain_dir: str | None) -> None:
    news_examples = read_newsmtsc(Path(path))
    news = Data(news_examples)
    dom = None
    if domain_dir:
        tone = read_tone_set(Path(domain_dir))
        dom = Data([e for part in tone.examples.values() for e in part])
    table = {}
    for name, kind, use_domain in (
        ("sparse", "sparse", False),
        ("embeddings", "embeddings", False),
        ("sparse + embeddings", "both", False),
        ("sparse + domain", "sparse", True),
        ("sparse + embeddings + domain", "both", True),
    ):
        if use_domain and dom is None:
            continue
        table[name] = cross_validate(kind, news, dom, use_domain)
        r = table[name]
        line = f"{name:32s} NewsMTSC {r['newsmtsc_macro_f1']:.4f} {r['newsmtsc_f1']}"
        if "domain_macro_f1" in r:
            line += f" | domain {r['domain_macro_f1']:.4f} {r['domain_f1']}"
        print(line, flush=True)

    chosen = "sparse + embeddings + domain" if dom is not None else "sparse + embeddings"
    counts: dict[str, int] = {}
    for feats in news.sparse + (dom.sparse if dom else []):
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    for d in (news, *((dom,) if dom else ())):
        d.sparse = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in d.sparse]
    build = design("both")
    parts = [(news, np.arange(len(news.y)), 1.0)]
    if dom is not None:
        parts.append((dom, np.arange(len(dom.y)), DOMAIN_WEIGHT))
    model, vec = fit(build, parts)
    n_sparse = len(vec.feature_names_)
    coef = model.coef_.T
    ours_rules, baseline = evaluate_examples(news_examples, None)
    out = {
        "about": "Target sentiment: logistic regression on metrics.actor_sentiment.features "
        "and metrics.embedding pools, with metrics.composition rules on its score",
        "trained_on": "NewsMTSC train.jsonl (MIT licence, see metrics/models/NEWSMTSC_LICENSE)"
        + (" and the Afghanistan tone set eval/tone (CC BY 4.0)" if dom else ""),
        "n_train": len(news.y) + (len(dom.y) if dom else 0),
        "domain_weight": DOMAIN_WEIGHT if dom else None,
        "domain_sha256": tone_set_digest(Path(domain_dir)) if domain_dir else None,
        "train_sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
        "cv": "5-fold GroupKFold by article (NewsMTSC); 5-fold GroupKFold by document (domain)",
        "candidates": table,
        "chosen": chosen,
        "cv_macro_f1": table[chosen]["newsmtsc_macro_f1"],
        "cv_f1_per_class": table[chosen]["newsmtsc_f1"],
        "domain_macro_f1": table[chosen].get("domain_macro_f1"),
        "domain_f1_per_class": table[chosen].get("domain_f1"),
        "label_threshold": MODEL_THRESHOLD,
        "rules_macro_f1": round(ours_rules.macro_f1, 4),
        "sentence_vader_macro_f1": round(baseline.macro_f1, 4),
        "C": C,
        "embeddings": EMBEDDINGS,
        "classes": [str(c) for c in model.classes_],
        "features": list(vec.feature_names_),
        "weights": np.round(coef[:n_sparse], 5).tolist(),
        "dense_weights": np.round(coef[n_sparse:], 5).tolist(),
        "intercept": np.round(model.intercept_, 5).tolist(),
    }
    MODEL_PATH.write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({n_sparse} sparse features, {coef.shape[0] - n_sparse} dense)")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
