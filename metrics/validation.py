"""Checking the model on an analyst's own corpus (issue 17): a reproducible stratified sample
to label, and what the labels say about the model per source group.

No tone or attribution model is right on every corpus; a comparative dashboard is misled
most by errors that differ between the groups it compares (a model that reads one outlet's
idiom as hostile creates a gap that is not there). So accuracy is reported per group, with
intervals honest at small n (Wilson), beside the difference of the groups' error rates
(Newcombe's interval for a difference of two proportions) and a flag when that difference
is large enough to move an Overview gap. Pure functions: labels in, frozen records out.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Z_95 = 1.959963984540054
TONE_LABELS = ("negative", "neutral", "positive")
WRONG_ACTOR = "wrong actor"
# A difference in error rates between two groups this large (ten points) can create or hide
# a gap of the size the Overview headlines, so it is flagged.
FLAG_DIFFERENCE = 0.10


def _rank(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def stratified_sample(items: Iterable[tuple[str, str, str]], n: int, seed: int = 0) -> list[str]:
    """Keys of up to `n` items from (key, group, actor) triples, spread as evenly as possible
    over the (group, actor) strata: each stratum in a seeded pseudo-random order, strata
    taken in turn. The same items and seed give the same sample in the same order, so a
    second analyst labels the same items; asking for more extends the sample, never
    reshuffles it."""
    strata: dict[tuple[str, str], list[str]] = {}
    for key, group, actor in items:
        strata.setdefault((group, actor), []).append(key)
    queues = [
        sorted(keys, key=lambda k: _rank(seed, k))
        for _, keys in sorted(strata.items(), key=lambda kv: _rank(seed, repr(kv[0])))
    ]
    out: list[str] = []
    depth = 0
    while len(out) < n and any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q) and len(out) < n:
                out.append(q[depth])
        depth += 1
    return out


def wilson(hits: int, n: int) -> tuple[float, float] | None:
    """Wilson 95% interval of a proportion: honest at small n, never outside [0, 1]."""
    if n <= 0:
        return None
    p = hits / n
    centre = (p + Z_95**2 / (2 * n)) / (1 + Z_95**2 / n)
    half = Z_95 * math.sqrt(p * (1 - p) / n + Z_95**2 / (4 * n * n)) / (1 + Z_95**2 / n)
    low = 0.0 if hits == 0 else max(0.0, min(p, centre - half))
    high = 1.0 if hits == n else min(1.0, max(p, centre + half))
    return low, high


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Sequence[str] = TONE_LABELS) -> float:
    """Mean over `labels` of F1, from (analyst's label, model's label) pairs; a label that
    neither side used scores nothing and is left out of the mean."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True)
class GroupAccuracy:
    group: str
    n: int  # labelled items with a tone label (wrong-actor items counted apart)
    correct: int
    accuracy: float | None
    low: float | None
    high: float | None
    macro_f1: float | None
    wrong_actor: int  # items the analyst said are not the actor at all
    confusion: tuple[tuple[str, str, int], ...]  # (analyst, model, count)


def accuracy_by_group(labelled: Iterable[tuple[str, str, str]]) -> tuple[GroupAccuracy, ...]:
    """Per group, from (group, analyst's label, model's label): accuracy with its Wilson
    interval, macro-F1, the confusion counts, and how many items were the wrong actor."""
    by_group: dict[str, list[tuple[str, str]]] = {}
    wrong: Counter[str] = Counter()
    for group, gold, predicted in labelled:
        if gold == WRONG_ACTOR:
            wrong[group] += 1
            by_group.setdefault(group, [])
            continue
        by_group.setdefault(group, []).append((gold, predicted))
    out = []
    for group in sorted(by_group):
        pairs = by_group[group]
        n = len(pairs)
        correct = sum(g == p for g, p in pairs)
        interval = wilson(correct, n)
        out.append(
            GroupAccuracy(
                group, n, correct,
                correct / n if n else None,
                interval[0] if interval else None,
                interval[1] if interval else None,
                macro_f1(pairs) if n else None,
                wrong[group],
                tuple(sorted((g, p, c) for (g, p), c in Counter(pairs).items())),
            )
        )  # fmt: skip
    return tuple(out)


@dataclass(frozen=True)
class ErrorGap:
    a: str
    b: str
    error_a: float
    error_b: float
    difference: float  # error_a - error_b
    low: float
    high: float
    flagged: bool  # large enough to create or hide a gap between the two groups


def error_gaps(
    accuracies: Sequence[GroupAccuracy], flag: float = FLAG_DIFFERENCE
) -> tuple[ErrorGap, ...]:
    """For each pair of groups with labels: the difference of their error rates with
    Newcombe's 95% interval (from the two Wilson intervals), flagged when it is at least
    `flag` and its interval leaves out zero."""
    usable = [a for a in accuracies if a.n and a.accuracy is not None]
    out = []
    for i, x in enumerate(usable):
        for y in usable[i + 1 :]:
            ex, ey = 1 - x.accuracy, 1 - y.accuracy  # type: ignore[operator]
            lx, hx = 1 - x.high, 1 - x.low  # type: ignore[operator]
            ly, hy = 1 - y.high, 1 - y.low  # type: ignore[operator]
            d = ex - ey
            low = d - math.sqrt((ex - lx) ** 2 + (hy - ey) ** 2)
            high = d + math.sqrt((hx - ex) ** 2 + (ey - ly) ** 2)
            flagged = abs(d) >= flag and (low > 0 or high < 0)
            out.append(ErrorGap(x.group, y.group, ex, ey, d, low, high, flagged))
    return tuple(out)


@dataclass(frozen=True)
class Agreement:
    n: int  # items both analysts labelled
    alpha: float | None  # Krippendorff's alpha, nominal
    identical: int
    disagreements: tuple[tuple[str, str, str], ...]  # (item, first label, second label)


def agreement(first: dict[str, str], second: dict[str, str]) -> Agreement:
    """Two analysts' labels of the same items: Krippendorff's alpha (the `krippendorff`
    package, nominal) and the items they disagree on."""
    both = sorted(set(first) & set(second))
    disagreements = tuple((k, first[k], second[k]) for k in both if first[k] != second[k])
    if not both:
        return Agreement(0, None, 0, ())
    used = {first[k] for k in both} | {second[k] for k in both}
    codes = {label: i for i, label in enumerate(sorted(used))}
    alpha: float | None
    if len(codes) < 2:
        alpha = None  # one label throughout: agreement is total but alpha is undefined
    else:
        import krippendorff

        data = [[codes[first[k]] for k in both], [codes[second[k]] for k in both]]
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return Agreement(len(both), alpha, len(both) - len(disagreements), disagreements)
