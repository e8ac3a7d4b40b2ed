"""What the pages state about the pipeline itself (limits, thresholds, the model's measured
accuracy), taken from the modules that define them so a page never repeats a number."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from compute.model import model_info
from compute.training import ADAPT_CHECK, CORPUS_WEIGHT, MIN_ADAPT_LABELS
from corpus.labels import LABELS as LABEL_CHOICES
from corpus.loaders import DEFAULT_MAX_BYTES, SUPPORTED
from corpus.manifest import SOURCE_TYPES
from metrics.actor_sentiment import LOW_CONFIDENCE
from metrics.aggregate import FULL_DOCS, MIN_INTERVAL_DOCS, SMALL_DOCS, SMALL_ITEMS
from metrics.attribution import MIN_QUOTE_WORDS
from metrics.composition import RULES
from metrics.emotive import STRONG_VALENCE
from metrics.language import language_name
from metrics.readability import MIN_SENTENCES, MIN_SENTENCES_SMOG, MIN_WORDS
from metrics.reprints import CONTAINMENT, SHINGLE_WORDS
from metrics.resolve import WINDOW_SENTENCES
from metrics.stories import THRESHOLD as STORY_THRESHOLD
from metrics.stories import WINDOW_DAYS as STORY_WINDOW_DAYS
from metrics.validation import FLAG_DIFFERENCE
from sourcebias.paths import ATTRIBUTION_RESULTS, MENTION_RESULTS, STORY_RESULTS, TONE_RESULTS
from store.schema import CORRECTION_SCORES, Label

# One definition of "tone toward an actor in a group", used by every chart and by Evidence
# (aggregates.queries.tone_estimates and evidence_totals): each document counts once.
TONE_MEASURE = (
    "tone = mean over documents of each document's mean mention score "
    "(−1 hostile … +1 favourable), 95% interval over documents"
)
TONE_AXIS = "Tone: mean of document means (95% CI)"


def _effect(floor: float, ceiling: float, scale: float) -> str:
    parts = []
    if scale != 1.0:
        parts.append(f"score × {scale:g}")
    if floor > -1.0:
        parts.append(f"at least {floor:+.2f}")
    if ceiling < 1.0:
        parts.append(f"at most {ceiling:+.2f}")
    return ", ".join(parts)


RULE_EFFECTS = {name: _effect(*bounds) for name, bounds in RULES.items()}


@cache
def _saved(path: Path) -> dict:
    """A labelled set's committed figures (its `sourcebias eval ... --save` file), or {} when
    the file is missing or unreadable: the page then says the figures are missing."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def attribution_accuracy() -> dict:
    return _saved(ATTRIBUTION_RESULTS)


def tone_accuracy() -> dict:
    return _saved(TONE_RESULTS)


def mention_accuracy() -> dict:
    return _saved(MENTION_RESULTS)


TONE_CHOICES = LABEL_CHOICES["tone"]
# an attribution item's own labels; "missed attribution" is a mark on the passage instead
ATTRIBUTION_LABELS = tuple(x for x in LABEL_CHOICES["attribution"] if x != "missed attribution")


def story_accuracy() -> dict:
    return _saved(STORY_RESULTS)


def rate(pair: list[int] | None) -> str:
    """'0.961 (98/102)' from [hits, total]."""
    if not pair or not pair[1]:
        return "–"
    return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})"


__all__ = [
    "ADAPT_CHECK",
    "ATTRIBUTION_LABELS",
    "CONTAINMENT",
    "CORPUS_WEIGHT",
    "CORRECTION_SCORES",
    "DEFAULT_MAX_BYTES",
    "FLAG_DIFFERENCE",
    "FULL_DOCS",
    "LOW_CONFIDENCE",
    "MIN_ADAPT_LABELS",
    "MIN_INTERVAL_DOCS",
    "MIN_QUOTE_WORDS",
    "MIN_SENTENCES",
    "MIN_SENTENCES_SMOG",
    "MIN_WORDS",
    "RULE_EFFECTS",
    "SHINGLE_WORDS",
    "SMALL_DOCS",
    "SMALL_ITEMS",
    "SOURCE_TYPES",
    "STORY_THRESHOLD",
    "STORY_WINDOW_DAYS",
    "STRONG_VALENCE",
    "SUPPORTED",
    "TONE_AXIS",
    "TONE_CHOICES",
    "TONE_MEASURE",
    "WINDOW_SENTENCES",
    "Label",
    "attribution_accuracy",
    "language_name",
    "mention_accuracy",
    "model_info",
    "rate",
    "story_accuracy",
    "tone_accuracy",
]
