"""The embedded DuckDB store: one file in the data directory.

Every write is one transaction: a crash (or a kill) part-way through an ingest leaves the
store as it was before that ingest began, readable and consistent. Connections are opened
per operation and closed at once, so the dashboard (reading) and the CLI (writing) do not
hold each other's lock for longer than one query.
"""

from __future__ import annotations

import atexit
import contextvars
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

DB_NAME = "sourcebias.duckdb"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    source_type TEXT NOT NULL,
    date DATE,
    title TEXT,
    author TEXT,
    signature TEXT,
    url TEXT,
    encoding TEXT,
    text TEXT NOT NULL,
    removals TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    inputs TEXT NOT NULL,
    n_added INTEGER, n_updated INTEGER, n_unchanged INTEGER,
    n_rejected INTEGER, n_warnings INTEGER
);
CREATE TABLE IF NOT EXISTS ingest_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    key TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_issues (
    run_id INTEGER NOT NULL,
    severity TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER,
    message TEXT NOT NULL,
    doc_id TEXT
);
"""

SUMMARY_TABLES = ("tone_by_doc", "naming_by_doc")
# Filled by corpus.analysis; created with the store so every query finds its tables.
METRIC_SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_metrics (
    doc_id TEXT, analysis_key TEXT,
    n_words INTEGER, n_sentences INTEGER, mean_sentence_length DOUBLE,
    flesch_reading_ease DOUBLE, flesch_kincaid_grade DOUBLE, gunning_fog DOUBLE,
    smog_index DOUBLE, coleman_liau_index DOUBLE, dale_chall DOUBLE, readability_missing TEXT,
    n_attributions INTEGER, attributions_per_1000 DOUBLE, quoted_word_share DOUBLE,
    n_direct INTEGER, n_indirect INTEGER, n_according_to INTEGER,
    n_named INTEGER, n_institutional INTEGER, n_anonymous INTEGER, n_unresolved INTEGER,
    n_loaded INTEGER, strong_share DOUBLE, mean_sentence_tone DOUBLE,
    exclamations_per_1000 DOUBLE, first_plural_per_1000 DOUBLE, n_mentions INTEGER,
    PRIMARY KEY (doc_id, analysis_key)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT, analysis_key TEXT, actor TEXT, alias TEXT, label TEXT,
    start_char INTEGER, end_char INTEGER, sentence INTEGER, sent_start INTEGER, sent_end INTEGER,
    voice TEXT, sentiment TEXT, score DOUBLE
);
CREATE TABLE IF NOT EXISTS tone_by_doc (
    doc_id TEXT, analysis_key TEXT, source TEXT, source_type TEXT, date DATE, actor TEXT,
    n_author INTEGER, micro_author BIGINT, n_quoted INTEGER, micro_quoted BIGINT
);
CREATE TABLE IF NOT EXISTS naming_by_doc (
    doc_id TEXT, analysis_key TEXT, source TEXT, source_type TEXT, date DATE, actor TEXT,
    alias TEXT, label TEXT, n INTEGER
);
CREATE TABLE IF NOT EXISTS attributions (
    doc_id TEXT, analysis_key TEXT, kind TEXT, cue TEXT, cue_start INTEGER, cue_end INTEGER,
    speaker TEXT, speaker_start INTEGER, speaker_end INTEGER, resolved_speaker TEXT,
    content_start INTEGER, content_end INTEGER, source_type TEXT, stance TEXT, sentence INTEGER
);
"""
DOC_COLUMNS = (
    "id",
    "origin",
    "source",
    "source_type",
    "date",
    "title",
    "author",
    "signature",
    "url",
    "encoding",
    "text",
    "removals",
    "n_chars",
    "run_id",
    "ingested_at",
)
METADATA_COLUMNS = ("source", "source_type", "date", "title", "author", "signature", "url")


