"""The Dask path writes Parquet that, loaded through DuckDB, equals the local computation."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus_gen import write_corpus
from compute.dask_cluster import compute_parquet, load_parquet
from compute.local import update_metrics
from corpus.actors_config import load_actors
from corpus.ingest import ingest
from store import Store
from tests.compute.test_local import table_rows

pytest.importorskip("dask.distributed")
ACTORS = load_actors()


def test_local_dask_cluster_matches_local_metrics(tmp_path: Path) -> None:
    corpus = write_corpus(90, tmp_path / "corpus", seed=8)
    local, remote = Store(tmp_path / "local"), Store(tmp_path / "remote")
    for store in (local, remote):
        ingest([corpus], store)
    update_metrics(local, ACTORS, workers=1)

    parquet = tmp_path / "parquet"
    assert compute_parquet(remote, parquet, ACTORS) == 90
    assert len(list((parquet / "mentions").glob("*.parquet"))) > 1  # partitioned by batch
    assert load_parquet(remote, parquet, ACTORS) == 90
    assert table_rows(remote) == table_rows(local)
    assert remote.get_meta("analysis_key") == local.get_meta("analysis_key")

    assert compute_parquet(remote, parquet, ACTORS) == 0  # nothing left to compute
    assert load_parquet(remote, parquet, ACTORS) == 0  # loading twice adds nothing


def test_loading_a_folder_without_partitions_names_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no Parquet partitions"):
        load_parquet(Store(tmp_path / "s"), tmp_path / "empty", ACTORS)
