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
`load_parquet` then inserts them into the store's tables (through DuckDB's read_parquet),
and the dashboard reads them like metrics computed locally.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from corpus.analysis import (
    METRIC_TABLES,
    analysis_key,
    compute_batch,
    document_batches,
    pending_ids,
    use_key,
)
from corpus.store import METRIC_SCHEMA, Store
from metrics.actors import ActorSet


def _write_batch(
    docs: list[tuple[str, str, str]], actors: ActorSet, engine: str, key: str, out: str
) -> int:
    """Runs on a Dask worker: analyse a batch and write its three Parquet partitions."""
    tables = compute_batch(docs, actors, engine, key)
    for table, data in tables.items():
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, folder / f"part-{docs[0][0]}.parquet")
    return tables["doc_metrics"].num_rows


def compute_parquet(
    store: Store, out: Path, actors: ActorSet, engine: str = "model", scheduler: str | None = None
) -> int:
    """Compute metrics for the documents lacking them on a Dask cluster; returns their number.

    `scheduler` is a Dask scheduler address (tcp://host:8786); None starts a LocalCluster
    with one worker process per core on this machine. Workers need this package installed
    and write to `out`, so on a real cluster `out` must be storage every worker can reach.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    key = analysis_key(actors, engine)
    todo = pending_ids(store, key)
    if not todo:
        return 0
    out.mkdir(parents=True, exist_ok=True)
    cluster = None if scheduler else LocalCluster(processes=True, threads_per_worker=1)
    client = Client(scheduler or cluster)
    try:
        remote_actors = client.scatter(actors, broadcast=True)
        futures = [
            client.submit(_write_batch, docs, remote_actors, engine, key, str(out), pure=False)
            for docs in document_batches(store, todo)
        ]
        return sum(f.result() for f in as_completed(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load_parquet(store: Store, folder: Path, actors: ActorSet, engine: str = "model") -> int:
    """Insert Parquet partitions written by `compute_parquet` into the store, in one
    transaction, skipping documents that already have rows under this key; switches the
    store to this key. Returns the number of documents added."""
    key = analysis_key(actors, engine)
    missing = [t for t in METRIC_TABLES if not list((folder / t).glob("*.parquet"))]
    if missing:
        raise FileNotFoundError(f"{folder}: no Parquet partitions for {', '.join(missing)}")
    store.initialise()
    with store.connect() as con:
        con.execute(METRIC_SCHEMA)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TEMP TABLE incoming AS SELECT DISTINCT doc_id FROM read_parquet(?) "
                "WHERE analysis_key = ? AND doc_id NOT IN "
                "(SELECT doc_id FROM doc_metrics WHERE analysis_key = ?) "
                "AND doc_id IN (SELECT id FROM documents)",
                [str(folder / "doc_metrics" / "*.parquet"), key, key],
            )
            added = con.execute("SELECT count(*) FROM incoming").fetchone()[0]
            for table in METRIC_TABLES:
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?) "
                    "WHERE analysis_key = ? AND doc_id IN (SELECT doc_id FROM incoming)",
                    [str(folder / table / "*.parquet"), key],
                )
            use_key(con, key)
            con.execute("DROP TABLE incoming")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return int(added)
