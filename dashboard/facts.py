"""What the pages state about the pipeline itself (limits, thresholds, the model's measured
accuracy), taken from the modules that define them so a page never repeats a number."""

from __future__ import annotations

from compute.model import model_info
from corpus.loaders import DEFAULT_MAX_BYTES, SUPPORTED
from corpus.manifest import SOURCE_TYPES
from metrics.aggregate import BOOTSTRAP_MAX_DOCS, RESAMPLES, SMALL_DOCS, SMALL_ITEMS
from metrics.attribution import MIN_QUOTE_WORDS
from metrics.emotive import STRONG_VALENCE
from metrics.readability import MIN_SENTENCES, MIN_SENTENCES_SMOG, MIN_WORDS

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
    "model_info",
]
