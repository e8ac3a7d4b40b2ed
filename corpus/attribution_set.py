"""Reading the labelled attribution set (eval/attributions/): texts marked by hand with
content, cue and source spans (see eval/attributions/GUIDELINES.md). Errors name the file
and, where there is one, the line.

A marked file is the original text with marks inserted (`⟪n ` … `⟫` content, `⟦n ` … `⟧`
cue, `⦃n ` … `⦄` source), then a line `----`, then one line per attribution
`n | kind | source type`. Removing the marks must give back the original text exactly, so
every span is an offset into the text the dashboard would read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.mention_set import MentionSetError

KINDS = ("direct", "indirect", "mixed", "according-to")
SOURCE_TYPES = ("named", "institutional", "anonymous", "document", "pronoun")
_OPEN = {"⟪": "content", "⟦": "cue", "⦃": "source"}
_CLOSE = {"⟫": "content", "⟧": "cue", "⦄": "source"}
_MARK = re.compile(r"([⟪⟦⦃])(\d+)(\?)? |([⟫⟧⦄])")


@dataclass
class GoldAttribution:
    number: int
    kind: str = ""
    source_type: str = ""
    uncertain: bool = False
    content: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class MarkedText:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def hull(pieces: list[tuple[int, int]]) -> tuple[int, int] | None:
    """One span from a part's pieces (a split quote's two halves), for comparing one
    annotator's marks with another's as if they were predictions."""
    return (min(a for a, _ in pieces), max(b for _, b in pieces)) if pieces else None


def parse_marked(marked: str, original: str, name: str) -> MarkedText:
    """The attributions of one marked file; MentionSetError when the marks do not give back
    `original`, are unbalanced, or the list lines are malformed."""
    body, sep, listing = marked.partition("\n----\n")
    if not sep:
        raise MentionSetError(f"{name}: no '----' line after the marked text")
    found: dict[int, GoldAttribution] = {}
    stack: list[tuple[str, int, int]] = []  # (part, number, start offset in the plain text)
    plain: list[str] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(body):
        chunk = body[pos : m.start()]
        plain.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(1):
            number = int(m.group(2))
            att = found.setdefault(number, GoldAttribution(number))
            att.uncertain = att.uncertain or bool(m.group(3))
            stack.append((_OPEN[m.group(1)], number, length))
        else:
            part = _CLOSE[m.group(4)]
            opened = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == part), None)
            if opened is None:
                line = body.count("\n", 0, m.start()) + 1
                raise MentionSetError(f"{name}:{line}: '{m.group(4)}' closes nothing")
            _, number, start = stack.pop(opened)
            getattr(found[number], part).append((start, length))
    plain.append(body[pos:])
    if stack:
        raise MentionSetError(f"{name}: {len(stack)} mark(s) never closed")
    text = "".join(plain)
    if text.rstrip("\n") != original.rstrip("\n"):
        at = next((i for i, (a, b) in enumerate(zip(text, original, strict=False)) if a != b), None)
        at = min(len(text), len(original)) if at is None else at
        line = original.count("\n", 0, at) + 1
        raise MentionSetError(f"{name}:{line}: the marked text differs from the original here")
    for no, row in enumerate(listing.splitlines(), start=1):
        if not row.strip():
            continue
        parts = [p.strip() for p in row.split("|")]
        if len(parts) != 3 or not parts[0].rstrip("?").isdigit():
            raise MentionSetError(f"{name}: list line {no}: expected 'n | kind | source type'")
        number = int(parts[0].rstrip("?"))
        if number not in found:
            raise MentionSetError(f"{name}: list line {no}: attribution {number} is not marked")
        if parts[1] not in KINDS or parts[2] not in SOURCE_TYPES:
            raise MentionSetError(f"{name}: list line {no}: unknown kind or source type")
        found[number].kind, found[number].source_type = parts[1], parts[2]
        found[number].uncertain = found[number].uncertain or parts[0].endswith("?")
    missing = [n for n, a in found.items() if not a.kind]
    if missing:
        raise MentionSetError(f"{name}: attributions {missing} have no list line")
    return MarkedText(name, original, tuple(found[n] for n in sorted(found)))


def read_attribution_set(directory: Path, folder: str = "marked") -> list[MarkedText]:
    """Every marked text of the set (`folder`/X.txt over texts/X.txt), in name order;
    `marked_b` holds a second annotator's overlap."""
    out = []
    for path in sorted((directory / folder).glob("*.txt")):
        original = directory / "texts" / path.name
        if not original.is_file():
            raise MentionSetError(f"{path}: no original text {original.name} in texts/")
        out.append(
            parse_marked(
                path.read_text(encoding="utf-8"), original.read_text(encoding="utf-8"), str(path)
            )
        )
    return out
