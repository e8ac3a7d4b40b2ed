"""Labels exchanged as CSV and JSONL come back exactly; bad rows are named by line and kept
in the reading's rejected list; a spreadsheet never runs a labeller's name as a formula."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.labels import LABELS, Label, LabelFileError, read_labels, write_labels

LABELLED = [
    Label("tone", "abc:10:17:taliban", "negative", "Ayesha", "2026-12-02T10:00:00",
          "model:5", "neutral", "h1"),
    Label("tone", "abc:40:47:us", "wrong actor", "=HYPERLINK(\"http://x\")", "2026-12-02T10:01:00",
          "model:5", "negative", "h1"),
    Label("attribution", "abc:a3", "wrong speaker", "Ben", "2026-12-02T10:02:00", "model:5",
          "direct", "h1"),
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_labels_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"labels{suffix}"
    write_labels(LABELLED, path)
    reading = read_labels(path)
    assert reading.labels == tuple(LABELLED)
    assert reading.rejected == ()


def test_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    write_labels(LABELLED, path)
    assert "'=HYPERLINK" in path.read_text()


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ('{"kind": "tone", "item": "x", "label": "angry", "labeller": "A"}\n', 1, "label 'angry'"),
        ('{"kind": "mood", "item": "x", "label": "negative", "labeller": "A"}\n', 1, "kind 'mood'"),
        ('\n{"kind": "tone", "item": "x", "label": "negative"}\n', 2, "missing labeller"),
        ("not json\n", 1, "not JSON"),
        ("[1, 2]\n", 1, "not a JSON object"),
    ],
    ids=["unknown-label", "unknown-kind", "no-labeller", "not-json", "not-an-object"],
)
def test_bad_rows_are_rejected_with_their_line(tmp_path: Path, text: str, line: int, why: str):
    path = tmp_path / "labels.jsonl"
    path.write_text(text)
    reading = read_labels(path)
    assert reading.labels == ()
    assert reading.rejected[0][0] == line and why in reading.rejected[0][1]


def test_an_unreadable_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(LabelFileError, match=r"labels\.csv:1: expected columns"):
        read_labels(path)
    with pytest.raises(LabelFileError, match=r"csv or \.jsonl"):
        read_labels(tmp_path / "labels.txt")


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@given(st.sampled_from(sorted(LABELS)), TEXT.filter(str.strip), TEXT.filter(str.strip), TEXT)
def test_any_label_text_round_trips_through_csv(kind, item, labeller, stamp) -> None:
    import tempfile

    label = Label(kind, item.strip(), LABELS[kind][0], labeller.strip(), stamp.strip(), "m",
                  "x", "h")  # fmt: skip
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "l.csv"
        write_labels([label], path)
        assert read_labels(path).labels == (label,)
