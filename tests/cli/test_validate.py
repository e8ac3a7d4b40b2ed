"""`sourcebias validate`: labels in and out of the store, and the model's accuracy per group
from them, checked against a hand computation."""

from __future__ import annotations

import json
from pathlib import Path

from store import Store
from tests.cli.test_main import run
from tests.conftest import SEEDS


def _labels(store: Store) -> list[dict]:
    docs = store.documents(("id", "source_type")).sort_values("id")
    partisan = docs[docs["source_type"] == "partisan"]["id"].tolist()
    wire = docs[docs["source_type"] == "wire"]["id"].tolist()
    base = {"kind": "tone", "labelled_at": "2026-12-02T10:00:00", "model_version": "shipped",
            "text_hash": "h"}  # fmt: skip
    rows = []
    # partisan: 3 right of 4; wire: 2 right of 2; one wrong actor
    items = [
        (partisan[0], "negative", "negative"),
        (partisan[0], "negative", "neutral"),
        (partisan[1], "positive", "positive"),
        (partisan[1], "neutral", "neutral"),
        (wire[0], "negative", "negative"),
        (wire[0], "neutral", "neutral"),
        (wire[0], "wrong actor", "negative"),
    ]
    for i, (doc, gold, model) in enumerate(items):
        rows.append({**base, "item": f"{doc}:{i}:{i + 5}:taliban", "label": gold,
                     "labeller": "A", "model_label": model})  # fmt: skip
    # a second analyst on three of the same items, disagreeing once
    for row, label in zip(rows[:3], ["negative", "neutral", "positive"], strict=True):
        rows.append({**row, "labeller": "B", "label": label, "labelled_at": "2026-12-01T09:00:00"})
    # a label of an item judged under another model: not counted in this model's accuracy
    rows.append({**rows[0], "item": f"{wire[0]}:50:55:taliban", "model_version": "tone-x.json",
                 "label": "positive", "model_label": "negative"})  # fmt: skip
    return rows


def test_import_report_export_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "d"
    code, _ = run("ingest", str(SEEDS), "--data", str(data), "--workers", "0")
    assert code == 0
    store = Store(data)
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _labels(store)))
    code, output = run("validate", "import", str(path), "--data", str(data))
    assert code == 0 and "added 11 labels" in output, output
    code, output = run("validate", "report", "--data", str(data))
    assert code == 0, output
    # latest label per item: A's (labelled after B's); partisan 3/4 right, wire 2/2
    assert "partisan" in output and "0.75 (" in output and "1.00 (" in output
    assert "A and B: 3 items in common, 2 identical" in output
    assert "1 tone labels judged another model and are not counted" in output
    exported = tmp_path / "out.csv"
    code, _ = run("validate", "export", str(exported), "--data", str(data))
    assert code == 0
    other = tmp_path / "d2"
    code, _ = run("validate", "import", str(exported), "--data", str(other))
    assert code == 0
    assert Store(other).labels() == store.labels()


def test_a_bad_row_is_named_and_not_added(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"kind": "tone", "item": "x:1:2:a", "label": "angry", "labeller": "A"}\n')
    code, output = run("validate", "import", str(path), "--data", str(tmp_path / "d"))
    assert code == 1
    assert "labels.jsonl:1: [rejected] label 'angry'" in output
    assert Store(tmp_path / "d").labels() == []


def test_report_without_labels_says_so(tmp_path: Path) -> None:
    code, output = run("validate", "report", "--data", str(tmp_path / "d"))
    assert code == 2 and "no labels in this store" in output


def test_models_are_listed_and_a_wrong_name_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "d"
    code, _ = run("ingest", str(SEEDS), "--data", str(data))
    assert code == 0
    code, output = run("validate", "model", "--data", str(data))
    assert code == 0 and output.startswith("* shipped: shipped with the app"), output
    code, output = run("validate", "model", "../../etc/passwd", "--data", str(data))
    assert code == 2 and "no tone model '../../etc/passwd'" in output


def test_adapt_says_how_many_labels_it_needs(tmp_path: Path) -> None:
    data = tmp_path / "d"
    code, _ = run("ingest", str(SEEDS), "--data", str(data), "--workers", "0")
    assert code == 0
    code, output = run("validate", "adapt", "--data", str(data))
    assert code == 2 and "at least 20 tone labels" in output and "has 0 from 0" in output


def test_a_store_of_an_older_version_gains_the_views_it_reads(tmp_path: Path) -> None:
    data = tmp_path / "d"
    code, _ = run("ingest", str(SEEDS), "--data", str(data))
    assert code == 0
    with Store(data).connect() as con:
        con.execute("DROP VIEW mentions_read; DROP VIEW corrections; DROP TABLE labels")
    code, output = run("validate", "report", "--data", str(data))
    assert code == 2 and "no labels in this store" in output
    code, output = run("actors", "audit", "--data", str(data))
    assert code == 0, output
