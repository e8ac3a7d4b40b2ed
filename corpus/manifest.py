"""The user-editable manifest: file, source, source_type, date, title, author, url.

Manifest values win over what the loader reads from the text. A row that names a file that
is not there is reported; a date that does not parse is reported and kept as missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.decode import DecodeError, decode_bytes
from corpus.metadata import date_problem, parse_partial_date

COLUMNS = ("file", "source", "source_type", "date", "title", "author", "url", "group_color")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The groups of the bundled seeds, offered first in forms; a corpus may use any others
# ("left", "right", "state media", "mainstream", a country).
SOURCE_TYPES = ("partisan", "wire", "other")
MAX_GROUP_CHARS = 40


class ManifestError(ValueError):
    """The manifest itself cannot be used (unreadable, or no 'file' column)."""


@dataclass(frozen=True)
class ManifestRow:
    line: int
    file: str
    source: str | None
    source_type: str | None
    date: dt.date | None
    title: str | None
    author: str | None
    url: str | None
    date_precision: str | None = None


@dataclass(frozen=True)
class Manifest:
    path: Path
    rows: dict[str, ManifestRow]
    warnings: tuple[tuple[int, str], ...]
    group_colors: dict[str, str] = field(default_factory=dict)  # group: "#rrggbb"

    def get(self, key: str | None) -> ManifestRow | None:
        return self.rows.get(key) if key else None


def normalise_source_type(value: str | None) -> tuple[str | None, str | None]:
    """The source group (the `source_type` column) in lower case with single spaces: any
    label the user groups sources by. A warning only when it is too long to chart (cut)."""
    if not value or not value.strip():
        return None, None
    v = " ".join(value.split()).lower()
    if len(v) > MAX_GROUP_CHARS:
        return v[:MAX_GROUP_CHARS].rstrip(), (
            f"source_type is longer than {MAX_GROUP_CHARS} characters; cut to "
            f"'{v[:MAX_GROUP_CHARS].rstrip()}'"
        )
    return v, None


def read_manifest(path: Path) -> Manifest:
    try:
        text = decode_bytes(path.read_bytes()).text
    except (OSError, DecodeError) as exc:
        raise ManifestError(f"{path}: cannot read manifest: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "file" not in [f.strip() for f in reader.fieldnames]:
        raise ManifestError(
            f"{path}:1: manifest needs a 'file' column (columns: {', '.join(COLUMNS)})"
        )
    rows: dict[str, ManifestRow] = {}
    warnings: list[tuple[int, str]] = []
    colors: dict[str, str] = {}
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        name = row.get("file", "")
        if not name:
            warnings.append((line, "row has no file name; ignored"))
            continue
        date = precision = None
        if row.get("date"):
            parsed = parse_partial_date(row["date"])
            if parsed is not None:
                date, precision = parsed.date, parsed.precision
            problem = date_problem(row["date"])
            if problem:
                warnings.append((line, f"{name}: {problem}"))
        source_type, problem = normalise_source_type(row.get("source_type"))
        if problem:
            warnings.append((line, f"{name}: {problem}"))
        color = row.get("group_color", "")
        if color and not _COLOR.match(color):
            warnings.append((line, f"group_color '{color}' is not a colour like #1f77b4; ignored"))
        elif color and source_type and source_type not in colors:
            colors[source_type] = color.lower()
        if name in rows:
            warnings.append(
                (line, f"{name} listed again (first at line {rows[name].line}); this row wins")
            )
        rows[name] = ManifestRow(
            line,
            name,
            row.get("source") or None,
            source_type,
            date,
            row.get("title") or None,
            row.get("author") or None,
            row.get("url") or None,
            precision,
        )
    return Manifest(path, rows, tuple(warnings), colors)
