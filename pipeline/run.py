"""Ingest, then compute: the two stages as one step for the callers that want both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from compute.local import update_metrics
from corpus.ingest import ingest
from corpus.report import IngestReport
from metrics.actors import ActorSet
from store import Store

Progress = Callable[[int, int], None]


def ingest_and_compute(
    paths: list[Path],
    store: Store,
    actors: ActorSet,
    *,
    engine: str = "model",
    workers: int | None = None,
    metrics_progress: Progress | None = None,
    **ingest_options: Any,
) -> tuple[IngestReport, int]:
    """Store the inputs (see corpus.ingest.ingest for the options), then compute metrics for
    every document that lacks them under `actors` and `engine`; the ingest's report and run
    id. `workers=0` stores the documents only (to compute them elsewhere, e.g. on Dask)."""
    report, run_id = ingest(paths, store, **ingest_options)
    if workers != 0:
        update_metrics(store, actors, engine, metrics_progress, workers)
    return report, run_id
