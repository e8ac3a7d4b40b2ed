"""Readability formulas via textstat's pure backend, offline and without global state.

textstat's public object has a process-wide `set_lang()`; its backend functions take the
language as an argument instead, so concurrent dashboard sessions cannot disturb each other.
What counts as too short to score is decided here; the figures come from the one-pass fast
path in metrics.fast.textstat, tested equal to textstat's own functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from metrics.fast import textstat

MIN_WORDS = 100
MIN_SENTENCES = 3
MIN_SENTENCES_SMOG = 10
FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "dale_chall",
)


@dataclass(frozen=True)
class Readability:
    """Scores, or None with a reason in `missing` when the text is too short for a formula."""

    n_words: int
    n_sentences: int
    mean_sentence_length: float | None
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    dale_chall: float | None
    missing: dict[str, str] = field(default_factory=dict, compare=False)

    def score(self, name: str) -> float | None:
        return getattr(self, name)


def _too_short(n_words: int, n_sentences: int) -> dict[str, str]:
    reason = (
        f"too little text: {n_words} words in {n_sentences} sentences "
        f"(needs {MIN_WORDS} words and {MIN_SENTENCES} sentences)"
    )
    return dict.fromkeys(FORMULAS, reason)


def _result(
    n_words: int, n_sentences: int, values: dict[str, float | None], missing: dict[str, str]
) -> Readability:
    mean_len = n_words / n_sentences if n_sentences else None
    if mean_len is None:
        missing["mean_sentence_length"] = "no sentences"
    return Readability(
        n_words=n_words,
        n_sentences=n_sentences,
        mean_sentence_length=mean_len,
        missing=missing,
        **{k: (None if values.get(k) is None else float(values[k])) for k in FORMULAS},
    )


def _smog_missing(n_sentences: int) -> str:
    return f"SMOG needs {MIN_SENTENCES_SMOG} sentences; this text has {n_sentences}"


def readability_textstat(text: str, lang: str = "en_US") -> Readability:
    """The straightforward implementation: textstat's formulas called one by one. Slow on
    long texts; `readability` is tested to give exactly these results."""
    n_words, n_sentences = textstat.reference_counts(text)
    if n_words < MIN_WORDS or n_sentences < MIN_SENTENCES:
        return _result(n_words, n_sentences, {}, _too_short(n_words, n_sentences))
    smog = n_sentences >= MIN_SENTENCES_SMOG
    missing = {} if smog else {"smog_index": _smog_missing(n_sentences)}
    return _result(n_words, n_sentences, textstat.reference_scores(text, lang, smog), missing)


def readability(text: str, lang: str = "en_US") -> Readability:
    """Readability of already-cleaned text (residue removed): each formula or None + reason."""
    found = textstat.count(text)
    n_words, n_sentences = found.n_words, found.n_sentences
    if n_words < MIN_WORDS or n_sentences < MIN_SENTENCES:
        return _result(n_words, n_sentences, {}, _too_short(n_words, n_sentences))
    smog = n_sentences >= MIN_SENTENCES_SMOG
    missing = {} if smog else {"smog_index": _smog_missing(n_sentences)}
    return _result(n_words, n_sentences, textstat.scores(text, found, lang, smog), missing)
