"""Metrics computed at ingest and persisted per document, per mention, per attribution.

Rows are keyed by document id (a hash of the text) and an analysis key (actors-config hash,
metrics version, sentiment engine), so a document is recomputed only when its text or the
configuration changes, and re-ingesting an unchanged corpus computes nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from contextlib import ExitStack

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from corpus.clean import clean
from corpus.store import (
    METRIC_SCHEMA,
    SUMMARY_TABLES,
    Store,
    let_readers_in,
    readers_waiting,
)
from metrics.actors import ActorSet
from metrics.document import METRICS_VERSION, DocumentAnalysis, analyze_document

Progress = Callable[[int, int], None]
METRIC_TABLES = ("doc_metrics", "mentions", "attributions")
PARALLEL_MIN_DOCS = 400
MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("analysis_key", pa.string()), ("actor", pa.string()),
        ("alias", pa.string()), ("label", pa.string()), ("start_char", pa.int32()),
        ("end_char", pa.int32()), ("sentence", pa.int32()), ("sent_start", pa.int32()),
        ("sent_end", pa.int32()), ("voice", pa.string()), ("sentiment", pa.string()),
        ("score", pa.float64()),
    ]
)  # fmt: skip
ATTRIBUTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("analysis_key", pa.string()), ("kind", pa.string()),
        ("cue", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32()),
        ("speaker", pa.string()), ("speaker_start", pa.int32()), ("speaker_end", pa.int32()),
        ("resolved_speaker", pa.string()), ("content_start", pa.int32()),
        ("content_end", pa.int32()), ("source_type", pa.string()), ("stance", pa.string()),
        ("sentence", pa.int32()),
    ]
)  # fmt: skip


def analysis_key(actors: ActorSet, engine: str) -> str:
    return f"{actors.config_hash}:{METRICS_VERSION}:{engine}"


def analyse_text(
    text: str, actors: ActorSet, engine: str = "model", residue: list[tuple[int, int]] | None = None
) -> DocumentAnalysis:
    """Analyse a document; `residue` spans come from the store when ingest already found them."""
    if residue is None:
        residue = [(r.start, r.end) for r in clean(text).removals]
    return analyze_document(text, actors, residue, engine)


def rows_for(doc_id: str, key: str, a: DocumentAnalysis) -> tuple[dict, list[tuple], list[tuple]]:
    r, at, em = a.readability, a.attribution, a.emotive
    st = at.by_source_type
    metrics = {
        "doc_id": doc_id,
        "analysis_key": key,
        "n_words": a.n_words,
        "n_sentences": len(a.sentences),
        "mean_sentence_length": r.mean_sentence_length,
        "flesch_reading_ease": r.flesch_reading_ease,
        "flesch_kincaid_grade": r.flesch_kincaid_grade,
        "gunning_fog": r.gunning_fog,
        "smog_index": r.smog_index,
        "coleman_liau_index": r.coleman_liau_index,
        "dale_chall": r.dale_chall,
        "readability_missing": json.dumps(r.missing),
        "n_attributions": at.n_attributions,
        "attributions_per_1000": at.per_1000_words,
        "quoted_word_share": at.quoted_word_share,
        "n_direct": at.by_kind.get("direct", 0),
        "n_indirect": at.by_kind.get("indirect", 0),
        "n_according_to": at.by_kind.get("according-to", 0),
        "n_named": st.get("named", 0),
        "n_institutional": st.get("institutional", 0),
        "n_anonymous": st.get("anonymous", 0),
        "n_unresolved": st.get("unresolved", 0),
        "n_loaded": at.by_stance.get("loaded", 0),
        "strong_share": em.strong_share,
        "mean_sentence_tone": em.mean_sentence_tone,
        "exclamations_per_1000": em.exclamations_per_1000,
        "first_plural_per_1000": em.first_plural_per_1000,
        "n_mentions": len(a.mentions),
    }
    mentions = [
        (
            doc_id,
            key,
            m.actor,
            m.alias,
            m.label,
            m.start,
            m.end,
            m.sentence,
            a.sentences[m.sentence].start if a.sentences else m.start,
            a.sentences[m.sentence].end if a.sentences else m.end,
            m.voice,
            m.sentiment,
            m.score,
        )
        for m in a.mentions
    ]
    attributions = [
        (
            doc_id,
            key,
            x.kind,
            x.cue,
            x.cue_span[0],
            x.cue_span[1],
            x.speaker,
            x.speaker_span[0] if x.speaker_span else None,
            x.speaker_span[1] if x.speaker_span else None,
            x.resolved_speaker,
            x.content_span[0],
            x.content_span[1],
            x.source_type,
            x.stance,
            x.sentence,
        )
        for x in a.attributions
    ]
    return metrics, mentions, attributions


MENTION_COLUMNS = (
    "doc_id", "analysis_key", "actor", "alias", "label", "start_char", "end_char", "sentence",
    "sent_start", "sent_end", "voice", "sentiment", "score",
)  # fmt: skip
ATTRIBUTION_COLUMNS = (
    "doc_id", "analysis_key", "kind", "cue", "cue_start", "cue_end", "speaker", "speaker_start",
    "speaker_end", "resolved_speaker", "content_start", "content_end", "source_type", "stance",
    "sentence",
)  # fmt: skip
BATCH = 64
Batch = tuple[list[dict], list[tuple], list[tuple]]


def analyse_batch(
    docs: list[tuple[str, str, str]], actors: ActorSet, engine: str, key: str
) -> Batch:
    """Rows for a batch of (doc id, text, stored residue JSON): the unit a worker computes."""
    metric_rows: list[dict] = []
    mention_rows: list[tuple] = []
    attribution_rows: list[tuple] = []
    for doc_id, text, removals in docs:
        residue = [(r["start"], r["end"]) for r in json.loads(removals)]
        metrics, mentions, attributions = rows_for(
            doc_id, key, analyse_text(text, actors, engine, residue)
        )
        metric_rows.append(metrics)
        mention_rows.extend(mentions)
        attribution_rows.extend(attributions)
    return metric_rows, mention_rows, attribution_rows


def compute_batch(
    docs: list[tuple[str, str, str]], actors: ActorSet, engine: str, key: str
) -> dict[str, pa.Table]:
    """A batch computed and already in Arrow form: workers return these, so the process that
    writes only inserts them (and Arrow tables cross process boundaries as buffers)."""
    return batch_tables(analyse_batch(docs, actors, engine, key))


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


def _worker_batch(docs: list[tuple[str, str, str]]) -> dict[str, pa.Table]:
    return compute_batch(docs, _worker["actors"], _worker["engine"], _worker["key"])


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _arrow(rows: list[tuple], columns: tuple[str, ...], schema: pa.Schema) -> pa.Table:
    data = list(zip(*rows, strict=True)) if rows else [[] for _ in columns]
    return pa.Table.from_arrays(
        [
            pa.array(col, type=schema.field(name).type)
            for name, col in zip(columns, data, strict=True)
        ],
        schema=schema,
    )


_INT_METRICS = {
    "n_words", "n_sentences", "n_attributions", "n_direct", "n_indirect", "n_according_to",
    "n_named", "n_institutional", "n_anonymous", "n_unresolved", "n_loaded", "n_mentions",
}  # fmt: skip
_TEXT_METRICS = {"doc_id", "analysis_key", "readability_missing"}


def metrics_table(rows: list[dict]) -> pa.Table:
    """Per-document metric rows as an Arrow table with fixed types (a batch in which, say,
    no document is long enough for SMOG still has a float column)."""
    names = list(rows[0]) if rows else []
    fields = [
        (
            n,
            pa.string()
            if n in _TEXT_METRICS
            else pa.int64()
            if n in _INT_METRICS
            else pa.float64(),
        )
        for n in names
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def batch_tables(batch: Batch) -> dict[str, pa.Table]:
    """A computed batch as one Arrow table per metrics table, named like the tables."""
    metric_rows, mention_rows, attribution_rows = batch
    return {
        "doc_metrics": metrics_table(metric_rows),
        "mentions": _arrow(mention_rows, MENTION_COLUMNS, MENTION_SCHEMA),
        "attributions": _arrow(attribution_rows, ATTRIBUTION_COLUMNS, ATTRIBUTION_SCHEMA),
    }


def _not_yet_stored(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]
) -> dict[str, pa.Table]:
    """The batch less documents another process stored meanwhile: two ingests started at
    once compute the same pending documents, and the second's rows would break the key."""
    con.register("incoming_docs", tables["doc_metrics"].select(["doc_id", "analysis_key"]))
    stored = con.execute(
        "SELECT i.doc_id FROM incoming_docs i JOIN doc_metrics d "
        "ON d.doc_id = i.doc_id AND d.analysis_key = i.analysis_key"
    ).fetchall()
    con.unregister("incoming_docs")
    if not stored:
        return tables
    done = pa.array([r[0] for r in stored], pa.string())
    return {
        name: table.filter(pc.invert(pc.is_in(table["doc_id"], value_set=done)))
        for name, table in tables.items()
    }


