"""A typed wrapper around vaderSentiment, built once per process.

vaderSentiment re-reads its lexicon file on every construction and returns dicts; this is the
one border where its output becomes our dataclass.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@dataclass(frozen=True)
class Polarity:
    neg: float
    neu: float
    pos: float
    compound: float


NEUTRAL = Polarity(0.0, 1.0, 0.0, 0.0)


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def lexicon() -> dict[str, float]:
    """Word -> valence (-4..4) of VADER's lexicon (lower-case keys)."""
    return analyzer().lexicon


@functools.lru_cache(maxsize=65_536)
def polarity(text: str) -> Polarity:
    """VADER scores of a text; empty or blank text is exactly neutral."""
    if not text or not text.strip():
        return NEUTRAL
    s = analyzer().polarity_scores(text)
    return Polarity(s["neg"], s["neu"], s["pos"], s["compound"])