class StoreError(RuntimeError):
    """The store cannot be opened (locked by another process, or not a sourcebias store)."""


@dataclass(frozen=True)
class StoredDocument:
    id: str
    origin: str
    source: str
    source_type: str
    date: dt.date | None
    title: str | None
    author: str | None
    signature: str | None
    url: str | None
    encoding: str | None
    text: str
    removals: tuple[dict, ...]


# How long a writer waits for a lock held by another process (the dashboard holds its read
# handle while in use and READER_IDLE_S after) before giving up with a clear error.
WRITE_WAIT_S = 30.0
READER_IDLE_S = 2.0
# How long a reader waits for a writer in another process (an ingest holds the file between
# short transactions) before the dashboard falls back to the view it last read.
READ_WAIT_S = 10.0


# A reader kept waiting leaves this file beside the store; a writer between two batches sees
# it and lets go of the lock, so a page load waits for one batch, not for the whole ingest.
# A marker older than READER_MARK_S is left over from a reader that gave up.
READER_MARK_S = 2.0


class StoreBusy(StoreError):
    """Another process is writing to the store and did not let go in time."""


def _reader_mark(path: Path) -> Path:
    return path.with_name(path.name + ".readers-waiting")


def readers_waiting(path: Path) -> bool:
    """True while a reader in another process is waiting for this store's lock."""
    try:
        return time.time() - _reader_mark(path).stat().st_mtime < READER_MARK_S
    except OSError:
        return False


def let_readers_in(path: Path) -> None:
    """Called by a writer that has just closed its connection because readers wait: give
    them the time to open the file (they remove the mark once in) before writing again."""
    deadline = time.monotonic() + READER_MARK_S
    while readers_waiting(path) and time.monotonic() < deadline:
        time.sleep(0.02)


