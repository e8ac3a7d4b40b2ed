"""What the pages state about the pipeline itself (limits, thresholds, the model's measured
accuracy), taken from the modules that define them so a page never repeats a number."""

from __future__ import annotations

import json
from functools import cache

from compute.model import model_info
from corpus.loaders import DEFAULT_MAX_BYTES, SUPPORTED
from corpus.manifest import SOURCE_TYPES
from metrics.aggregate import BOOTSTRAP_MAX_DOCS, RESAMPLES, SMALL_DOCS, SMALL_ITEMS
from metrics.attribution import MIN_QUOTE_WORDS
from metrics.emotive import STRONG_VALENCE
from metrics.readability import MIN_SENTENCES, MIN_SENTENCES_SMOG, MIN_WORDS
from metrics.resolve import WINDOW_SENTENCES
from sourcebias.paths import MENTION_RESULTS


@cache
def mention_accuracy() -> dict:
    """The mention dev set's committed figures (`sourcebias eval mentions --save`), or {}
    when the file is missing."""
    try:
        return json.loads(MENTION_RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def rate(pair: list[int] | None) -> str:
    """'0.961 (98/102)' from [hits, total]."""
    if not pair or not pair[1]:
        return "–"
    return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})"


__all__ = [
    "BOOTSTRAP_MAX_DOCS",
    "DEFAULT_MAX_BYTES",
    "MIN_QUOTE_WORDS",
    "MIN_SENTENCES",
    "MIN_SENTENCES_SMOG",
    "MIN_WORDS",
    "RESAMPLES",
    "SMALL_DOCS",
    "SMALL_ITEMS",
    "SOURCE_TYPES",
    "STRONG_VALENCE",
    "SUPPORTED",
    "WINDOW_SENTENCES",
    "mention_accuracy",
    "model_info",
    "rate",
]
