"""Sentiment toward one mention, not toward the whole sentence.

Two engines share one feature extractor, which looks at the target's own clause, a window of
words either side of it, and the words to its left and right:
- "model" (default): a multinomial logistic regression over those features, trained on
  NewsMTSC by `scripts/train_sentiment.py` and shipped as plain JSON weights (no pickle, no
  download). Cross-validated macro-F1 on NewsMTSC: see metrics/models/target_sentiment.json.
  The file is read at the edge (compute.model) and the model passed in: this core does no I/O.
- "rules": VADER's compound score of the target's clause, the transparent baseline.
So in "the regime is corrupt while the Mujahideen are pure" each actor is scored from its own
clause, not from the sentence average.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from metrics.composition import compose
from metrics.embedding import TokenEmbeddings, pooled
from metrics.fast.vader import lexicon, polarity

Sentiment = Literal["negative", "neutral", "positive"]
ENGINES = ("model", "rules")
LABELS = ("negative", "neutral", "positive")
RULE_THRESHOLD = 0.05  # rules engine: VADER's own cut-off on its compound score
MODEL_THRESHOLD = round(1 / 3, 6)  # model: see model_score (rounded as scores are stored)
WINDOW = 6

CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,?\s+\b(?:but|while|whereas|although|though|yet|because|however|despite)\b"
    r"|,\s+(?:and|which|who)\b",
    re.I,
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[!?]")


# Below this probability of its own label a model reading is marked low-confidence.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class MentionSentiment:
    """The reading of one mention.

    score: in [-1, 1]; for the model see `model_score`, for the rules engine VADER's
    compound of the target's clause. label: follows from the score alone (positive at or
    above the engine's threshold, negative at or below minus it, neutral between), so a
    label and its score never disagree. confidence: the model's probability of that label
    (1.0 for the rules engine, which has none); rule: the composition rule that moved it."""

    label: Sentiment
    score: float
    clause_start: int
    clause_end: int
    confidence: float = 1.0
    rule: str | None = None

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def model_score(probs: dict[str, float]) -> float:
    """The model's score of a mention: the signed probability of its most probable label.
    Read positive: +P(positive), at least 1/3; read negative: -P(negative), at most -1/3;
    read neutral: 2/3 (P(positive) - P(negative)), strictly between. So the label is the
    score read at +-1/3 (MODEL_THRESHOLD), the most probable class is kept (thresholding
    P(positive) - P(negative) instead cost 2-3 points of macro-F1 in cross-validation), and
    a mean of scores weighs each reading by how sure the model is of it."""
    pos, neu, neg = (
        probs.get("positive", 0.0),
        probs.get("neutral", 0.0),
        probs.get("negative", 0.0),
    )
    if pos > neu and pos >= neg:
        return max(pos, MODEL_THRESHOLD)
    if neg > neu and neg > pos:
        return -max(neg, MODEL_THRESHOLD)
    edge = MODEL_THRESHOLD - 1e-6
    return min(edge, max(-edge, (pos - neg) * 2 / 3))


def label_for(score: float, threshold: float) -> Sentiment:
    """The label a score reads as: one rule for every mention and every page."""
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `sentence` holding the target span [start, end)."""
    lo, hi = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.start() <= start:
            lo = m.start()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


