"""Stories: documents about the same event, whoever wrote them (issue 18).

A raw gap between two source groups mixes how they write with what they write about: a week
of battle reports reads more hostile than a week of talks whoever reports it. Grouping
documents into stories lets a comparison hold the event fixed. Two documents are linked when
the cosine similarity of their TF-IDF vectors (scikit-learn; words of three letters or more,
English stop words out, sublinear term frequency) is at least `threshold` and their dates
are at most `window_days` apart (an undated document is compared with every other); a story
is a connected group of linked documents. Event-specific words (places, names, figures) are
rare in a corpus and weigh most, so two outlets' accounts of one event meet while two
accounts of different battles do not. Pure: texts and dates in, groups out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.5
WINDOW_DAYS = 3
ROWS_PER_BLOCK = 2000


@dataclass(frozen=True)
class StoryDoc:
    doc_id: str
    date: dt.date | None
    text: str


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _vectors(docs: Sequence[StoryDoc]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_][\w'-]{2,}\b|\b\d[\d,.]*\b",
        dtype=np.float32,
    )
    try:
        return vec.fit_transform([d.text for d in docs])
    except ValueError:  # no words at all
        return None


def nearest_pairs(
    docs: Sequence[StoryDoc], k: int = 5, window_days: int = WINDOW_DAYS
) -> list[tuple[str, str, float]]:
    """The `k` most similar pairs of documents within the date window, most similar first:
    what an analyst needs to see when no story forms (how far the threshold is)."""
    if len(docs) < 2 or len(docs) > ROWS_PER_BLOCK:
        return []
    x = _vectors(docs)
    if x is None:
        return []
    sim = (x @ x.T).toarray()
    out = []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            a, b = docs[i].date, docs[j].date
            if a is not None and b is not None and abs((a - b).days) > window_days:
                continue
            out.append((docs[i].doc_id, docs[j].doc_id, float(sim[i, j])))
    return sorted(out, key=lambda t: -t[2])[:k]


def story_groups(
    docs: Sequence[StoryDoc], threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS
) -> list[list[str]]:
    """Stories of two or more documents, each a list of ids (largest first); a document in
    no story is left out."""
    if len(docs) < 2:
        return []
    x = _vectors(docs)
    if x is None:
        return []
    days = np.array(
        [d.date.toordinal() if d.date is not None else -1 for d in docs], dtype=np.int64
    )
    parent = list(range(len(docs)))
    for lo in range(0, len(docs), ROWS_PER_BLOCK):
        block = (x[lo : lo + ROWS_PER_BLOCK] @ x.T).tocoo()
        keep = block.data >= threshold
        rows, cols = block.row[keep] + lo, block.col[keep]
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if i >= j:
                continue
            if days[i] >= 0 and days[j] >= 0 and abs(days[i] - days[j]) > window_days:
                continue
            ri, rj = _find(parent, i), _find(parent, j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[str]] = {}
    for i in range(len(docs)):
        groups.setdefault(_find(parent, i), []).append(docs[i].doc_id)
    out = [sorted(g) for g in groups.values() if len(g) > 1]
    return sorted(out, key=lambda g: (-len(g), g[0]))


def pairwise_scores(
    predicted: Sequence[Sequence[str]], truth: dict[str, str], ids: Sequence[str]
) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a grouping against true group labels: over all
    pairs of `ids`, a pair is predicted together when in one predicted group and truly
    together when its labels match."""
    by_truth: dict[str, list[str]] = {}
    for d in ids:
        by_truth.setdefault(truth[d], []).append(d)
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in by_truth.values())
    predicted_pairs = sum(len(g) * (len(g) - 1) // 2 for g in predicted)
    hits = 0
    for g in predicted:
        labels: dict[str, int] = {}
        for d in g:
            labels[truth[d]] = labels.get(truth[d], 0) + 1
        hits += sum(n * (n - 1) // 2 for n in labels.values())
    p = hits / predicted_pairs if predicted_pairs else 1.0
    r = hits / true_pairs if true_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
