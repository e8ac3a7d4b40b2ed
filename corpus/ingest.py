"""Ingest: input paths to stored documents, with a report that accounts for every input."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from corpus.clean import clean
from corpus.loaders import (
    DEFAULT_MAX_BYTES,
    HTML_SUFFIXES,
    MANIFEST_NAMES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    LoadIssue,
    RawItem,
    expand_inputs,
    load_file,
)
from corpus.manifest import Manifest, ManifestRow, normalise_source_type, read_manifest
from corpus.metadata import date_problem, parse_partial_date, read_metadata
from corpus.report import DocSummary, IngestReport, Severity
from corpus.reprints import update_reprints
from metrics.language import ENGLISH, language_name, read_language
from store import IngestRun, Store
from store.schema import METADATA, Document, IngestFile

UNKNOWN = "unknown"
Progress = Callable[[int, int], None]


def document_id(text: str) -> str:
    """Content hash of the text as given: the same text is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_manifests(paths: list[Path]) -> list[Path]:
    """manifest.csv files sitting in the input folders (or beside input files)."""
    found: list[Path] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file() and candidate not in found:
                found.append(candidate)
    return found


class _Manifests:
    """The run's manifests with their folders made absolute once (not once per file)."""

    def __init__(self, manifests: list[Manifest]) -> None:
        self.items = [
            (m, {os.path.abspath(os.path.join(m.path.parent, n)): r for n, r in m.rows.items()})
            for m in manifests
        ]

    def row(self, file: str, key: str | None) -> ManifestRow | None:
        """The manifest row for a file: by the path a row names (relative to its manifest's
        folder, so '../other/a.txt' works from a manifest kept apart), else by `key` (its
        bare name)."""
        if key is None:
            return None
        path = os.path.abspath(file)
        for manifest, by_path in self.items:
            row = by_path.get(path) or manifest.get(key)
            if row is not None:
                return row
        return None


# Bump when loading or cleaning changes what a file yields: every file is then read again.
INGEST_VERSION = "2"
NAMED = TEXT_SUFFIXES + HTML_SUFFIXES  # one document per file, found in a manifest by name


def _stat(path: Path) -> tuple[str, int, int] | None:
    """(absolute path, size, mtime in ns) of an input file, or None if it cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return os.path.abspath(path), st.st_size, st.st_mtime_ns


def _file_key(row: ManifestRow | None, text_column: str, max_bytes: int) -> str:
    """Everything besides the file's bytes that decides what the file yields."""
    manifest = dataclasses.astuple(row) if row else None
    return json.dumps([INGEST_VERSION, text_column, max_bytes, manifest], default=str)


def _metadata_json(metadata: tuple) -> str:
    return json.dumps(list(metadata), default=str)


@dataclasses.dataclass(frozen=True)
class RecordedDocument:
    """One document a file yielded, as recorded for the next ingest of the same file."""

    doc_id: str
    line: int | None
    source: str
    source_type: str
    encoding: str
    residue: tuple[str, ...]
    metadata: str  # JSON of the document's schema.METADATA values
    row: str | None  # the manifest row it used


@dataclasses.dataclass(frozen=True)
class RecordedIssue:
    severity: Severity
    line: int | None
    message: str
    doc_id: str | None


@dataclasses.dataclass(frozen=True)
class FileRecord:
    """What a file yielded last time: replayed instead of reading it again when its size,
    time and manifest row are unchanged."""

    docs: tuple[RecordedDocument, ...]
    issues: tuple[RecordedIssue, ...]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> FileRecord | None:
        """The record, or None when it cannot be read (then the file is read again)."""
        try:
            data = json.loads(text)
            return cls(
                tuple(
                    RecordedDocument(**{**d, "residue": tuple(d["residue"])}) for d in data["docs"]
                ),
                tuple(RecordedIssue(**i) for i in data["issues"]),
            )
        except (ValueError, TypeError, KeyError):
            return None