@dataclass(frozen=True)
class _SentenceIndex:
    """A sentence tokenised once, with its clause breaks: several mentions often share a
    sentence, and each needs the tokens left and right of it and of its clause."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    tokens: tuple[str, ...]
    breaks: tuple[int, ...]

    def before(self, pos: int) -> list[str] | None:
        """Tokens of sentence[:pos], or None if a token straddles `pos` (cut, it would
        tokenise differently)."""
        k = bisect.bisect_right(self.ends, pos)
        if k < len(self.starts) and self.starts[k] < pos:
            return None
        return list(self.tokens[:k])

    def after(self, pos: int) -> list[str] | None:
        """Tokens of sentence[pos:], or None if a token straddles `pos`."""
        k = bisect.bisect_left(self.starts, pos)
        if k > 0 and self.ends[k - 1] > pos:
            return None
        return list(self.tokens[k:])

    def between(self, lo: int, hi: int) -> list[str] | None:
        """Tokens of sentence[lo:hi], or None if a token straddles either end."""
        k = bisect.bisect_left(self.starts, lo)
        if k > 0 and self.ends[k - 1] > lo:
            return None
        j = bisect.bisect_right(self.ends, hi, lo=k)
        if j < len(self.starts) and self.starts[j] < hi:
            return None
        return list(self.tokens[k:j])


@functools.lru_cache(maxsize=512)
def _index(sentence: str) -> _SentenceIndex:
    matches = list(_TOKEN.finditer(sentence))
    return _SentenceIndex(
        tuple(m.start() for m in matches),
        tuple(m.end() for m in matches),
        tuple(m.group().lower() for m in matches),
        tuple(m.start() for m in CLAUSE_BREAK.finditer(sentence)),
    )


def _bounds(index: _SentenceIndex, length: int, start: int, end: int) -> tuple[int, int]:
    """clause_bounds from the sentence's cached, sorted clause breaks: the last break at or
    before the mention and the first at or after its end (binary searches, so a sentence
    with many breaks and many mentions stays cheap)."""
    i = bisect.bisect_right(index.breaks, start)
    j = bisect.bisect_left(index.breaks, end, lo=i)
    lo = index.breaks[i - 1] if i else 0
    hi = index.breaks[j] if j < len(index.breaks) else length
    return lo, hi


def features(
    sentence: str, start: int, end: int, bounds: tuple[int, int] | None = None
) -> dict[str, float]:
    """Target-aware features of the mention at [start, end) of `sentence`.

    Tokens come from the sentence's cached index when no token straddles a cut, else from
    tokenising the cut text as `features_plain` does; both give the same features (tested).
    """
    index = _index(sentence)
    lo, hi = bounds or _bounds(index, len(sentence), start, end)
    lt = index.before(start)
    if lt is None:
        lt = _tokens(sentence[:start])
    rt = index.after(end)
    if rt is None:
        rt = _tokens(sentence[end:])
    ct = index.between(lo, hi)
    if ct is None:
        ct = _tokens(sentence[lo:hi])
    return _assemble(sentence, start, end, lo, hi, lt, rt, ct)


def features_plain(
    sentence: str, start: int, end: int, bounds: tuple[int, int] | None = None
) -> dict[str, float]:
    """The straightforward feature extraction, kept as the reference `features` is tested
    against: every cut of the sentence tokenised afresh."""
    lo, hi = bounds or clause_bounds(sentence, start, end)
    lt, rt = _tokens(sentence[:start]), _tokens(sentence[end:])
    return _assemble(sentence, start, end, lo, hi, lt, rt, _tokens(sentence[lo:hi]))


def _assemble(
    sentence: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    lt: list[str],
    rt: list[str],
    ct: list[str],
) -> dict[str, float]:
    clause = sentence[lo:start] + " " + sentence[end:hi]
    f: dict[str, float] = {}
    for name, text in (
        ("sent", sentence),
        ("clause", clause),
        ("lwin", " ".join(lt[-WINDOW:])),
        ("rwin", " ".join(rt[:WINDOW])),
    ):
        p = polarity(text)
        f[name + "_c"] = p.compound
        f[name + "_pos"] = p.pos
        f[name + "_neg"] = p.neg
    for i, w in enumerate(reversed(lt[-10:])):
        f["L:" + w] = 1.0
        if i < 3:
            f["L3:" + w] = 1.0
    for i, w in enumerate(rt[:10]):
        f["R:" + w] = 1.0
        if i < 3:
            f["R3:" + w] = 1.0
    for w in ct:
        f["C:" + w] = 1.0
    for x, y in zip(rt[:6], rt[1:7], strict=False):  # noqa: RUF007 (bigrams of a window)
        f["R2:" + x + "_" + y] = 1.0
    for x, y in zip(lt[-6:], lt[-5:], strict=False):
        f["L2:" + x + "_" + y] = 1.0
    f["has_quote"] = float('"' in sentence or "“" in sentence)
    f["start"] = float(start < 3)
    return f


@dataclass(frozen=True, eq=False)
class LinearModel:
    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: tuple[tuple[float, ...], ...]  # one row per feature, one column per class
    intercept: tuple[float, ...]
    rules: bool = True  # apply metrics.composition to the score
    dense: np.ndarray | None = None  # (6 x dim, classes) weights of the embedding pools
    embeddings: TokenEmbeddings | None = None
    _rows: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = {name: self.weights[i] for name, i in self.vocabulary.items()}
        object.__setattr__(self, "_rows", rows)

    def logits_plain(self, feats: dict[str, float]) -> list[float]:
        """The straightforward sum, kept as the reference `logits` is tested against."""
        logits = list(self.intercept)
        for name, value in feats.items():
            idx = self.vocabulary.get(name)
            if idx is not None and value:
                row = self.weights[idx]
                for k in range(len(logits)):
                    logits[k] += row[k] * value
        return logits

    def logits(self, feats: dict[str, float]) -> list[float]:
        """Intercept plus weights of the present features, summed in the features' order.

        With three classes the per-class loop is unrolled (the same additions in the same
        order, so the same floats): this sum runs once per mention, dozens per article.
        """
        if len(self.intercept) != 3:
            return self.logits_plain(feats)
        rows = self._rows
        l0, l1, l2 = self.intercept
        for name, value in feats.items():
            row = rows.get(name)
            if row is not None and value:
                l0 += row[0] * value
                l1 += row[1] * value
                l2 += row[2] * value
        return [l0, l1, l2]

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        return _softmax(self.classes, self.logits(feats))


def _softmax(classes: tuple[str, ...], logits: list[float]) -> dict[str, float]:
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return {c: e / total for c, e in zip(classes, exps, strict=True)}


def model_from_json(
    data: dict, rules: bool = True, embeddings: TokenEmbeddings | None = None
) -> LinearModel:
    """The model a JSON file describes; `embeddings` are required when it has dense
    weights (the file names the table it was trained with)."""
    names = data["features"]
    dense = None
    if data.get("dense_weights") is not None:
        if embeddings is None:
            raise ValueError("this model needs the token embeddings it was trained with")
        dense = np.asarray(data["dense_weights"], dtype=np.float32)
    return LinearModel(
        classes=tuple(data["classes"]),
        vocabulary={n: i for i, n in enumerate(names)},
        weights=tuple(tuple(row) for row in data["weights"]),
        intercept=tuple(data["intercept"]),
        rules=rules,
        dense=dense,
        embeddings=embeddings if dense is not None else None,
    )


def model_card(data: dict[str, Any]) -> dict[str, Any]:
    """What a model file says about itself (training data, CV figures), without weights."""
    return {
        k: v
        for k, v in data.items()
        if k not in ("features", "weights", "intercept", "dense_weights")
    }


def score_mention(
    sentence: str, start: int, end: int, model: LinearModel | None
) -> MentionSentiment:
    """Sentiment toward the mention at [start, end) of `sentence` (offsets within it), by
    `model` with the composition rules (metrics.composition) bounding its score, or by the
    rules engine (clause-level VADER) when `model` is None."""
    lo, hi = _bounds(_index(sentence), len(sentence), start, end)
    if model is None:
        compound = polarity(sentence[lo:start] + " " + sentence[end:hi]).compound
        return MentionSentiment(label_for(compound, RULE_THRESHOLD), compound, lo, hi)
    logits = model.logits(features(sentence, start, end, (lo, hi)))
    if model.dense is not None and model.embeddings is not None:
        extra = pooled(sentence, start, end, lo, hi, model.embeddings) @ model.dense
        logits = [v + float(x) for v, x in zip(logits, extra, strict=True)]
    probs = _softmax(model.classes, logits)
    score = model_score(probs)
    rule = compose(sentence, start, end, lo, hi, lexicon()) if model.rules else None
    if rule is not None:
        score = rule.apply(score)
    score = round(score, 6)
    label = label_for(score, MODEL_THRESHOLD)
    return MentionSentiment(
        label, score, lo, hi, round(probs[label], 6), rule.rule if rule else None
    )
