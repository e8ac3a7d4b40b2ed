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
from store import Store
from tests.conftest import REPO, SEEDS

CRASHING_INGEST = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import store.store as store

    original = store._insert_frame

    def insert_then_hang(con, table, frame, verb="INSERT"):
        original(con, table, frame, verb)
        if table == "documents":
            Path(sys.argv[2]).write_text("inside transaction")
            time.sleep(120)

    store._insert_frame = insert_then_hang
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


WRITER = (
    "import sys, time; import store.connection as c; c.WRITE_WAIT_S = float(sys.argv[2]); "
    "from store import Store; "
    "t = time.monotonic(); Store(sys.argv[1]).set_meta('other', 'process'); "
    "print(round(time.monotonic() - t, 2))"
)


def _write_from_another_process(store: Store, wait: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.data_dir), str(wait)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_script_runs_share_one_read_handle_and_writes_get_through(
    tmp_path: Path, monkeypatch
) -> None:
    import duckdb

    import store.connection as store_module

    monkeypatch.setattr(store_module, "READER_IDLE_S", 0.3)
    store = Store(tmp_path / "data")
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    opened: list[bool] = []
    real = duckdb.connect

    def counting(path, read_only=False):
        opened.append(read_only)
        return real(path, read_only=read_only)

    monkeypatch.setattr(store_module.duckdb, "connect", counting)
    for _ in range(3):  # three script runs in a row
        with store.read_session():
            assert store.count_documents() == 1
            assert len(store.documents(("id",))) == 1
    assert opened == [True]
    with store.read_session():  # a write inside a run closes the shared handle first
        store.set_meta("note", "written inside a session")
        assert store.get_meta("note") == "written inside a session"
    assert opened[0] is True and opened.count(True) == 2  # reopened once, after the write
    time.sleep(0.6)  # idle: the handle is closed, so another process writes at once
    writer = _write_from_another_process(store, wait=0.0)
    assert writer.wait(60) == 0, writer.stderr.read()
    assert store.get_meta("other") == "process"


def test_writer_waits_for_the_dashboard_to_finish_reading(tmp_path: Path, monkeypatch) -> None:
    import store.connection as store_module

    monkeypatch.setattr(store_module, "READER_IDLE_S", 0.2)
    store = Store(tmp_path / "data")
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    with store.read_session():
        assert store.count_documents() == 1
        writer = _write_from_another_process(store, wait=20.0)
        time.sleep(1.5)  # a long script run: the writer keeps retrying meanwhile
        assert writer.poll() is None
    assert writer.wait(60) == 0, writer.stderr.read()
    assert float(writer.stdout.read()) >= 1.0
    assert store.get_meta("other") == "process"


def test_writer_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    with store.read_session():
        assert store.count_documents() == 1
        writer = _write_from_another_process(store, wait=0.5)
        assert writer.wait(60) != 0
    error = writer.stderr.read()
    assert "StoreBusy" in error and "cannot open the store" in error


BATCH_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store import MetricWriter, Store

    writer = MetricWriter(Store(sys.argv[1]))
    writer.read_texts([])
    Path(sys.argv[2]).write_text("holding")
    for _ in range(300):  # 30 s of batches, each computed while holding the connection
        writer.read_texts([])
        time.sleep(0.1)
    writer.close()
    """
)


def test_reader_gets_in_between_the_batches_of_a_long_write(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    ingest([SEEDS / "000_458f8c1981105ecd.txt"], store)
    holding = tmp_path / "holding"
    writer = subprocess.Popen(
        [sys.executable, "-c", BATCH_WRITER, str(store.data_dir), str(holding)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 60
        while not holding.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert holding.exists(), "the writer never started"
        for _ in range(3):  # each read waits for a batch boundary, not for the whole write
            assert store.count_documents() == 1
            time.sleep(0.3)
        assert writer.poll() is None, "the writer finished: the reads proved nothing"
    finally:
        writer.kill()
        writer.wait()


def test_a_store_from_before_a_new_column_gets_it(tmp_path: Path) -> None:
    """A metric added since the store was made: its column is added (empty), not an error."""
    import duckdb

    from store.schema import DOC_METRICS

    store = Store(tmp_path / "data")
    store.data_dir.mkdir()
    older = [c for c in DOC_METRICS.columns if c.name != "n_mentions"]
    with duckdb.connect(str(store.path)) as con:
        con.execute(f"CREATE TABLE doc_metrics ({', '.join(f'{c.name} {c.sql}' for c in older)})")
        con.execute("INSERT INTO doc_metrics (doc_id, analysis_key, n_words) VALUES ('d', 'k', 1)")
    store.initialise()
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT doc_id, n_mentions FROM doc_metrics").fetchall() == [("d", None)]
