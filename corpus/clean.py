"""Scraper residue: found, recorded and masked, never silently dropped.

Why mask instead of delete: later layers show evidence with offsets into the text exactly as
it was given. Residue characters are replaced by spaces (newlines kept), so the masked text
has the same length and offsets as the original, and metrics computed on it point back into
the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole lines that are page furniture, not article text. Each has a kind for the report.
LINE_RESIDUE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ad marker", re.compile(r"^\[\s*ad_?\d*\s*\]$", re.I)),
    ("source link", re.compile(r"^source\s+link:?$", re.I)),
    ("page template", re.compile(r"^exit\s+mobile\s+version$", re.I)),
    ("advertisement", re.compile(r"^(?:advertisement|sponsored(?: content)?|ad)$", re.I)),
    (
        "share/follow prompt",
        re.compile(
            r"^(?:share(?: this(?: article| story)?)?(?: on \w+)?|tweet|print|email"
            r"|follow us(?: on [\w ,&]+)?|skip to (?:main )?content|click here to [\w ,']{0,80}"
            r"|sign up for [\w ,']{0,80}|subscribe(?: to [\w ,']{0,80})?)[.!:]?$",
            re.I,
        ),
    ),
    ("read-more link", re.compile(r"^(?:read more|also read|related|see also)\s*:.{0,200}$", re.I)),
    (
        "photo caption",
        re.compile(
            r"^.{0,400}?\(?(?:photo|image|picture|photograph|file photo)(?:\s+credit)?\s*[:/]\s*"
            r"[A-Z][\w.&' /-]{0,40}\)?\.?$",
            re.I,
        ),
    ),
    (
        "photo credit",
        re.compile(r"^\(?(?:getty images|afp via getty images|reuters|ap photo)\)?$", re.I),
    ),
    ("stray punctuation", re.compile(r"^[.,;:·•|_\-–—*]+$")),
)

# Markers that can sit inside a line of text.
INLINE_RESIDUE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ad marker", re.compile(r"\[\s*ad_\d+\s*\]", re.I)),
)


@dataclass(frozen=True)
class Removal:
    """One piece of residue: 1-based line, character span in the original, kind, text."""

    line: int
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class CleanResult:
    original: str
    masked: str
    removals: tuple[Removal, ...]

    @property
    def clean_text(self) -> str:
        """The text with residue lines dropped: what a reader of the article would see."""
        lines = [ln for ln in self.masked.splitlines() if ln.strip() or not ln]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# A caption must name a photo, image or picture; lines that do not are not tried against the
# caption pattern, whose lazy prefix would otherwise scan up to 400 characters of every line.
_CAPTION_WORD = re.compile(r"photo|image|picture", re.I)


def _may_be_caption(line: str) -> bool:
    if line.isascii():  # no case-folding surprises: a plain substring test is exact
        low = line.lower()
        return "photo" in low or "image" in low or "picture" in low
    return _CAPTION_WORD.search(line) is not None


def residue_kind(line: str) -> str | None:
    """The residue kind of a whole (stripped) line, or None if it is article text."""
    stripped = line.strip()
    if not stripped:
        return None
    for kind, pattern in LINE_RESIDUE:
        if kind == "photo caption" and not _may_be_caption(stripped):
            continue
        if pattern.match(stripped):
            return kind
    return None


def clean(text: str) -> CleanResult:
    """Find residue lines and inline markers; return the masked text and what was removed."""
    removals: list[Removal] = []
    masked_parts: list[str] = []
    pos = 0
    for lineno, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        kind = residue_kind(body)
        if kind is not None:
            lead = len(body) - len(body.lstrip())
            stripped = body.strip()
            start = pos + lead
            removals.append(Removal(lineno, start, start + len(stripped), kind, stripped))
            masked_parts.append(" " * len(body) + ending)
        elif "[" not in body:
            masked_parts.append(line)
        else:
            chars = list(body)
            for ikind, pattern in INLINE_RESIDUE:
                for m in pattern.finditer(body):
                    removals.append(
                        Removal(lineno, pos + m.start(), pos + m.end(), ikind, m.group(0))
                    )
                    chars[m.start() : m.end()] = " " * (m.end() - m.start())
            masked_parts.append("".join(chars) + ending)
        pos += len(line)
    return CleanResult(text, "".join(masked_parts), tuple(removals))
