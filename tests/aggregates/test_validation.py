"""What labels say about the model, and labels overriding the model in every aggregate:
checked against hand computations on the seeds."""

from __future__ import annotations

import pytest

from aggregates import queries
from aggregates.validation import report_from, validation_report
from aggregates.view import ViewFilter
from corpus.actors_config import load_actors
from pipeline.run import ingest_and_compute
from store import Store
from store.schema import Label
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("validation") / "data")
    ingest_and_compute([SEEDS], store, load_actors())
    return store


def label(item: str, value: str, who: str = "A", at: str = "2026-12-02T10:00:00",
          model: str = "negative", kind: str = "tone") -> Label:  # fmt: skip
    return Label(kind, item, value, who, at, "shipped", model, "h")


def _doc_sum(store: Store, doc_id: str, actor: str) -> tuple[int, int]:
    with store.connect(read_only=True) as con:
        row = con.execute(
            "SELECT n_author + n_quoted, micro_author + micro_quoted FROM tone_by_doc "
            "WHERE doc_id = ? AND actor = ?",
            [doc_id, actor],
        ).fetchone()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


def test_a_label_overrides_the_model_in_the_summaries_and_undo_restores_it(
    tmp_path, seeded: Store
) -> None:
    store = Store(tmp_path / "copy")
    store.data_dir.mkdir()
    store.path.write_bytes(seeded.path.read_bytes())
    items = queries.validation_candidates(store, ViewFilter(), "tone")
    item = items["item"].iloc[0]
    doc, _, _, actor = item.split(":", 3)
    shown = queries.validation_item(store, "tone", item)
    model_micro = round(float(shown["score"]) * 1e6)
    n0, micro0 = _doc_sum(store, doc, actor)
    assert n0 >= 1

    positive = label(item, "positive")
    store.add_labels([positive])
    n1, micro1 = _doc_sum(store, doc, actor)
    # by hand: the mention now counts +1 in place of the model's score
    assert (n1, micro1) == (n0, micro0 - model_micro + 1_000_000)
    evidence = queries.evidence(store, ViewFilter(), actor, None, limit=500)
    row = evidence[
        (evidence["doc_id"] == doc) & (evidence["sentence_text"] == shown["sentence_text"])
    ]
    marked = row[row["corrected"].astype(bool)]
    assert len(marked) == 1
    assert marked.iloc[0]["sentiment"] == "positive" and marked.iloc[0]["score"] == 1.0
    assert marked.iloc[0]["model_sentiment"] == shown["sentiment"]

    # relabelling keeps the history; the latest label counts
    wrong = label(item, "wrong actor", at="2026-12-02T11:00:00")
    store.add_labels([wrong])
    assert len(store.labels()) == 2
    assert _doc_sum(store, doc, actor) == (n0 - 1, micro0 - model_micro)

    # undo takes back exactly the last label: the earlier one counts again
    assert store.withdraw_label(wrong)
    assert _doc_sum(store, doc, actor) == (n1, micro1)
    assert store.withdraw_label(positive)
    assert _doc_sum(store, doc, actor) == (n0, micro0)
    assert not store.withdraw_label(positive)


def test_report_counts_each_items_latest_label_per_group() -> None:
    groups = {"p1": "partisan", "p2": "partisan", "w1": "wire"}
    labels = [
        label("p1:0:5:taliban", "neutral", at="2026-12-01T09:00:00", model="negative"),
        label("p1:0:5:taliban", "negative", at="2026-12-02T09:00:00", model="negative"),
        label("p1:9:12:taliban", "positive", model="negative"),
        label("p2:1:4:usa", "neutral", model="neutral"),
        label("p2:7:9:usa", "wrong actor", model="negative"),
        label("w1:0:5:taliban", "negative", model="negative"),
        label("w1:8:9:isis", "negative", model="negative"),
        label("p1:0:5:taliban", "negative", who="B", at="2026-12-01T08:00:00"),
        label("p1:9:12:taliban", "negative", who="B", at="2026-12-01T08:00:00"),
        label("w1:0:9:", "correct", kind="attribution", model="attribution"),
        label("w1:20:29:", "wrong speaker", kind="attribution", model="attribution"),
        label("w1:40:90", "missed attribution", kind="attribution", model="none found"),
    ]
    report = report_from(labels, groups)
    partisan, wire = report.accuracies
    # partisan: p1:0:5 right (latest: negative), p1:9:12 wrong, p2:1:4 right; one wrong actor
    assert (partisan.group, partisan.n, partisan.correct, partisan.wrong_actor) == (
        "partisan", 3, 2, 1,
    )  # fmt: skip
    assert partisan.accuracy == pytest.approx(2 / 3)
    assert (wire.n, wire.correct) == (2, 2)
    assert report.n_scored == 5 and report.accuracy == pytest.approx(4 / 5)
    assert report.summary().startswith("tone validated on 5 mentions: 0.80 accuracy")
    # A's latest labels vs B's on the two items both labelled: one identical
    assert report.pair == ("A", "B")
    assert (report.agreement.n, report.agreement.identical) == (2, 1)
    (attr,) = report.attributions
    assert (attr.group, attr.n, attr.correct, attr.missed) == ("wire", 2, 1, 1)
    assert attr.errors == (("wrong speaker", 1),)


def test_a_store_without_labels_has_an_empty_report(seeded: Store) -> None:
    report = validation_report(seeded)
    assert report.n_tone == 0 and report.summary() is None and not report.attributions
