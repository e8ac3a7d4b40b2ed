"""Analysts' labels as files a team can exchange (CSV and JSONL), read back with every bad row
named by file and line and kept in the reading's `rejected` list: nothing is lost silently.

A label says what one analyst read in one item the model scored: a tone mention (negative,
neutral, positive, or not the actor at all) or an attribution (correct, wrong speaker, wrong
span, not an attribution, or one the model missed). It carries who labelled it and when,
the model version whose output it judges, and a hash of the item's text, so a label never
silently moves to a changed document.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import dataclass
from pathlib import Path

from metrics.validation import TONE_LABELS, WRONG_ACTOR
from sourcebias.untrusted import FORMULA_START, csv_cell
from store.schema import Label

LABELS = {
    "tone": (*TONE_LABELS, WRONG_ACTOR),
    "attribution": (
        "correct", "wrong speaker", "wrong span", "not an attribution", "missed attribution"
    ),
}  # fmt: skip


FIELDS = tuple(f.name for f in dataclasses.fields(Label))


@dataclass(frozen=True)
class LabelReading:
    labels: tuple[Label, ...]
    rejected: tuple[tuple[int, str], ...]  # (line, why)


class LabelFileError(ValueError):
    """A labels file that cannot be read at all (not a file, wrong columns)."""


def _check(row: dict[str, str]) -> str | None:
    missing = [f for f in ("kind", "item", "label", "labeller") if not row.get(f)]
    if missing:
        return f"missing {', '.join(missing)}"
    if row["kind"] not in LABELS:
        return f"kind '{row['kind']}' is not one of {', '.join(LABELS)}"
    if row["label"] not in LABELS[row["kind"]]:
        return f"label '{row['label']}' is not one of {', '.join(LABELS[row['kind']])}"
    return None


def _label(row: dict[str, str]) -> Label:
    return Label(**{f: str(row.get(f) or "").strip() for f in FIELDS})


def read_labels(path: Path) -> LabelReading:
    """Labels from a .csv or .jsonl file. Raises LabelFileError when the file cannot be read
    or has no label columns; each bad row is rejected with its line and reason."""
    if path.suffix.lower() not in (".csv", ".jsonl"):
        raise LabelFileError(f"{path}: labels are exchanged as .csv or .jsonl")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:  # "\r" inside a cell stays
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelFileError(f"{path}: cannot read labels: {exc}") from None
    rows: list[tuple[int, dict[str, str] | None, str | None]] = []
    if path.suffix.lower() == ".jsonl":
        for line, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                rows.append((line, None, f"not JSON: {exc.msg}"))
                continue
            if not isinstance(value, dict):
                rows.append((line, None, "not a JSON object"))
                continue
            rows.append((line, {k: str(v) for k, v in value.items() if v is not None}, None))
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or not {"kind", "item", "label"} <= set(reader.fieldnames):
            raise LabelFileError(f"{path}:1: expected columns {', '.join(FIELDS)}")
        for row in reader:
            # a cell written as text ("'=...", see write_labels) reads back as it was labelled
            clean = {
                k: (v[1:] if v and v[:1] == "'" and v[1:2] in set(FORMULA_START) else v or "")
                for k, v in row.items()
                if k
            }
            rows.append((reader.line_num, clean, None))
    labels: list[Label] = []
    rejected: list[tuple[int, str]] = []
    for line, row, problem in rows:
        problem = problem or _check(row or {})
        if problem:
            rejected.append((line, problem))
        else:
            labels.append(_label(row or {}))
    return LabelReading(tuple(labels), tuple(rejected))


def write_labels(labels: list[Label] | tuple[Label, ...], path: Path) -> None:
    """Write labels as .csv (every cell safe to open in a spreadsheet) or .jsonl."""
    if path.suffix.lower() == ".jsonl":
        path.write_text(
            "".join(json.dumps(dataclasses.asdict(x), ensure_ascii=False) + "\n" for x in labels),
            encoding="utf-8",
        )
        return
    if path.suffix.lower() != ".csv":
        raise LabelFileError(f"{path}: labels are exchanged as .csv or .jsonl")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for x in labels:
        writer.writerow([csv_cell(getattr(x, f)) for f in FIELDS])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
