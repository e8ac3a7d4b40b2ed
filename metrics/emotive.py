"""Emotive language: strongly valenced words, sentence tone, exclamations, "we"-voice.

First-person plural ("we", "our") marks an organisation speaking for itself; it is counted
in the author's own words only (outside quotations) when quote spans are given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from metrics.fast.vader import lexicon, polarity
from metrics.segment import Inside, Span, space_cuts

STRONG_VALENCE = 2.0
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Oo]urselves|us)\b")


@dataclass(frozen=True)
class Emotive:
    n_words: int
    n_strong: int
    strong_share: float | None
    mean_sentence_tone: float | None
    exclamations_per_1000: float | None
    first_plural_per_1000: float | None


def emotive(
    text: str, sentence_spans: Sequence[Span] = (), quoted: Sequence[tuple[int, int]] = ()
) -> Emotive:
    """Emotive figures of `text`; tone is the mean VADER compound of the given sentences."""
    lex = lexicon()
    n = strong = 0
    for a, b in space_cuts(text):
        tokens = _WORD.findall(text, a, b)
        n += len(tokens)
        strong += sum(1 for t in tokens if abs(lex.get(t.lower(), 0.0)) >= STRONG_VALENCE)
    tones = [polarity(text[s.start : s.end]).compound for s in sentence_spans]
    exclamations = text.count("!")
    inside = Inside(quoted)
    first_plural = sum(1 for m in _FIRST_PLURAL.finditer(text) if not inside.holds(m.start()))
    per_k = (lambda x: 1000 * x / n) if n else (lambda x: None)
    return Emotive(
        n_words=n,
        n_strong=strong,
        strong_share=strong / n if n else None,
        mean_sentence_tone=sum(tones) / len(tones) if tones else None,
        exclamations_per_1000=per_k(exclamations),
        first_plural_per_1000=per_k(first_plural),
    )