def _locked(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection, waiting with backoff while another process holds the file's lock."""
    deadline = time.monotonic() + (READ_WAIT_S if read_only else WRITE_WAIT_S)
    delay = 0.02
    marked = False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            locked = _locked(exc)
            if locked and time.monotonic() < deadline:
                if read_only:
                    marked = _mark_waiting(path) or marked
                else:
                    _READERS.close(path)  # our own idle reader may be the holder
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
                continue
            reason = str(exc).splitlines()[0]
            if locked:
                raise StoreBusy(
                    f"{path}: cannot open the store: another process holds it ({reason})"
                ) from None
            raise StoreError(f"{path}: cannot open the store ({reason})") from None
        if marked:
            _reader_mark(path).unlink(missing_ok=True)
        return con


def _mark_waiting(path: Path) -> bool:
    try:
        _reader_mark(path).touch()
    except OSError:  # a read-only folder: the reader just waits
        return False
    return True


class _SharedReader:
    """A read-only handle on one store file, shared by the dashboard's script runs (each
    takes a cursor) and closed once unused for READER_IDLE_S. A filter change then finds
    the file open and its pages in DuckDB's buffer cache, while a process that wants to
    write waits at most that long: writers retry while the file is locked (see _open)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is None:
                self._con = _open(self.path, read_only=True)
            self._users += 1
            return self._con.cursor()

    def release(self, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.close()
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._con is not None:
                self._timer = threading.Timer(READER_IDLE_S, self.close)
                self._timer.daemon = True
                self._timer.start()

    def close(self) -> bool:
        """Close the handle unless a script run is using it; True if it is now closed."""
        with self._lock:
            if self._users:
                return False
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is not None:
                self._con.close()
                self._con = None
            return True


class _Readers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[Path, _SharedReader] = {}

    def get(self, path: Path) -> _SharedReader:
        with self._lock:
            return self._by_path.setdefault(path, _SharedReader(path))

    def close(self, path: Path) -> bool:
        with self._lock:
            reader = self._by_path.get(path)
        return reader.close() if reader is not None else False

    def close_all(self) -> None:
        with self._lock:
            readers = list(self._by_path.values())
        for reader in readers:
            reader.close()


_READERS = _Readers()
atexit.register(_READERS.close_all)


class _ReadSession:
    """The reads of one script run: one cursor on the shared reader, taken at the first
    read and given back at the end of the run (or before this run writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cursor: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor = _READERS.get(self.path).cursor()
        return self._cursor

    def close(self) -> None:
        if self._cursor is not None:
            _READERS.get(self.path).release(self._cursor)
            self._cursor = None


_SESSION: contextvars.ContextVar[_ReadSession | None] = contextvars.ContextVar(
    "sourcebias_read_session", default=None
)


def default_data_dir() -> Path:
    return Path(os.environ.get("SOURCEBIAS_DATA") or "data")


class Store:
    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        session = _SESSION.get()
        if session is not None and session.path == self.path:
            if read_only and self.exists:
                cursor = session.connection().cursor()
                try:
                    yield cursor
                finally:
                    cursor.close()
                return
            session.close()  # this process cannot write while it holds a read-only handle
        if not read_only:
            _READERS.close(self.path)
        if read_only and not self.exists:
            self.initialise()
        if not read_only:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        con = _open(self.path, read_only)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def read_session(self) -> Iterator[None]:
        """Within this block, reads share one read-only handle: one script run of the
        dashboard makes a dozen queries, and opening the store costs tens of milliseconds
        each time (more at scale, with a cold cache). The handle is shared with later runs
        and closed after READER_IDLE_S unused; a write in this process closes it first."""
        session = _ReadSession(self.path)
        token = _SESSION.set(session)
        try:
            yield
        finally:
            _SESSION.reset(token)
            session.close()

    def initialise(self) -> None:
        with self.connect() as con:
            con.execute(SCHEMA)
            con.execute(METRIC_SCHEMA)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def get_meta(self, key: str) -> str | None:
        if not self.exists:
            return None
        with self.connect(read_only=True) as con:
            row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.initialise()
        with self.connect() as con:
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def file_records(self) -> dict[str, tuple[int, int, str, str]]:
        """Resolved path -> (size, mtime_ns, key, record) of every file ingested before: what
        lets a re-ingest skip files it has already read (see corpus.ingest)."""
        if not self.exists:
            return {}
        with self.connect(read_only=True) as con:
            tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
            if "ingest_files" not in tables:
                return {}
            rows = con.execute("SELECT path, size, mtime_ns, key, record FROM ingest_files")
            return {r[0]: tuple(r[1:]) for r in rows.fetchall()}

    @contextmanager
    def ingest_run(self, inputs: list[str]) -> Iterator[IngestRun]:
        """One ingest run as a single transaction; documents stream in through the yielded
        IngestRun and are inserted a thousand at a time, so a large corpus is never held in
        memory whole. On any exception nothing of the run is kept."""
        self.initialise()
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                run_id = con.execute(
                    "SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs"
                ).fetchall()[0][0]
                run = IngestRun(con, int(run_id), inputs)
                yield run
                run.finish()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def documents(self, columns: tuple[str, ...] = DOC_COLUMNS) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame(columns=list(columns))
        with self.connect(read_only=True) as con:
            return con.execute(
                f"SELECT {', '.join(columns)} FROM documents ORDER BY source, date, id"
            ).df()

    def document(self, doc_id: str) -> StoredDocument | None:
        if not self.exists:
            return None
        with self.connect(read_only=True) as con:
            row = con.execute(
                "SELECT id, origin, source, source_type, date, title, author, signature, url, "
                "encoding, text, removals FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
        if row is None:
            return None
        return StoredDocument(*row[:11], removals=tuple(json.loads(row[11])))

    def issues(self, run_id: int | None = None) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame(columns=["run_id", "severity", "file", "line", "message", "doc_id"])
        with self.connect(read_only=True) as con:
            if run_id is None:
                return con.execute("SELECT * FROM ingest_issues ORDER BY run_id, file, line").df()
            return con.execute(
                "SELECT * FROM ingest_issues WHERE run_id = ? ORDER BY file, line", [run_id]
            ).df()

    def runs(self) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame()
        with self.connect(read_only=True) as con:
            return con.execute("SELECT * FROM ingest_runs ORDER BY run_id").df()

    def count_documents(self) -> int:
        if not self.exists:
            return 0
        with self.connect(read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])


class IngestRun:
    """The writing side of one ingest run (see Store.ingest_run)."""

    FLUSH = 1_000

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int, inputs: list[str]) -> None:
        self.con, self.run_id, self.inputs = con, run_id, inputs
        self.started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.counts: dict[str, int] = {}
        self.issues: list[tuple[str, str, int | None, str, str | None]] = []
        self._new: list[dict] = []
        self._files: dict[str, tuple[str, int, int, str, str]] = {}

    def document_metadata(self) -> dict[str, tuple]:
        """id -> stored metadata, to tell new, updated and unchanged documents apart; read
        inside the run's transaction, so a concurrent ingest's documents count as stored."""
        rows = self.con.execute(
            f"SELECT id, {', '.join(METADATA_COLUMNS)} FROM documents"
        ).fetchall()
        return {r[0]: tuple(r[1:]) for r in rows}

    def add(self, doc: dict) -> None:
        self._new.append(doc)
        if len(self._new) >= self.FLUSH:
            self.flush()

    def update(self, doc: dict) -> None:
        sets = ", ".join(f"{c} = ?" for c in METADATA_COLUMNS)
        self.con.execute(
            f"UPDATE documents SET {sets}, origin = ? WHERE id = ?",
            [doc[c] for c in METADATA_COLUMNS] + [doc["origin"], doc["id"]],
        )
        for table in SUMMARY_TABLES:  # they carry the filter columns, to spare a join
            self.con.execute(
                f"UPDATE {table} SET source = ?, source_type = ?, date = ? WHERE doc_id = ?",
                [doc["source"], doc["source_type"], doc["date"], doc["id"]],
            )

    def record_file(self, path: str, size: int, mtime_ns: int, key: str, record: str) -> None:
        self._files[path] = (path, size, mtime_ns, key, record)

    def flush(self) -> None:
        _insert_documents(self.con, self._new, self.run_id, self.started)
        self._new.clear()

    def finish(self) -> None:
        self.flush()
        c = self.counts
        self.con.execute(
            "INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self.run_id, self.started, json.dumps(self.inputs), c.get("added", 0),
             c.get("updated", 0), c.get("unchanged", 0), c.get("rejected", 0),
             c.get("warnings", 0)],
        )  # fmt: skip
        if self.issues:
            self.con.executemany(
                "INSERT INTO ingest_issues VALUES (?, ?, ?, ?, ?, ?)",
                [(self.run_id, *issue) for issue in self.issues],
            )
        if self._files:
            frame = pd.DataFrame(
                list(self._files.values()), columns=["path", "size", "mtime_ns", "key", "record"]
            )
            self.con.register("incoming_files", frame)
            self.con.execute("INSERT OR REPLACE INTO ingest_files SELECT * FROM incoming_files")
            self.con.unregister("incoming_files")


def _insert_documents(
    con: duckdb.DuckDBPyConnection, docs: list[dict], run_id: int, now: dt.datetime
) -> None:
    if not docs:
        return
    frame = pd.DataFrame(
        [
            {**{c: d.get(c) for c in DOC_COLUMNS}, "run_id": run_id, "ingested_at": now}
            for d in docs
        ],
        columns=list(DOC_COLUMNS),
    )
    con.register("incoming_documents", frame)
    con.execute(f"INSERT INTO documents SELECT {', '.join(DOC_COLUMNS)} FROM incoming_documents")
    con.unregister("incoming_documents")
