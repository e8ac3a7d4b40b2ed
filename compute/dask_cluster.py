"""Metric computation on a Dask cluster, written as partitioned Parquet, read back by DuckDB.

Why Dask and not Ray: the work is an embarrassingly parallel map over batches of documents
with no shared state, which Dask's `Client.map` does directly; Dask is pure-Python wheels
(the same `pip install` on a laptop and on cluster nodes), its LocalCluster runs inside a
test process, and pointing at a real cluster is one scheduler address. Ray would bring
large binary wheels and its own cluster processes for no gain here.

Layout of the output folder (one Parquet file per batch, so a rerun or a second machine can
add partitions without rewriting others):
    DIR/doc_metrics/part-<first doc id>.parquet
    DIR/mentions/part-<first doc id>.parquet
    DIR/attributions/part-<first doc id>.parquet
The store then inserts them into its tables (`Store.load_metric_parquet`, through DuckDB's
read_parquet), and the dashboard reads them like metrics computed locally.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from compute.analyse import analysis_key, compute_batch
from compute.local import BATCH
from compute.model import active_engine
from metrics.actors import ActorSet
from store import Store
from store.schema import DOC_METRICS
from store.store import DocumentText


def _write_batch(
    docs: list[DocumentText], actors: ActorSet, engine: str, key: str, out: str
) -> int:
    """Runs on a Dask worker: analyse a batch and write its three Parquet partitions."""
    tables = compute_batch(docs, actors, engine, key)
    for table, data in tables.items():
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, folder / f"part-{docs[0][0]}.parquet")
    return tables[DOC_METRICS.name].num_rows


def compute_parquet(
    store: Store, out: Path, actors: ActorSet, engine: str = "model", scheduler: str | None = None
) -> int:
    """Compute metrics for the documents lacking them on a Dask cluster; returns their number.

    `scheduler` is a Dask scheduler address (tcp://host:8786); None starts a LocalCluster
    with one worker process per core on this machine. Workers need this package installed
    and write to `out`, so on a real cluster `out` must be storage every worker can reach.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    engine = active_engine(store, engine)
    key = analysis_key(actors, engine)
    todo, _ = store.metric_state(key)
    if not todo:
        return 0
    out.mkdir(parents=True, exist_ok=True)
    cluster = None if scheduler else LocalCluster(processes=True, threads_per_worker=1)
    client = Client(scheduler or cluster)
    try:
        remote_actors = client.scatter(actors, broadcast=True)
        futures = [
            client.submit(_write_batch, docs, remote_actors, engine, key, str(out), pure=False)
            for docs in store.document_batches(todo, BATCH)
        ]
        return sum(f.result() for f in as_completed(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load_parquet(store: Store, folder: Path, actors: ActorSet, engine: str = "model") -> int:
    """Load what `compute_parquet` wrote into the store under the key of `actors` and
    `engine`, making it current; returns the number of documents added."""
    return store.load_metric_parquet(folder, analysis_key(actors, active_engine(store, engine)))