def write_batch(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Insert one batch's Arrow tables in one transaction (resumable: a batch is either
    stored whole or not at all, and the next run computes only what is missing)."""
    con.execute("BEGIN TRANSACTION")
    try:
        tables = _not_yet_stored(con, tables)
        for name, table in tables.items():
            con.register("incoming", table)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
        con.execute("DELETE FROM meta WHERE key = 'summarised'")  # use_key has work to do
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


_SUMMARIES = {
    # per document and actor: mentions and the sum of their scores in millionths, by voice
    # (scores are stored rounded to six decimals, so the integer sums are exact and do not
    # depend on summation order)
    "tone_by_doc": "SELECT m.doc_id, m.analysis_key, d.source, d.source_type, d.date, m.actor, "
    "count(*) FILTER (WHERE m.voice <> 'quoted'), "
    "coalesce(sum(CAST(round(m.score * 1e6) AS BIGINT)) FILTER (WHERE m.voice <> 'quoted'), 0), "
    "count(*) FILTER (WHERE m.voice = 'quoted'), "
    "coalesce(sum(CAST(round(m.score * 1e6) AS BIGINT)) FILTER (WHERE m.voice = 'quoted'), 0) "
    "FROM mentions m JOIN documents d ON d.id = m.doc_id",
    # per document: how often each alias (and its label) names each actor
    "naming_by_doc": "SELECT m.doc_id, m.analysis_key, d.source, d.source_type, d.date, "
    "m.actor, m.alias, m.label, count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id",
}


def use_key(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Within the caller's transaction: drop rows of other keys, fill the per-document
    summaries the dashboard aggregates, and make `key` current."""
    for table in (*METRIC_TABLES, *SUMMARY_TABLES):
        con.execute(f"DELETE FROM {table} WHERE analysis_key <> ?", [key])
    summarise_mentions(con, key)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('analysis_key', ?)", [key])
    con.execute("INSERT OR REPLACE INTO meta VALUES ('summarised', ?)", [key])