def _replay(record: FileRecord, display: str, state: _RunState) -> bool:
    """Report an unchanged file (same size, mtime and manifest row as last time) from its
    record, without reading it; False (and nothing reported) when the record cannot be
    trusted: a document is no longer stored as recorded, or duplicates depend on other files."""
    if any(issue.severity == "duplicate" for issue in record.issues):
        return False
    for doc in record.docs:
        if doc.doc_id in state.seen or doc.doc_id not in state.stored:
            return False
        if _metadata_json(tuple(state.stored[doc.doc_id])) != doc.metadata:
            return False
    for doc in record.docs:
        origin = f"{display}:{doc.line}" if doc.line else display
        state.seen[doc.doc_id] = origin
        if doc.row:
            state.used_rows.add(doc.row)
        state.report.documents.append(
            DocSummary(
                doc.doc_id, origin, doc.source, doc.source_type, "unchanged", doc.encoding,
                doc.residue,
            )
        )  # fmt: skip
    for issue in record.issues:
        state.report.add_issue(issue.severity, display, issue.line, issue.message, issue.doc_id)
    return True


def build_document(
    item: RawItem, row: ManifestRow | None, report: IngestReport
) -> tuple[Document, tuple[str, ...]]:
    """The document to store, and its residue as report lines. Clean, read metadata, and
    merge it: manifest first, then the input's columns, then the text."""
    cleaned = clean(item.text)
    meta = read_metadata(cleaned.masked)
    fields = item.fields
    date = precision = None
    if row and row.date:
        date, precision = row.date, row.date_precision or "day"
    elif fields.get("date"):
        parsed = parse_partial_date(fields["date"])
        if parsed is not None:
            date, precision = parsed.date, parsed.precision
        problem = date_problem(fields["date"])
        if problem:
            report.add_issue("warning", item.file, item.line, problem)
    elif meta.date is not None:
        date, precision = meta.date, "day"
        problem = date_problem(meta.date.isoformat())
        if problem:
            report.add_issue("warning", item.file, meta.date_line, problem)
    source_type = row.source_type if row and row.source_type else None
    if source_type is None and fields.get("source_type"):
        source_type, problem = normalise_source_type(fields["source_type"])
        if problem:
            report.add_issue("warning", item.file, item.line, problem)
    source = (row.source if row else None) or fields.get("source") or None
    if source is None:
        source = Path(item.file).parent.name or UNKNOWN
        report.add_issue(
            "warning", item.file, item.line, f"no source given; using folder name '{source}'"
        )
    if source_type is None:
        source_type = UNKNOWN
        report.add_issue(
            "warning",
            item.file,
            item.line,
            "no source group given (the source_type column, e.g. partisan / wire)",
        )
    removals = [dataclasses.asdict(r) for r in cleaned.removals]
    lang = read_language(cleaned.masked)
    if lang.language != ENGLISH:
        report.add_issue(
            "warning", item.file, item.line,
            f"language: {language_name(lang.language)} ({lang.language}); counted, not scored "
            "(readability, tone, attribution and emotive language are English-only)",
        )  # fmt: skip
    elif lang.other:
        kinds = sorted({language_name(x[2]) for x in lang.other})
        report.add_issue(
            "warning", item.file, item.line,
            f"{len(lang.other)} paragraph(s) in {', '.join(kinds)} left out of the "
            "English-only metrics",
        )  # fmt: skip
    document = Document(
        id=document_id(item.text),
        origin=item.origin,
        source=source,
        source_type=source_type,
        date=date,
        date_precision=precision,
        language=lang.language,
        title=(row.title if row else None) or fields.get("title") or meta.title,
        author=(row.author if row else None) or fields.get("author") or meta.author,
        signature=meta.signature,
        url=(row.url if row else None) or fields.get("url") or None,
        encoding=item.encoding,
        text=item.text,
        removals=json.dumps(removals),
        n_chars=len(item.text),
    )
    residue = tuple(f"line {r.line}: {r.kind}: {r.text[:80]}" for r in cleaned.removals)
    return document, residue


