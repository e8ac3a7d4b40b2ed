"""Writes are atomic: killing an ingest mid-transaction leaves the previous store intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from corpus.ingest import ingest
from corpus.store import Store
from tests.conftest import REPO, SEEDS

CRASHING_INGEST = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import corpus.store as store

    original = store._insert_documents

    def insert_then_hang(con, docs, run_id, now):
        original(con, docs, run_id, now)
        Path(sys.argv[2]).write_text("inside transaction")
        time.sleep(120)

    store._insert_documents = insert_then_hang
    from corpus.ingest import ingest
    ingest([Path(sys.argv[3])], store.Store(sys.argv[1]))
    """
)


def test_killed_ingest_leaves_previous_store_readable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    before = store.documents()
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_INGEST, str(data), str(marker), str(SEEDS)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "ingest exited before reaching the transaction"
            assert time.monotonic() < deadline, "ingest never reached the transaction"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    after = Store(data).documents()
    assert after.equals(before)
    assert Store(data).runs()["run_id"].tolist() == [1]
    report, _ = ingest([SEEDS], Store(data))
    assert report.count("added") == 4 and report.count("unchanged") == 1


def test_read_session_shares_one_handle_and_lets_writes_through(
    tmp_path: Path, monkeypatch
) -> None:
    import duckdb

    import corpus.store as store_module

    store = Store(tmp_path / "data")
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    opened: list[bool] = []
    real = duckdb.connect

    def counting(path, read_only=False):
        opened.append(read_only)
        return real(path, read_only=read_only)

    monkeypatch.setattr(store_module.duckdb, "connect", counting)
    with store.read_session():
        assert store.count_documents() == 1
        assert len(store.documents(("id",))) == 1
        assert store.get_meta("schema_version") == "1"
        assert opened == [True]
        store.set_meta("note", "written inside a session")
        assert store.get_meta("note") == "written inside a session"
    assert opened.count(True) == 2  # reopened once after the write
    # nothing is held after the block: another process can write at once
    subprocess.run(
        [sys.executable, "-c", "import sys; from corpus.store import Store; "
         "Store(sys.argv[1]).set_meta('other', 'process')", str(store.data_dir)],
        cwd=REPO, check=True,
    )  # fmt: skip
    assert store.get_meta("other") == "process"
