"""Metrics are computed for stored documents, and recomputed only when text or config changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus_gen import write_corpus
from compute import local
from compute.local import update_metrics
from corpus.actors_config import load_actors
from corpus.ingest import ingest
from metrics.actors import compile_actors
from pipeline.run import ingest_and_compute
from store import MetricWriter, Store
from tests.conftest import SEEDS

ACTORS = load_actors()


def counts(store: Store) -> tuple[int, int, int]:
    with store.connect(read_only=True) as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("doc_metrics", "mentions", "attributions")
        )


def test_ingest_computes_and_stores_metrics(fresh_store: Store) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    n_docs, n_mentions, n_attributions = counts(fresh_store)
    assert n_docs == 5 and n_mentions > 100 and n_attributions > 20
    with fresh_store.connect(read_only=True) as con:
        text, start, end, alias = con.execute(
            "SELECT d.text, m.start_char, m.end_char, m.alias FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id "
            "WHERE m.alias = 'Islamic Emirate of Afghanistan' LIMIT 1"
        ).fetchone()
    assert text[start:end] == alias


def test_unchanged_reingest_computes_nothing(fresh_store: Store) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    before = counts(fresh_store)
    assert update_metrics(fresh_store, ACTORS) == 0
    assert counts(fresh_store) == before


def test_new_document_is_the_only_one_computed(fresh_store: Store, tmp_path: Path) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    extra = tmp_path / "new.txt"
    extra.write_text("The Taliban said the regime had fallen.")
    ingest([extra], fresh_store)
    assert update_metrics(fresh_store, ACTORS) == 1


def test_actors_change_recomputes_everything_and_drops_stale_rows(fresh_store: Store) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    narrow = compile_actors({"actors": {"taliban": {"name": "Taliban", "aliases": ["Taliban"]}}})
    assert update_metrics(fresh_store, narrow) == 5
    with fresh_store.connect(read_only=True) as con:
        actors = {r[0] for r in con.execute("SELECT DISTINCT actor FROM mentions").fetchall()}
        keys = {
            r[0] for r in con.execute("SELECT DISTINCT analysis_key FROM doc_metrics").fetchall()
        }
    assert actors == {"taliban"}
    assert len(keys) == 1


def table_rows(store: Store) -> dict[str, list[tuple]]:
    with store.connect(read_only=True) as con:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("doc_metrics", "mentions", "attributions")
        }


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    corpus = write_corpus(150, tmp_path / "corpus", seed=4)
    serial, parallel = Store(tmp_path / "serial"), Store(tmp_path / "parallel")
    for store in (serial, parallel):
        ingest([corpus], store)
    assert update_metrics(serial, ACTORS, workers=1) == 150
    assert update_metrics(parallel, ACTORS, workers=2) == 150
    assert table_rows(serial) == table_rows(parallel)
    assert len(table_rows(parallel)["doc_metrics"]) == 150


def test_interrupted_run_keeps_finished_batches_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "store")
    ingest([write_corpus(3 * local.BATCH, tmp_path / "corpus", seed=5)], store)
    real, calls = MetricWriter.write, []

    def fail_on_second(writer: MetricWriter, tables) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(writer, tables)

    monkeypatch.setattr(MetricWriter, "write", fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        update_metrics(store, ACTORS, workers=1)
    assert counts(store)[0] == local.BATCH
    assert store.get_meta("analysis_key") is None  # no half-finished key is shown
    monkeypatch.setattr(MetricWriter, "write", real)
    assert update_metrics(store, ACTORS, workers=1) == 2 * local.BATCH
    assert counts(store)[0] == 3 * local.BATCH


def summaries(store: Store) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    """The summary rows, and the same figures recomputed from the mention rows in Python."""
    with store.connect(read_only=True) as con:
        tone = con.execute(
            "SELECT doc_id, actor, n_author, micro_author, n_quoted, micro_quoted, n_speaks "
            "FROM tone_by_doc ORDER BY ALL"
        ).fetchall()
        naming = con.execute(
            "SELECT doc_id, actor, alias, label, n FROM naming_by_doc ORDER BY ALL"
        ).fetchall()
        rows = con.execute(
            "SELECT doc_id, actor, alias, label, voice, score, role, resolution FROM mentions"
        ).fetchall()
    expected_tone: dict[tuple, list[int]] = {}
    expected_naming: dict[tuple, int] = {}
    for doc_id, actor, alias, label, voice, score, role, resolution in rows:
        if resolution not in ("name", "context", "document"):
            continue  # another entity or ambiguous: counted nowhere
        entry = expected_tone.setdefault((doc_id, actor), [0, 0, 0, 0, 0])
        if role == "speaker":
            entry[4] += 1
        if role == "target":
            offset = 2 if voice == "quoted" else 0
            entry[offset] += 1
            entry[offset + 1] += round(score * 1_000_000)
        key = (doc_id, actor, alias, label)
        expected_naming[key] = expected_naming.get(key, 0) + 1
    return (
        tone,
        sorted((*k, *v) for k, v in expected_tone.items()),
        naming,
        sorted((*k, n) for k, n in expected_naming.items()),
    )


def test_per_document_summaries_match_the_mentions(fresh_store: Store) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    tone, expected_tone, naming, expected_naming = summaries(fresh_store)
    assert tone == expected_tone and len(tone) > 10
    assert naming == expected_naming and len(naming) > len(tone)
    assert any(row[4] for row in tone)  # some mentions are in quoted speech
    assert any(row[6] for row in tone)  # some actors speak


def test_store_without_summaries_gets_them_on_the_next_run(fresh_store: Store) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    with fresh_store.connect() as con:  # as a store written before the tables existed
        con.execute("DELETE FROM tone_by_doc")
        con.execute("DELETE FROM naming_by_doc")
        con.execute("DELETE FROM meta WHERE key = 'summarised'")
    assert update_metrics(fresh_store, ACTORS) == 0
    tone, expected_tone, naming, expected_naming = summaries(fresh_store)
    assert tone == expected_tone and tone
    assert naming == expected_naming and naming


def test_run_stopped_before_summarising_is_summarised_next_time(
    fresh_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_and_compute([SEEDS], fresh_store, ACTORS)
    extra = tmp_path / "extra.txt"
    extra.write_text("The Taliban said the regime fell. The US said nothing.\n")

    def stop(con, key) -> None:
        raise KeyboardInterrupt

    import store.store as store_module

    monkeypatch.setattr(store_module, "_use_key", stop)
    with pytest.raises(KeyboardInterrupt):  # the new rows are stored, their summaries not
        ingest_and_compute([extra], fresh_store, ACTORS)
    monkeypatch.undo()
    assert update_metrics(fresh_store, ACTORS) == 0
    tone, expected_tone, naming, expected_naming = summaries(fresh_store)
    assert tone == expected_tone and naming == expected_naming
    assert len({row[0] for row in tone}) == 6


def test_metric_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    """kill -9 of an ingest (no clean-up runs) must not leave its workers computing: each
    worker here has a batch of minutes ahead of it, and must be gone within seconds."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    from bench.large_doc import document
    from tests.conftest import REPO

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(130):  # two batches of 64 long documents: minutes of work per worker
        (corpus / f"doc{i:03d}.txt").write_text(f"Document {i}.\n" + document(60_000, False, i))
    ingest = subprocess.Popen(
        [sys.executable, "-m", "cli", "ingest", str(corpus), "--workers", "2",
         "--data", str(tmp_path / "data")],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    parent = psutil.Process(ingest.pid)
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and ingest.poll() is None and len(workers) < 2:
        workers = [
            c
            for c in parent.children(recursive=True)
            if "resource_tracker" not in " ".join(c.cmdline())
        ]
        time.sleep(0.2)
    assert len(workers) >= 2, "the ingest never started its workers"
    time.sleep(3.0)  # initialised and computing
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()

    def running(p: psutil.Process) -> bool:
        try:
            return p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(p) for p in workers):
        time.sleep(0.2)
    alive = [p for p in workers if running(p)]
    for p in alive:
        p.kill()
    assert not alive, f"{len(alive)} workers outlived the killed ingest"
