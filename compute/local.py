"""Computing metrics on this machine: batches of stored documents over worker processes.

Rows are keyed by document id (a hash of the text) and an analysis key (actors-config hash,
metrics version, sentiment engine), so a document is recomputed only when its text or the
configuration changes, and running this again over an unchanged corpus computes nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, wait

import pyarrow as pa

from compute.analyse import analysis_key, compute_batch
from compute.model import active_engine
from metrics.actors import ActorSet
from store import MetricWriter, Store
from store.schema import DOC_METRICS
from store.store import DocumentText

Progress = Callable[[int, int], None]
PARALLEL_MIN_DOCS = 400
BATCH = 64

_worker: dict = {}


def _init_worker(actors: ActorSet, engine: str, key: str, parent: int | None = None) -> None:
    if parent is not None:
        _die_with(parent)
    _worker.update(actors=actors, engine=engine, key=key)


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """End this worker when the process that started it dies, even by `kill -9` (which
    runs no clean-up): the kernel sends SIGTERM on Linux, and a watchdog thread notices
    elsewhere. Without it, killed ingests left workers of 200 MB each running."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watchdog alone
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _worker_batch(docs: list[DocumentText]) -> dict[str, pa.Table]:
    return compute_batch(docs, _worker["actors"], _worker["engine"], _worker["key"])


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _computed(
    writer: MetricWriter,
    todo: list[str],
    actors: ActorSet,
    engine: str,
    key: str,
    workers: int,
) -> Iterator[dict[str, pa.Table]]:
    """Computed batches, in order; texts are read a batch at a time and at most a few
    batches per worker are in flight, so memory stays flat however large the corpus."""
    chunks = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    if workers <= 1:  # computed in a thread, so this one can step aside for readers meanwhile
        with ThreadPoolExecutor(1) as thread:
            for ids in chunks:
                docs = writer.read_texts(ids)
                yield _result(thread.submit(compute_batch, docs, actors, engine, key), writer)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(actors, engine, key, os.getpid()),
    ) as pool:
        pending: deque[Future[dict[str, pa.Table]]] = deque()
        for ids in chunks:
            pending.append(pool.submit(_worker_batch, writer.read_texts(ids)))
            if len(pending) >= 3 * workers:
                yield _result(pending.popleft(), writer)
        while pending:
            yield _result(pending.popleft(), writer)


def _result(future: Future[dict[str, pa.Table]], writer: MetricWriter) -> dict[str, pa.Table]:
    """The batch's tables; while they are being computed, the store is let go whenever a
    reader waits (a check of a file's time every quarter second)."""
    while not wait([future], timeout=0.25).done:
        writer.step_aside()
    return future.result()


def update_metrics(
    store: Store,
    actors: ActorSet,
    engine: str = "model",
    progress: Progress | None = None,
    workers: int | None = None,
) -> int:
    """Compute metrics for documents that lack them under the current key; returns how many.

    Work is spread over `workers` processes (default: one per core; small jobs stay in this
    process, where starting workers would cost more than it saves). Each batch is written in
    its own transaction, so an interrupted run keeps what it finished. Rows of an older key
    are removed, and the key switched, only once every document has the new rows: until then
    the dashboard keeps showing the complete older results.
    """
    engine = active_engine(store, engine)
    key = analysis_key(actors, engine)
    todo, stale = store.metric_state(key)
    if not todo and not stale:
        if not store.is_current(key):
            store.switch_key(key)
        return 0  # nothing computed, nothing to summarise: the usual re-ingest and start
    if workers is None:
        workers = default_workers() if len(todo) >= PARALLEL_MIN_DOCS else 1
    done = 0
    with store.metric_writer() as writer:
        for tables in _computed(writer, todo, actors, engine, key, workers):
            writer.write(tables)
            done += tables[DOC_METRICS.name].num_rows
            if progress:
                progress(done, len(todo))
        writer.finish(key)
    return len(todo)
