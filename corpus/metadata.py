"""Metadata read from the text itself: a leading date line, a title, a byline or signature.

Only used where the manifest or the input's own columns are silent. A date is taken only
from a line that is a date and nothing else; nothing is ever guessed from the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?{_WEEKDAY}(?:"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf")(?:[ ,T]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:am|pm)?(?:\s*[A-Z]{{2,4}})?)?$",
    re.I,
)
BYLINE = re.compile(r"^(?:written\s+)?by\s*[:\-–—]?\s+(?P<name>.{2,80})$", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z’'\-]+|[A-Z]\.|(?:al|bin|ul|ur|ud|de|van|von)-?)$")
_NOT_NAME_WORDS = frozenset(
    [
        "update",
        "news",
        "report",
        "analysis",
        "editorial",
        "opinion",
        "statement",
        "afghanistan",
        "kabul",
        "taliban",
        "source",
        "link",
        "photo",
        "exit",
        "mobile",
        "version",
        "insight",
        "breaking",
        "live",
        "the",
        "of",
        "and",
        "in",
        "on",
    ]
)
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25


@dataclass(frozen=True)
class TextMetadata:
    date: dt.date | None = None
    date_line: int | None = None
    title: str | None = None
    title_line: int | None = None
    author: str | None = None
    author_line: int | None = None
    signature: str | None = None
    signature_line: int | None = None


PRECISIONS = ("day", "month", "year")
EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as it was given: "2021" is the year 2021 (stored as its first day,
    shown and counted as the year), "Aug 2021" the month; nothing is filled in from today."""

    date: dt.date
    precision: str  # one of PRECISIONS


def parse_partial_date(value: str) -> PartialDate | None:
    """The date in a string with the parts it gives, or None when it is not a date or gives
    no year ("15 Aug" would otherwise take this year, possibly a future one). Parsing twice
    with two different defaults shows which parts came from the string."""
    value = value.strip()
    if not value:
        return None
    try:
        a = dateparser.parse(value, default=dt.datetime(1, 1, 1), fuzzy=False, dayfirst=False)
        b = dateparser.parse(value, default=dt.datetime(2, 2, 2), fuzzy=False, dayfirst=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:
        return None
    if a.day == b.day:
        return PartialDate(a.date(), "day")
    if a.month == b.month:
        return PartialDate(a.date().replace(day=1), "month")
    return PartialDate(dt.date(a.year, 1, 1), "year")


def parse_date(value: str) -> dt.date | None:
    """A calendar date from a string, or None if it is not one (never a guess)."""
    parsed = parse_partial_date(value)
    return parsed.date if parsed else None


def date_problem(value: str, today: dt.date | None = None) -> str | None:
    """Why a date field is suspect or unusable, in the words of the ingest report."""
    if not value.strip():
        return None
    parsed = parse_partial_date(value)
    if parsed is None:
        try:
            dateparser.parse(value, default=dt.datetime(1, 1, 1), fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return f"unparseable date '{value}'; kept as missing"
        return f"date '{value}' gives no year; kept as missing (no year is ever assumed)"
    if parsed.date.year < EARLIEST_YEAR:
        return f"date '{value}' is before {EARLIEST_YEAR}; kept, check it"
    if parsed.date > (today or dt.date.today()):
        return f"date '{value}' is after the ingest day; kept, check it"
    return None


def show_date(date: dt.date | None, precision: str | None) -> str:
    """A stored date as precise as it was given: "2021", "2021-08" or "2021-08-15"."""
    if date is None:
        return "undated"
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def is_name_line(line: str) -> bool:
    """A bare personal name on its own line: two to four capitalised words."""
    tokens = line.strip().split()
    if not 2 <= len(tokens) <= 4 or len(line.strip()) > 40:
        return False
    if any(t.lower().strip(".") in _NOT_NAME_WORDS for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


def _byline_name(line: str) -> str | None:
    m = BYLINE.match(line.strip())
    if m:
        name = m.group("name").strip().rstrip(".")
        return name if name and len(name.split()) <= 8 else None
    return None


def read_metadata(text: str) -> TextMetadata:
    """Read date, title and byline from the top lines and a signature from the last line.

    `text` should be the masked text (residue blanked), so "Source link" is never a signature.
    """
    lines = [(i, ln.strip()) for i, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    if not lines:
        return TextMetadata()
    meta: dict[str, object] = {}
    used: set[int] = set()
    top = lines[:6]
    for lineno, line in top:
        if "date" not in meta and len(line) <= 60 and DATE_LINE.match(line):
            parsed = parse_date(
                re.sub(r"^(?:published|updated|posted|date)\s*:?\s*", "", line, flags=re.I)
            )
            if parsed is not None:
                meta["date"], meta["date_line"] = parsed, lineno
                used.add(lineno)
                continue
        name = _byline_name(line)
        if "author" not in meta and name:
            meta["author"], meta["author_line"] = name, lineno
            used.add(lineno)
    for lineno, line in top:
        if lineno in used:
            continue
        words = line.split()
        if (
            len(line) <= TITLE_MAX_CHARS
            and len(words) <= TITLE_MAX_WORDS
            and not line.endswith((".", ",", ";", ":", "”", '"'))
            and line[0].isupper()
        ):
            meta["title"], meta["title_line"] = line, lineno
            used.add(lineno)
        break
    if "author" not in meta and "title" in meta:
        after = [(n, ln) for n, ln in top if n > meta["title_line"] and n not in used]  # type: ignore[operator]
        if after and is_name_line(after[0][1]):
            meta["author"], meta["author_line"] = after[0][1], after[0][0]
            used.add(after[0][0])
    last_no, last = lines[-1]
    if last_no not in used and len(lines) > 2:
        name = _byline_name(last) or (last if is_name_line(last) else None)
        if name:
            meta["signature"], meta["signature_line"] = name, last_no
            if "author" not in meta:
                meta["author"], meta["author_line"] = name, last_no
    return TextMetadata(**meta)  # type: ignore[arg-type]
