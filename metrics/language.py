"""Which language each paragraph is in, so English-only metrics never score other text.

Pashto, Dari or Arabic paragraphs in an English outlet's copy (or a whole document in them)
used to be scored as if English: Flesch reading ease 110, tone 0.000. A paragraph is read
as another language when most of its letters are in a non-Latin script, or when py3langid
(a maintained port of langid.py, its model shipped in the wheel) is at least 90% sure it is
not English and it has enough letters to judge; a short English line misread as Estonian
must not be dropped. Each paragraph is classified once, on at most its first
CLASSIFY_CHARS characters, so the time stays linear in the document's length.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

ENGLISH = "en"
MIN_LETTERS = 40  # below this a paragraph is too short to judge by its words
MIN_SCRIPT_LETTERS = 10
CONFIDENCE = 0.9
CLASSIFY_CHARS = 2000
NAMES = {
    "en": "English", "ps": "Pashto", "fa": "Persian (Dari)", "ar": "Arabic", "ur": "Urdu",
    "ru": "Russian", "uz": "Uzbek", "tg": "Tajik", "tr": "Turkish", "fr": "French",
    "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "zh": "Chinese",
    "hi": "Hindi", "nl": "Dutch", "pl": "Polish", "uk": "Ukrainian",
}  # fmt: skip
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class LanguageReading:
    language: str  # the language of most of the document's letters ("en" when none is sure)
    other: tuple[tuple[int, int, str], ...]  # (start, end, language) of non-English paragraphs
    english_letters: int
    other_letters: int


def language_name(code: str | None) -> str:
    return NAMES.get(code or "", code or "unknown")


@functools.cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _letters(text: str) -> tuple[int, int]:
    """Letters, and of those the ones outside the Latin script."""
    total = other = 0
    for ch in text:
        if ch.isalpha():
            total += 1
            if ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
                other += 1
    return total, other


def paragraph_language(paragraph: str) -> str:
    """ENGLISH unless the paragraph is surely in another language."""
    total, non_latin = _letters(paragraph[:CLASSIFY_CHARS])
    if total >= MIN_SCRIPT_LETTERS and non_latin * 2 >= total:
        lang, _ = _identifier().classify(paragraph[:CLASSIFY_CHARS])
        return lang if lang != ENGLISH else "und"
    if total < MIN_LETTERS:
        return ENGLISH
    lang, prob = _identifier().classify(paragraph[:CLASSIFY_CHARS])
    return lang if lang != ENGLISH and prob >= CONFIDENCE else ENGLISH


def read_language(text: str) -> LanguageReading:
    """The document's language and its paragraphs (lines) in other languages."""
    other: list[tuple[int, int, str]] = []
    letters: dict[str, int] = {}
    for m in _PARAGRAPH.finditer(text):
        para = m.group()
        n = sum(ch.isalpha() for ch in para)
        if not n:
            continue
        lang = paragraph_language(para)
        letters[lang] = letters.get(lang, 0) + n
        if lang != ENGLISH:
            other.append((m.start(), m.end(), lang))
    english = letters.get(ENGLISH, 0)
    others = sum(v for k, v in letters.items() if k != ENGLISH)
    main = max(letters, key=lambda k: (letters[k], k == ENGLISH)) if letters else ENGLISH
    return LanguageReading(main, tuple(other), english, others)
