"""Corpus strings are untrusted: the one place that makes them safe to show or export.

A corpus is scraped pages, leaked documents and propaganda. Its text, titles, sources,
authors, aliases, speakers and file names must never be read as markup by whatever shows
them: Streamlit's Markdown (links, images that fetch a URL, headings, LaTeX, `:red[...]`
directives, `:material/icon:` shortcodes), rich's console markup, or a spreadsheet's formula
language. Nor may control characters (a newline in a file name, a right-to-left override)
change what a reader sees. Each function here is pure and total: any string in, a string out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import pandas as pd

# Controls that make a one-line label lie about its content: C0/C1 control characters
# (newline, carriage return, escape...), the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), and the Unicode line and paragraph separators. Marks that
# only hint direction (U+200E/U+200F) and joiners used in Persian and Pashto (U+200C/U+200D)
# are ordinary text and stay.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# CommonMark lets a backslash escape any ASCII punctuation character, and only those.
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
# GFM turns bare URLs and e-mail addresses into links by searching the text after escapes
# are resolved, so a backslash cannot stop it: an invisible word joiner breaks the pattern.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp)(?=\\?[:.])|(@)")
_JOINER = "\u2060"
# OWASP's CSV-injection guidance: a cell a spreadsheet would read as a formula starts with
# one of these (the full-width forms are read as formulas too by some spreadsheets).
FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_FORMULA_START = FORMULA_START


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def visible(text: object) -> str:
    """One line, every control character shown as its escape (`\\n`, `\\u202e`).

    For labels: file names, sources, titles, speakers in chart axes, tables, options and the
    CLI, where a newline would forge a second line and an override would reverse the rest.
    """
    return _CONTROLS.sub(_escape_control, "" if text is None else str(text))


def markdown_literal(text: object) -> str:
    """`text` as it reads, for a Streamlit Markdown string: every ASCII punctuation mark
    backslash-escaped (so no link, image, heading, emphasis, HTML, LaTeX or directive can
    form), and control characters made visible (so nothing starts a new block)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    return _AUTOLINK.sub(lambda m: m.group() + _JOINER, escaped)


def rich_literal(text: object) -> str:
    """`text` for a rich console string with markup on: square brackets escaped, controls
    made visible (rich.markup.escape alone leaves newlines and overrides). Backslashes just
    before a bracket or at the end are each followed by a word joiner (invisible), so they
    can never escape a bracket of the text or the closing tag after it: rich's own escape
    misses a backslash before a bracket that does not look like a tag, and more than one at
    the end."""
    from rich.markup import escape

    return escape(_BACKSLASH_BEFORE_BRACKET.sub("\\\\" + _JOINER, visible(text)))


_BACKSLASH_BEFORE_BRACKET = re.compile(r"\\(?=\\*(?:\[|$))")


def csv_cell(value: object) -> object:
    """A spreadsheet reads this cell as text, never as a formula (OWASP: prefix a quote).

    Only strings change; numbers keep their type, so a score of -0.5 stays a number.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _map_text(frame: pd.DataFrame, fn: Callable[[str], object]) -> pd.DataFrame:
    text = [
        c
        for c in frame.columns
        if frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype)
    ]
    if not text:
        return frame
    out = frame.copy()
    for c in text:
        out[c] = out[c].map(lambda v: fn(v) if isinstance(v, str) else v)
    return out


def visible_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`visible` applied to every string cell: for tables and chart data."""
    return _map_text(frame, visible)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with every string cell neutralised by `csv_cell`."""
    return _map_text(frame, csv_cell).to_csv(index=False).encode("utf-8")