def summarise_mentions(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Per-document summaries of the mention rows (tone per actor and voice, naming per
    alias), with the document's filter columns: the dashboard's charts read these, a tenth
    and a third as many rows as the mentions and no join. Only documents that lack them are
    summarised, so this also brings a store written before the tables existed up to date."""
    for table, select in _SUMMARIES.items():
        con.execute(
            f"INSERT INTO {table} {select} "
            "WHERE m.analysis_key = ? AND m.doc_id IN (SELECT doc_id FROM doc_metrics "
            "WHERE analysis_key = ? AND n_mentions > 0 AND doc_id NOT IN "
            f"(SELECT doc_id FROM {table} WHERE analysis_key = ?)) GROUP BY ALL",
            [key, key, key],
        )


def pending_ids(store: Store, key: str) -> list[str]:
    """Ids of documents without metrics under `key`, in id order (creates the tables)."""
    store.initialise()
    with store.connect() as con:
        con.execute(METRIC_SCHEMA)
        return [
            r[0]
            for r in con.execute(
                "SELECT id FROM documents WHERE id NOT IN "
                "(SELECT doc_id FROM doc_metrics WHERE analysis_key = ?) ORDER BY id",
                [key],
            ).fetchall()
        ]


def read_batch(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str, str]]:
    """(id, text, residue JSON) of `ids`, in id order."""
    return con.execute(
        "SELECT id, text, removals FROM documents WHERE id IN (SELECT unnest(?)) ORDER BY id",
        [ids],
    ).fetchall()


def document_batches(store: Store, ids: list[str]) -> Iterator[list[tuple[str, str, str]]]:
    """Texts of `ids`, BATCH at a time (so memory stays flat), each read on its own short
    connection: for callers that hand batches to other machines and write nothing here."""
    for i in range(0, len(ids), BATCH):
        with store.connect(read_only=True) as con:
            docs = read_batch(con, ids[i : i + BATCH])
        yield docs


class _Connection:
    """One write connection shared by the reads and writes of consecutive batches, reopened
    every `uses` uses: opening a store costs tens of milliseconds (more as it grows). It is
    closed whenever a reader in another process waits for the lock (the dashboard during an
    ingest): between batches, and while a batch is being computed (see `_result`), so a page
    waits a fraction of a second, not for a batch of long documents or the whole run."""

    def __init__(self, store: Store, uses: int = 32) -> None:
        self.store, self.uses, self.count = store, uses, 0
        self._stack = ExitStack()
        self._con: duckdb.DuckDBPyConnection | None = None

    def step_aside(self) -> None:
        """Let go of the store if a reader in another process waits for it."""
        if self._con is not None and readers_waiting(self.store.path):
            self.close()
            let_readers_in(self.store.path)

    def get(self) -> duckdb.DuckDBPyConnection:
        self.step_aside()
        if self._con is None or self.count >= self.uses:
            self.close()
            self._con = self._stack.enter_context(self.store.connect())
            self.count = 0
        self.count += 1
        return self._con

    def close(self) -> None:
        self._stack.close()
        self._con = None


def _computed(
    connection: _Connection,
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
                docs = read_batch(connection.get(), ids)
                yield _result(thread.submit(compute_batch, docs, actors, engine, key), connection)
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
            pending.append(pool.submit(_worker_batch, read_batch(connection.get(), ids)))
            if len(pending) >= 3 * workers:
                yield _result(pending.popleft(), connection)
        while pending:
            yield _result(pending.popleft(), connection)


def _result(future: Future[dict[str, pa.Table]], connection: _Connection) -> dict[str, pa.Table]:
    """The batch's tables; while they are being computed, the store is let go whenever a
    reader waits (a check of a file's time every quarter second)."""
    while not wait([future], timeout=0.25).done:
        connection.step_aside()
    return future.result()


def update_metrics(
    store: Store,
    actors: ActorSet,
    engine: str = "model",
    progress: Progress | None = None,
    workers: int | None = None,
) -> int:
    """Compute metrics for documents that lack them under the current key.

    Work is spread over `workers` processes (default: one per core; small jobs stay in this
    process, where starting workers would cost more than it saves). Each batch is written in
    its own transaction, so an interrupted run keeps what it finished. Rows of an older key
    are removed, and the key switched, only once every document has the new rows: until then
    the dashboard keeps showing the complete older results.
    """
    key = analysis_key(actors, engine)
    todo = pending_ids(store, key)
    with store.connect() as con:
        stale = con.execute(
            "SELECT count(*) FROM doc_metrics WHERE analysis_key <> ?", [key]
        ).fetchone()[0]
    if not todo and not stale:
        if store.get_meta("analysis_key") == key and store.get_meta("summarised") == key:
            return 0  # nothing computed, nothing to summarise: the usual re-ingest and start
        with store.connect() as con:
            con.execute("BEGIN TRANSACTION")
            use_key(con, key)
            con.execute("COMMIT")
        return 0
    if workers is None:
        workers = default_workers() if len(todo) >= PARALLEL_MIN_DOCS else 1
    done = 0
    connection = _Connection(store)
    try:
        for tables in _computed(connection, todo, actors, engine, key, workers):
            write_batch(connection.get(), tables)
            done += tables["doc_metrics"].num_rows
            if progress:
                progress(done, len(todo))
        con = connection.get()
        con.execute("BEGIN TRANSACTION")
        try:
            use_key(con, key)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return len(todo)
