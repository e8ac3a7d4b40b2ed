from __future__ import annotations

from corpus.actors_config import load_actors
from pipeline.run import ingest_and_compute
from store import Store
from tests.conftest import SEEDS


def test_progress_is_reported_per_stage(fresh_store: Store) -> None:
    files: list[tuple[int, int]] = []
    metrics: list[tuple[int, int]] = []
    ingest_and_compute(
        [SEEDS],
        fresh_store,
        load_actors(),
        progress=lambda done, total: files.append((done, total)),
        metrics_progress=lambda done, total: metrics.append((done, total)),
    )
    assert files[-1] == (5, 5) and len(files) == 5
    assert metrics[-1] == (5, 5)


def test_workers_zero_stores_the_documents_only(fresh_store: Store) -> None:
    report, _ = ingest_and_compute([SEEDS], fresh_store, load_actors(), workers=0)
    assert report.count("added") == 5
    assert fresh_store.get_meta("analysis_key") is None


def test_text_in_another_language_is_counted_not_scored(tmp_path, fresh_store: Store) -> None:
    """A Pashto document is stored and counted but gets no English-only figure; a Pashto
    paragraph in an English document is left out of its figures; both are in the report."""
    from tests.metrics.test_language import ENGLISH_TEXT, PASHTO

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pashto.txt").write_text(f"{PASHTO}\n\n{PASHTO} {PASHTO}\n", encoding="utf-8")
    english = "\n\n".join([ENGLISH_TEXT] * 4)  # long enough for the readability formulas
    (folder / "mixed.txt").write_text(
        f"{ENGLISH_TEXT}\n\n{PASHTO} Taliban Taliban\n\n{english}\n", encoding="utf-8"
    )
    (folder / "manifest.csv").write_text(
        "file,source,source_type\npashto.txt,A,partisan\nmixed.txt,A,partisan\n"
    )
    report, _ = ingest_and_compute([folder], fresh_store, load_actors())
    messages = {(i.file.rsplit("/", 1)[-1], i.message) for i in report.warnings}
    assert any(f == "pashto.txt" and "Pashto (ps); counted, not scored" in m for f, m in messages)
    assert any(f == "mixed.txt" and "1 paragraph(s) in Pashto left out" in m for f, m in messages)
    docs = fresh_store.documents(("id", "origin", "language")).set_index("language")
    assert set(docs.index) == {"ps", "en"}
    with fresh_store.connect(read_only=True) as con:
        rows = dict(
            con.execute(
                "SELECT d.language, m.flesch_reading_ease FROM doc_metrics m "
                "JOIN documents d ON d.id = m.doc_id"
            ).fetchall()
        )
        mentions = con.execute(
            "SELECT m.start_char FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.language = 'en'"
        ).fetchall()
    assert rows["ps"] is None and rows["en"] is not None
    pashto_line = (folder / "mixed.txt").read_text().split("\n\n")[1]
    start = len(ENGLISH_TEXT) + 2
    # "Taliban" inside the Pashto paragraph is not a mention: the paragraph was blanked
    assert all(not start <= s < start + len(pashto_line) for (s,) in mentions)


def test_the_language_filter_keeps_counting_and_scoring_apart(tmp_path, fresh_store: Store) -> None:
    """Filtering to Pashto shows its documents in the counts and no scored figure (nothing
    in Pashto is scored); filtering to English leaves them out."""
    from aggregates.queries import corpus_options, view_counts
    from aggregates.view import ViewFilter
    from tests.metrics.test_language import ENGLISH_TEXT, PASHTO

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pashto.txt").write_text(f"{PASHTO}\n\n{PASHTO}\n", encoding="utf-8")
    (folder / "english.txt").write_text(f"{ENGLISH_TEXT} The Taliban said so.\n")
    ingest_and_compute([folder], fresh_store, load_actors())
    assert corpus_options(fresh_store)["languages"] == ["en", "ps"]
    pashto = view_counts(fresh_store, ViewFilter(languages=("ps",)))
    english = view_counts(fresh_store, ViewFilter(languages=("en",)))
    assert (pashto["documents"], pashto["mentions"]) == (1, 0)
    assert english["documents"] == 1 and english["mentions"] > 0
