"""Train the target-sentiment model shipped in metrics/models/target_sentiment.json.

Usage: python scripts/train_sentiment.py eval/newsmtsc/train.jsonl [eval/tone]
       python scripts/train_sentiment.py --adapt-check
The recipe's functions live in compute.training, which the dashboard's "adapt" reruns.

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

--adapt-check chooses compute.training.CORPUS_WEIGHT: the tone set plays an analyst's
corpus labels, 5-fold cross-validated by document, NewsMTSC always in training; each weight
is compared with NewsMTSC alone on the same held-out items.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from compute.training import (
    DOMAIN_WEIGHT,
    Data,
    design,
    fit,
    model_json,
    predicted,
    prune,
    scores,
)
from corpus.newsmtsc import read_newsmtsc
from corpus.tone_set import read_tone_set, tone_set_digest
from metrics.actor_sentiment import LABELS
from metrics.evaluation import evaluate_examples
from sourcebias.paths import NEWSMTSC_TRAIN, TONE_SET
from sourcebias.paths import SENTIMENT_MODEL as MODEL_PATH


def macro(y: np.ndarray, s: np.ndarray) -> tuple[float, dict[str, float]]:
    per = f1_score(y, predicted(s), average=None, labels=list(LABELS))
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
    prune([news, *((dom,) if dom else ())])
    build = design("both")
    parts = [(news, np.arange(len(news.y)), 1.0)]
    if dom is not None:
        parts.append((dom, np.arange(len(dom.y)), DOMAIN_WEIGHT))
    model, vec = fit(build, parts)
    n_sparse = len(vec.feature_names_)
    ours_rules, baseline = evaluate_examples(news_examples, None)
    card = {
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
        "rules_macro_f1": round(ours_rules.macro_f1, 4),
        "sentence_vader_macro_f1": round(baseline.macro_f1, 4),
    }
    out = model_json(model, vec, card)
    MODEL_PATH.write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({n_sparse} sparse features, {len(out['dense_weights'])} dense)")


def adapt_check(weights: tuple[float, ...] = (1.0, 3.0, 5.0, 10.0, 20.0)) -> None:
    """Which weight a corpus's labels should get: the tone set plays the analyst's labels."""
    news = Data(read_newsmtsc(NEWSMTSC_TRAIN))
    tone = read_tone_set(TONE_SET)
    dom = Data([e for part in tone.examples.values() for e in part])
    build = design("both")
    folds = list(GroupKFold(n_splits=5).split(dom.y, dom.y, dom.groups))
    for weight in (0.0, *weights):
        s = np.zeros(len(dom.y))
        for tr, te in folds:
            parts = [(news, np.arange(len(news.y)), 1.0)]
            if weight:
                parts.append((dom, tr, weight))
            model, vec = fit(build, parts)
            s[te] = scores(model, vec, build, dom, te)
        f, per = macro(dom.y, s)
        acc = float(np.mean(np.array(predicted(s)) == dom.y))
        print(
            f"corpus weight {weight:>4}: held-out macro-F1 {f:.4f} accuracy {acc:.4f} {per}",
            flush=True,
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["--adapt-check"]:
        adapt_check()
    elif len(sys.argv) in (2, 3):
        main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
    else:
        sys.exit(__doc__)
