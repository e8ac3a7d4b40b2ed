"""Ingest: input paths to stored documents, with a report that accounts for every input."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from corpus.analysis import update_metrics
from corpus.clean import clean
from corpus.loaders import (
    DEFAULT_MAX_BYTES,
    MANIFEST_NAMES,
    LoadIssue,
    RawItem,
    expand_inputs,
    load_file,
)
from corpus.manifest import Manifest, ManifestRow, normalise_source_type, read_manifest
from corpus.metadata import parse_date, read_metadata
from corpus.report import DocSummary, IngestReport
from corpus.store import METADATA_COLUMNS, Store
from metrics.actors import ActorSet

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


def _manifest_row(manifests: list[Manifest], item: RawItem) -> ManifestRow | None:
    if item.manifest_key is None:
        return None
    path = Path(item.file)
    for manifest in manifests:
        try:
            rel = path.resolve().relative_to(manifest.path.parent.resolve()).as_posix()
        except ValueError:
            rel = None
        row = manifest.get(rel) or manifest.get(item.manifest_key)
        if row is not None:
            return row
    return None


def build_document(item: RawItem, row: ManifestRow | None, report: IngestReport) -> dict:
    """Clean, read metadata, and merge it: manifest first, then the input's columns, then text."""
    cleaned = clean(item.text)
    meta = read_metadata(cleaned.masked)
    fields = item.fields
    date = None
    if row and row.date:
        date = row.date
    elif fields.get("date"):
        date = parse_date(fields["date"])
        if date is None:
            report.add_issue(
                "warning",
                item.file,
                item.line,
                f"unparseable date '{fields['date']}'; kept as missing",
            )
    else:
        date = meta.date
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
            "warning", item.file, item.line, "no source_type given (partisan / wire / other)"
        )
    removals = [dataclasses.asdict(r) for r in cleaned.removals]
    return {
        "id": document_id(item.text),
        "origin": item.origin,
        "source": source,
        "source_type": source_type,
        "date": date,
        "title": (row.title if row else None) or fields.get("title") or meta.title,
        "author": (row.author if row else None) or fields.get("author") or meta.author,
        "signature": meta.signature,
        "url": (row.url if row else None) or fields.get("url") or None,
        "encoding": item.encoding,
        "text": item.text,
        "removals": json.dumps(removals),
        "residue_summary": tuple(
            f"line {r.line}: {r.kind}: {r.text[:80]}" for r in cleaned.removals
        ),
        "n_chars": len(item.text),
    }


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
    actors: ActorSet | None = None,
    engine: str = "model",
    workers: int | None = None,
) -> tuple[IngestReport, int]:
    """Ingest files (and uploaded bytes, named for the report only); returns report and run id.

    With `actors`, metrics are then computed for every document that lacks them under the
    current actors configuration (see corpus.analysis). Raises ManifestError for an unusable
    manifest: that is fatal, nothing is written.
    """
    report = IngestReport()
    files, load_issues = expand_inputs(paths)
    manifest_paths = [manifest] if manifest else find_manifests(paths)
    manifests = [read_manifest(p) for p in manifest_paths]
    for m in manifests:
        for line, message in m.warnings:
            report.add_issue("warning", str(m.path), line, message)
    for issue in load_issues:
        report.add_issue(issue.severity, issue.file, issue.line, issue.message)

    stored = store.document_metadata()
    seen: dict[str, str] = {}
    used_rows: set[str] = set()
    new_docs: list[dict] = []
    updated_docs: list[dict] = []
    sources: list[tuple[Path, str, bytes | None]] = [(f, str(f), None) for f in files]
    sources += [(Path(name), name, data) for name, data in (uploads or [])]
    for index, (path, display, data) in enumerate(sources, start=1):
        for item in load_file(
            path, display, text_column=text_column, max_bytes=max_bytes, data=data
        ):
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
            row = _manifest_row(manifests, item) if data is None else None
            if row is not None:
                used_rows.add(row.file)
            doc = build_document(item, row, report)
            doc_id = doc["id"]
            if doc_id in seen:
                report.add_issue(
                    "duplicate",
                    item.file,
                    item.line,
                    f"exact duplicate of {seen[doc_id]}; not stored twice",
                    doc_id,
                )
                continue
            seen[doc_id] = item.origin
            residue = doc["residue_summary"]
            if doc_id not in stored:
                status = "added"
                new_docs.append(doc)
            elif tuple(stored[doc_id]) != tuple(doc[c] for c in METADATA_COLUMNS):
                status = "updated"
                updated_docs.append(doc)
            else:
                status = "unchanged"
            report.documents.append(
                DocSummary(
                    doc_id,
                    item.origin,
                    doc["source"],
                    doc["source_type"],
                    status,
                    item.encoding,
                    residue,
                )
            )
        if progress:
            progress(index, len(sources))

    for m in manifests:
        for name, row in m.rows.items():
            if name in used_rows:
                continue
            if not (m.path.parent / name).exists():
                report.add_issue(
                    "rejected", str(m.path), row.line, f"manifest row names a missing file '{name}'"
                )

    counts = {
        "added": len(new_docs),
        "updated": len(updated_docs),
        "unchanged": report.count("unchanged"),
        "rejected": len(report.rejections),
        "warnings": len(report.warnings),
    }
    issues = [(i.severity, i.file, i.line, i.message, i.doc_id) for i in report.issues]
    run_id = store.write_ingest(
        [str(p) for p in paths] + [n for n, _ in uploads or []],
        new_docs,
        updated_docs,
        issues,
        counts,
    )
    if actors is not None:
        update_metrics(store, actors, engine, progress, workers)
    return report, run_id
