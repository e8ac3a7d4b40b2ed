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