@dataclasses.dataclass
class _RunState:
    """What one ingest run has seen so far, shared by the files it reads."""

    report: IngestReport
    stored: dict[str, tuple]
    seen: dict[str, str]
    used_rows: set[str]
    rows: _Manifests
    run: IngestRun


def _read_file(
    state: _RunState,
    path: Path,
    display: str,
    data: bytes | None,
    row: ManifestRow | None,
    text_column: str,
    max_bytes: int,
    upload_fields: dict[str, str] | None,
) -> list[RecordedDocument]:
    """Read one input into the run: each item becomes a document (added, updated or
    unchanged) or a report line. `row` is the file's manifest row (tables have none: their
    rows carry their own fields). Returns the file's documents as recorded for re-ingest."""
    report, file_docs = state.report, []
    for item in load_file(path, display, text_column=text_column, max_bytes=max_bytes, data=data):
        if isinstance(item, LoadIssue):
            report.add_issue(item.severity, item.file, item.line, item.message)
            continue
        if not item.text:
            report.add_issue("rejected", item.file, item.line, "empty text")
            continue
        if not item.text.strip():
            report.add_issue("rejected", item.file, item.line, "whitespace only")
            continue
        if data is not None and upload_fields:
            item = dataclasses.replace(item, fields={**item.fields, **upload_fields})
        if row is not None:
            state.used_rows.add(row.file)
        doc, residue = build_document(item, row, report)
        doc_id = doc.id
        if doc_id in state.seen:
            report.add_issue(
                "duplicate",
                item.file,
                item.line,
                f"exact duplicate of {state.seen[doc_id]}; not stored twice",
                doc_id,
            )
            continue
        state.seen[doc_id] = item.origin
        metadata = tuple(getattr(doc, c) for c in METADATA)
        if doc_id not in state.stored:
            status = "added"
            state.run.add(doc)
        elif tuple(state.stored[doc_id]) != metadata:
            status = "updated"
            state.run.update(doc)
        else:
            status = "unchanged"
        report.documents.append(
            DocSummary(
                doc_id, item.origin, doc.source, doc.source_type, status, item.encoding, residue
            )
        )
        file_docs.append(
            RecordedDocument(
                doc_id, item.line, doc.source, doc.source_type, item.encoding, residue,
                _metadata_json(metadata), row.file if row else None,
            )
        )  # fmt: skip
    return file_docs


def _unused_row(
    manifest: Path, name: str, read_files: set[Path], roots: list[Path]
) -> tuple[Severity, str | None]:
    """Why a manifest row was not applied: (severity, report message), or no message when
    its file was read and has a line of its own (rejected, or a duplicate)."""
    target = manifest.parent / name
    if not target.exists():
        return "rejected", f"manifest row names a missing file '{name}'"
    real = target.resolve()
    if real in read_files:
        if target.suffix.lower() in TABLE_SUFFIXES:
            return "warning", (
                f"manifest row names the table '{name}', whose rows carry their own metadata "
                "columns; this row is not used"
            )
        return "rejected", None
    if any(real.is_relative_to(root) for root in roots):
        return "rejected", (
            f"manifest row names '{name}', which was not read as a document "
            "(see that file's own line)"
        )
    if not real.is_relative_to(manifest.parent.resolve()):
        return "rejected", (
            f"manifest row names a file outside the manifest's folder '{name}'; "
            "not read (give that file, or its folder, as an input)"
        )
    return "rejected", (
        f"manifest row names '{name}', which is not among the inputs; not read "
        "(give that file, or its folder, as an input)"
    )


GROUP_COLORS = "group_colors"  # store meta: {group: "#rrggbb"} from manifests


