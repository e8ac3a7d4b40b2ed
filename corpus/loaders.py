"""Input files to raw items: one per text file, one per CSV/JSONL row; failures become issues.

Supported: .txt, .md, .html/.htm (text via BeautifulSoup), .csv and .jsonl (a text column plus
optional metadata columns). Anything else is reported, not skipped silently.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from corpus.decode import DecodeError, decode_bytes
from corpus.report import Severity

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES
MANIFEST_NAMES = ("manifest.csv",)
METADATA_FIELDS = ("source", "source_type", "date", "title", "author", "url")
DEFAULT_MAX_BYTES = 5_000_000
NOT_DOCUMENTS = ("readme.md", "readme.txt", "license", "license.txt", "actors.toml")


@dataclass(frozen=True)
class RawItem:
    """Text from one input (a file or a table row), before cleaning."""

    file: str
    line: int | None
    text: str
    encoding: str
    fields: dict[str, str] = field(default_factory=dict)
    manifest_key: str | None = None

    @property
    def origin(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class LoadIssue:
    severity: Severity
    file: str
    line: int | None
    message: str


def expand_inputs(paths: list[Path]) -> tuple[list[Path], list[LoadIssue]]:
    """Folders become their files (recursively, sorted); what is not read says why.

    Nothing is passed over silently: hidden files and folders, folders that cannot be read,
    links that lead out of the input folder (or nowhere, or in a circle), and anything that
    is not a regular file (a pipe would block the reader) each get a report line. Links that
    stay inside the folder are followed, each real file read once.
    """
    files: list[Path] = []
    issues: list[LoadIssue] = []
    for path in paths:
        if path.is_dir():
            _walk(path, files, issues)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            issues.append(LoadIssue("skipped", str(path), None, "not a regular file"))
        else:
            issues.append(LoadIssue("rejected", str(path), None, "no such file or folder"))
    return files, issues


def _walk(root: Path, files: list[Path], issues: list[LoadIssue]) -> None:
    """Depth first, sorted; links are followed after the real tree, so a file or folder
    reached both ways is read by its own path and the link is the one reported."""
    real_root = root.resolve()
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    links: list[Path] = []

    def skip(path: Path, message: str, severity: Severity = "skipped") -> None:
        issues.append(LoadIssue(severity, str(path), None, message))

    def visit(folder: Path) -> None:
        real = folder.resolve()
        if real in seen_dirs:  # met again inside a linked folder
            skip(folder, "folder already read by another path (read once)")
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skip(folder, f"folder could not be read: {exc.strerror or exc}", "rejected")
            return
        for entry in entries:
            child = Path(entry.path)
            if entry.name.startswith("."):
                kind = "folder (and everything in it)" if entry.is_dir() else "file"
                skip(child, f"hidden {kind}")
            elif entry.is_symlink():
                links.append(child)
            else:
                take(child, entry.is_dir(), entry.is_file())

    def take(child: Path, is_dir: bool, is_file: bool) -> None:
        if is_dir:
            visit(child)
        elif not is_file:
            skip(child, "not a regular file (a pipe, socket or device)")
        elif child.name in MANIFEST_NAMES or child.name.lower() in NOT_DOCUMENTS:
            skip(child, "corpus support file, not a document")
        elif (real := child.resolve()) in seen_files:
            skip(child, "file already read by another path (read once)")
        else:
            seen_files.add(real)
            files.append(child)

    def follow(link: Path) -> None:
        try:
            target = link.resolve(strict=True)
        except (OSError, RuntimeError):
            skip(link, "broken link (or a loop of links)", "rejected")
            return
        kind = "folder" if target.is_dir() else "file"
        if target != real_root and not target.is_relative_to(real_root):
            skip(link, f"link to a {kind} outside the input folder ({target})")
        elif target in (seen_dirs if kind == "folder" else seen_files):
            skip(link, f"link to a {kind} already read by its own path (read once)")
        else:
            take(link, kind == "folder", target.is_file())

    visit(root)
    while links:
        follow(links.pop(0))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line; scripts and page chrome dropped."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(
        ["script", "style", "noscript", "template", "nav", "footer", "header", "form", "aside"]
    ):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    lines = [ln.strip() for ln in root.get_text("\n").splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def _rows_csv(text: str, display: str, text_column: str) -> Iterator[RawItem | LoadIssue]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        found = ", ".join(reader.fieldnames or []) or "none"
        yield LoadIssue(
            "rejected", display, 1, f"missing text column '{text_column}' (columns: {found})"
        )
        return
    for row in reader:
        line = reader.line_num
        fields = {
            k: (v or "").strip()
            for k, v in row.items()
            if k and k != text_column and k in METADATA_FIELDS
        }
        yield RawItem(display, line, row.get(text_column) or "", "", fields)


def _rows_jsonl(text: str, display: str, text_column: str) -> Iterator[RawItem | LoadIssue]:
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LoadIssue(
                "rejected", display, line_no, f"invalid JSON: {exc.msg} (column {exc.colno})"
            )
            continue
        if not isinstance(obj, dict):
            yield LoadIssue("rejected", display, line_no, "expected a JSON object per line")
            continue
        if text_column not in obj:
            yield LoadIssue("rejected", display, line_no, f"missing text field '{text_column}'")
            continue
        value = obj[text_column]
        if not isinstance(value, str):
            yield LoadIssue(
                "rejected", display, line_no, f"text field '{text_column}' is not a string"
            )
            continue
        fields = {k: str(obj[k]).strip() for k in METADATA_FIELDS if obj.get(k) is not None}
        yield RawItem(display, line_no, value, "", fields)


def load_file(
    path: Path,
    display: str | None = None,
    *,
    text_column: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> Iterator[RawItem | LoadIssue]:
    """Raw items from one file; `data` lets the app pass uploaded bytes without a path."""
    display = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield LoadIssue(
            "rejected",
            display,
            None,
            f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})",
        )
        return
    try:
        raw = data if data is not None else path.read_bytes()
    except OSError as exc:
        yield LoadIssue("rejected", display, None, f"cannot read: {exc.strerror or exc}")
        return
    is_table = suffix in TABLE_SUFFIXES
    if not is_table and len(raw) > max_bytes:
        yield LoadIssue(
            "rejected", display, None, f"over the size limit ({len(raw):,} bytes > {max_bytes:,})"
        )
        return
    if not raw:
        yield LoadIssue("rejected", display, None, "empty file")
        return
    try:
        decoded = decode_bytes(raw)
    except DecodeError as exc:
        yield LoadIssue("rejected", display, None, str(exc))
        return
    if decoded.is_fallback:
        yield LoadIssue("warning", display, None, f"not valid UTF-8; decoded as {decoded.encoding}")
    if suffix in TEXT_SUFFIXES:
        yield RawItem(display, None, decoded.text, decoded.encoding, manifest_key=path.name)
    elif suffix in HTML_SUFFIXES:
        yield RawItem(
            display,
            None,
            html_to_text(decoded.text),
            decoded.encoding + "+html",
            manifest_key=path.name,
        )
    else:
        rows = _rows_csv if suffix == ".csv" else _rows_jsonl
        for item in rows(decoded.text, display, text_column):
            if isinstance(item, RawItem):
                if len(item.text.encode("utf-8")) > max_bytes:
                    yield LoadIssue(
                        "rejected",
                        display,
                        item.line,
                        f"row text over the size limit ({max_bytes:,} bytes)",
                    )
                    continue
                item = RawItem(item.file, item.line, item.text, decoded.encoding, item.fields)
            yield item
