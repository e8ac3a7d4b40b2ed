"""Sentences and words with offsets into the text as given, robust to news-text quirks.

blingfire splits fast (thousands of documents per second) but errs on headline and caption
lines and on some abbreviations; splitting on line breaks first, then repairing its splits
after known abbreviations and adding splits at a missing space after a full stop
("defend it.The Taliban"), fixes those cases while keeping its speed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from metrics.fast.blingfire import sentence_offsets

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep st jr sr no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split()
)
_MISSING_SPACE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_WORD = re.compile(r"[^\W_]+(?:[’'\-.]+[^\W_]+)*", re.UNICODE)
_LAST_TOKEN = re.compile(r"(\S+)\s*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Inside:
    """Whether an offset lies inside any of some spans (which may overlap): the largest end
    among spans starting at or before it lies beyond it. Sorted once, each question is a
    binary search, where asking every span for every mention or every "we" was quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))

    def holds(self, x: int) -> bool:
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and self.reach[i] > x


def _ends_with_abbreviation(chunk: str) -> bool:
    m = _LAST_TOKEN.search(chunk)
    if not m:
        return False
    token = m.group(1).lower().lstrip("(“\"'‘")
    if not token.endswith("."):
        return False
    core = token[:-1]
    if core in ABBREVIATIONS:
        return True
    return len(core) == 1 and core.isalpha()


def _split_line(line: str, offset: int) -> list[Span]:
    offsets = sentence_offsets(line)
    pieces: list[tuple[int, int]] = []
    for start, end in offsets:
        if pieces and _ends_with_abbreviation(line[pieces[-1][0] : pieces[-1][1]]):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    spans: list[Span] = []
    for start, end in pieces:
        cut = start
        for m in _MISSING_SPACE.finditer(line, start, end):
            spans.append(Span(offset + cut, offset + m.start()))
            cut = m.start()
        spans.append(Span(offset + cut, offset + end))
    return spans


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans, never crossing a line break, in order."""
    out: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            # blingfire needs text without leading whitespace to report exact offsets
            lead = len(body) - len(body.lstrip())
            for span in _split_line(body[lead:], pos + lead):
                if text[span.start : span.end].strip():
                    out.extend(_bounded(text, _trim(text, span)))
        pos += len(line)
    return tuple(out)


# No news sentence comes near this; a "sentence" longer is a table, a list or text without
# punctuation. Cutting it (at a space where there is one) keeps every per-sentence step of
# every metric bounded, so no metric's time grows faster than the document.
MAX_SENTENCE_CHARS = 3000


def _bounded(text: str, span: Span) -> list[Span]:
    pieces: list[Span] = []
    start, end = span.start, span.end
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece = _trim(text, Span(start, cut))
        if piece.start < piece.end:
            pieces.append(piece)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append(Span(start, end))
    return pieces


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def space_cuts(text: str, size: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """[start, end) pieces of `text`, each about `size` characters, cut only before a space.

    No word, token or run of whitespace spans a space, so counting words piece by piece
    gives the same count as listing every word of a long document at once (tens of MB
    for a few MB of text) and never holds more than a piece's words.
    """
    start, n = 0, len(text)
    while start < n:
        cut = text.find(" ", start + size)
        end = n if cut < 0 else cut
        yield start, end
        start = end