def ingest(
    paths: list[Path],
    store: Store,
    *,
    manifest: Path | None = None,
    text_column: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    uploads: list[tuple[str, bytes]] | None = None,
    upload_fields: dict[str, str] | None = None,
) -> tuple[IngestReport, int]:
    """Store files (and uploaded bytes, named for the report only) as documents; returns the
    report and the run id. Metrics are the next stage (compute.local.update_metrics).
    Raises ManifestError for an unusable manifest: that is fatal, nothing is written.
    """
    report = IngestReport()
    files, load_issues = expand_inputs(paths)
    read_files = {f.resolve() for f in files}
    manifest_paths = [manifest] if manifest else find_manifests(paths)
    manifests = [read_manifest(p) for p in manifest_paths]
    for m in manifests:
        for line, message in m.warnings:
            report.add_issue("warning", str(m.path), line, message)
    for issue in load_issues:
        report.add_issue(issue.severity, issue.file, issue.line, issue.message)

    known = store.file_records()
    rows = _Manifests(manifests)
    seen: dict[str, str] = {}
    used_rows: set[str] = set()
    sources: list[tuple[Path, str, bytes | None]] = [(f, str(f), None) for f in files]
    sources += [(Path(name), name, data) for name, data in (uploads or [])]
    inputs = [str(p) for p in paths] + [n for n, _ in uploads or []]
    with store.ingest_run(inputs) as run:
        # read under the run's lock: another ingest may have stored documents meanwhile
        stored = run.document_metadata()
        state = _RunState(report, stored, seen, used_rows, rows, run)
        for index, (path, display, data) in enumerate(sources, start=1):
            stat = _stat(path) if data is None else None
            named = data is None and path.suffix.lower() in NAMED
            row = rows.row(display, path.name) if named else None
            fkey = ""
            if stat is not None:
                fkey = _file_key(row, text_column, max_bytes)
                previous = known.get(stat[0])
                record = FileRecord.from_json(previous.record) if previous else None
                if (
                    previous is not None
                    and record is not None
                    and (previous.size, previous.mtime_ns, previous.key) == (*stat[1:], fkey)
                    and _replay(record, display, state)
                ):
                    if progress:
                        progress(index, len(sources))
                    continue
            first_issue = len(report.issues)
            file_docs = _read_file(
                state, path, display, data, row, text_column, max_bytes, upload_fields
            )
            if stat is not None:
                issues = tuple(
                    RecordedIssue(i.severity, i.line, i.message, i.doc_id)
                    for i in report.issues[first_issue:]
                )
                record = FileRecord(tuple(file_docs), issues).to_json()
                run.record_file(IngestFile(stat[0], stat[1], stat[2], fkey, record))
            if progress:
                progress(index, len(sources))

        roots = [p.resolve() for p in paths]
        for m in manifests:
            for name, row in m.rows.items():
                if name not in used_rows:
                    severity, message = _unused_row(m.path, name, read_files, roots)
                    if message:
                        report.add_issue(severity, str(m.path), row.line, message)
        run.counts = {
            "added": report.count("added"),
            "updated": report.count("updated"),
            "unchanged": report.count("unchanged"),
            "rejected": len(report.rejections),
            "warnings": len(report.warnings),
        }
        run.issues = [(i.severity, i.file, i.line, i.message, i.doc_id) for i in report.issues]
    # near-duplicates after the run is committed: a family is found among stored documents
    first = len(report.issues)
    for note in update_reprints(store):
        for doc_id, origin in note.new:
            report.add_issue("reprint", origin, None, note.describe(), doc_id)
    store.add_issues(run.run_id, report.issues[first:])
    colors = {g: c for m in manifests for g, c in m.group_colors.items()}
    if colors:  # a manifest's group colours join those already kept
        kept = json.loads(store.get_meta(GROUP_COLORS) or "{}")
        store.set_meta(GROUP_COLORS, json.dumps({**kept, **colors}, sort_keys=True))
    return report, run.run_id
