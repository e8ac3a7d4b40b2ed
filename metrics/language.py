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
from dataclasses import dataclass

ENGLISH = "en"
MIN_LETTERS = 40  # below this a paragraph is too short to judge by its words
MIN_SCRIPT_LETTERS = 10
CONFIDENCE = 0.9
CLASSIFY_CHARS = 2000
DOCUMENT_SAMPLE = 600  # the document is first read on its opening characters
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
    english_chars: int  # characters of the paragraphs read as English
    other_chars: int


def language_name(code: str | None) -> str:
    return NAMES.get(code or "", code or "unknown")


@functools.cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


# Scripts other than Latin (Greek to Hangul, CJK, Arabic presentation forms): a paragraph
# mostly in these is not English whatever a classifier says
_NON_LATIN = re.compile(r"[\u0370-\u1DFF\u1F00-\u1FFF\u2C00-\uD7FF\uF900-\uFFEF]")
_LETTER = re.compile(r"[^\W\d_]")


def _classify(text: str) -> tuple[str, float]:
    lang, prob = _identifier().classify(text[:CLASSIFY_CHARS])
    return str(lang), float(prob)


def paragraph_language(paragraph: str, english_document: bool = False) -> str:
    """ENGLISH unless the paragraph is surely in another language. In a document read as
    English, a paragraph in the Latin script is taken as English without asking the
    classifier (the common case, and the costly one): only paragraphs with letters of other
    scripts are read."""
    head = paragraph[:CLASSIFY_CHARS]
    if english_document and (head.isascii() or not _NON_LATIN.search(head)):
        return ENGLISH
    total = len(_LETTER.findall(head))
    non_latin = 0 if head.isascii() else len(_NON_LATIN.findall(head))
    if total >= MIN_SCRIPT_LETTERS and non_latin * 2 >= total:
        lang, _ = _classify(head)
        return lang if lang != ENGLISH else "und"
    if total < MIN_LETTERS:
        return ENGLISH
    lang, prob = _classify(head)
    return lang if lang != ENGLISH and prob >= CONFIDENCE else ENGLISH


def read_language(text: str) -> LanguageReading:
    """The document's language and its paragraphs (lines) in other languages. The document
    is first read as a whole (its opening DOCUMENT_SAMPLE characters); when that is surely
    English, only its paragraphs with letters of other scripts are read one by one (so a
    French paragraph inside an English document is not caught)."""
    sample = text[:DOCUMENT_SAMPLE]
    lang, prob = _classify(sample) if sample.strip() else (ENGLISH, 1.0)
    english_document = lang == ENGLISH and prob >= CONFIDENCE
    other: list[tuple[int, int, str]] = []
    chars: dict[str, int] = {}
    for m in _PARAGRAPH.finditer(text):
        para = m.group()
        if not para.strip():
            continue
        found = paragraph_language(para, english_document)
        chars[found] = chars.get(found, 0) + len(para)
        if found != ENGLISH:
            other.append((m.start(), m.end(), found))
    english = chars.get(ENGLISH, 0)
    others = sum(v for k, v in chars.items() if k != ENGLISH)
    main = max(chars, key=lambda k: (chars[k], k == ENGLISH)) if chars else ENGLISH
    return LanguageReading(main, tuple(other), english, others)
