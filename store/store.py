"""The embedded DuckDB store: one file in the data directory, and every write to it.

Every write is one transaction (`Store.transaction`): a crash (or a kill) part-way through
an ingest or a batch of metrics leaves the store as it was before that step began, readable
and consistent. Reads never create anything: the schema is made by `initialise`, which
every writer calls first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sourcebias.paths import default_data_dir
from store import schema
from store.connection import (
    READERS,
    SESSION,
    ReadSession,
    StoreError,
    let_readers_in,
    open_connection,
    readers_waiting,
)
from store.schema import (
    DOC_METRICS,
    DOCUMENTS,
    INGEST_FILES,
    INGEST_ISSUES,
    INGEST_RUNS,
    LABELS,
    METADATA,
    METRIC_TABLES,
    SUMMARY_TABLES,
    TABLES,
    Document,
    IngestFile,
    Label,
)

DB_NAME = "sourcebias.duckdb"
DocumentText = tuple[str, str, str]  # (id, text, residue JSON): what the compute stage reads


@dataclasses.dataclass(frozen=True)
class StoredDocument:
    """A document read back, its residue parsed."""

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
    date_precision: str | None
    language: str | None
    removals: tuple[dict, ...]


_STORED = tuple(f.name for f in dataclasses.fields(StoredDocument))
# Per-document summaries of the mention rows (schema.TONE_BY_DOC, schema.NAMING_BY_DOC), with
# the document's filter columns: the charts read these, not every mention, and no join.
_SUMMARIES = {
    schema.TONE_BY_DOC.name: "SELECT m.doc_id, m.analysis_key, d.source, d.source_type, "
    "d.date, m.actor, "
    f"count(*) FILTER (WHERE m.voice <> 'quoted' AND {schema.TONE}), "
    "coalesce(sum(CAST(round(m.score * 1e6) AS BIGINT)) "
    f"FILTER (WHERE m.voice <> 'quoted' AND {schema.TONE}), 0), "
    f"count(*) FILTER (WHERE m.voice = 'quoted' AND {schema.TONE}), "
    "coalesce(sum(CAST(round(m.score * 1e6) AS BIGINT)) "
    f"FILTER (WHERE m.voice = 'quoted' AND {schema.TONE}), 0), "
    "count(*) FILTER (WHERE role = 'speaker') "
    f"FROM (SELECT * FROM mentions_read WHERE {schema.CREDITED}) m "
    "JOIN documents d ON d.id = m.doc_id",
    schema.NAMING_BY_DOC.name: "SELECT m.doc_id, m.analysis_key, d.source, d.source_type, "
    "d.date, m.actor, m.alias, m.label, count(*) "
    f"FROM (SELECT * FROM mentions_read WHERE {schema.CREDITED}) m "
    "JOIN documents d ON d.id = m.doc_id",
}


class Store:
    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME

    @property
    def exists(self) -> bool:
        return self.path.exists()

    # ---- connections -------------------------------------------------------------------

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation. Reading a store that does not exist yet is an
        error (no read creates a file); writers call `initialise` first."""
        session = SESSION.get()
        if session is not None and session.path == self.path:
            if read_only and self.exists:
                cursor = session.connection().cursor()
                try:
                    yield cursor
                finally:
                    cursor.close()
                return
            session.close()  # this process cannot write while it holds a read-only handle
        if read_only and not self.exists:
            raise StoreError(f"{self.path}: no store yet (ingest a corpus first)")
        if not read_only:
            READERS.close(self.path)
            self.data_dir.mkdir(parents=True, exist_ok=True)
        con = open_connection(self.path, read_only)
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
        session = ReadSession(self.path)
        token = SESSION.set(session)
        try:
            yield
        finally:
            SESSION.reset(token)
            session.close()

    @contextmanager
    def transaction(
        self, con: duckdb.DuckDBPyConnection | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction, on `con` or a connection of its own: committed when the
        block ends, rolled back (nothing kept) on any exception."""
        with ExitStack() as stack:
            if con is None:
                con = stack.enter_context(self.connect())
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def initialise(self) -> None:
        """Create every table and column that is missing (schema.TABLES): the first step of
        any write, which also brings a store made by an older version up to date (a column
        added since is added empty; a new metric also changes the analysis key, so its
        documents are computed again)."""
        with self.connect() as con:
            con.execute("\n".join(t.ddl() for t in TABLES))
            for table in TABLES:
                have = {r[0] for r in con.execute(f"DESCRIBE {table.name}").fetchall()}
                for column in table.columns:
                    if column.name not in have:
                        con.execute(
                            f"ALTER TABLE {table.name} ADD COLUMN {column.name} {column.sql}"
                        )
            con.execute(schema.VIEWS)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                [str(schema.SCHEMA_VERSION)],
            )

    # ---- meta ---------------------------------------------------------------------------

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

    # ---- documents and ingest runs ------------------------------------------------------

    def file_records(self) -> dict[str, IngestFile]:
        """Resolved path -> record of every file ingested before: what lets a re-ingest skip
        files it has already read (see corpus.ingest)."""
        if not self.exists:
            return {}
        with self.connect(read_only=True) as con:
            tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
            if INGEST_FILES.name not in tables:
                return {}
            rows = con.execute(f"SELECT {', '.join(INGEST_FILES.names)} FROM ingest_files")
            return {r[0]: IngestFile(*r) for r in rows.fetchall()}

    @contextmanager
    def ingest_run(self, inputs: list[str]) -> Iterator[IngestRun]:
        """One ingest run as a single transaction; documents stream in through the yielded
        IngestRun and are inserted a thousand at a time, so a large corpus is never held in
        memory whole. On any exception nothing of the run is kept."""
        self.initialise()
        with self.transaction() as con:
            run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs").fetchall()[
                0
            ][0]
            run = IngestRun(con, int(run_id), inputs)
            yield run
            run.finish()

    def documents(self, columns: Sequence[str] = DOCUMENTS.names) -> pd.DataFrame:
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
                f"SELECT {', '.join(_STORED)} FROM documents WHERE id = ?", [doc_id]
            ).fetchone()
        if row is None:
            return None
        return StoredDocument(*row[:-1], removals=tuple(json.loads(row[-1])))

    def issues(self, run_id: int | None = None) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame(columns=list(INGEST_ISSUES.names))
        with self.connect(read_only=True) as con:
            if run_id is None:
                return con.execute("SELECT * FROM ingest_issues ORDER BY run_id, file, line").df()
            return con.execute(
                "SELECT * FROM ingest_issues WHERE run_id = ? ORDER BY file, line", [run_id]
            ).df()

    def add_issues(self, run_id: int, issues: Sequence[Any]) -> None:
        """Report lines found after a run was committed (reprint families), kept with it."""
        if not issues:
            return
        with self.transaction() as con:
            con.executemany(
                "INSERT INTO ingest_issues VALUES (?, ?, ?, ?, ?, ?)",
                [(run_id, i.severity, i.file, i.line, i.message, i.doc_id) for i in issues],
            )

    def runs(self) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame(columns=list(INGEST_RUNS.names))
        with self.connect(read_only=True) as con:
            return con.execute("SELECT * FROM ingest_runs ORDER BY run_id").df()

    def add_labels(self, labels: Sequence[Label]) -> None:
        """Append analysts' labels (never replacing one: relabelling keeps the history) and
        re-summarise the documents they correct, in one transaction."""
        if not labels:
            return
        self.initialise()
        with self.transaction() as con:
            con.executemany(
                f"INSERT INTO labels ({', '.join(LABELS.names)}) "
                f"VALUES ({', '.join('?' * len(LABELS.names))})",
                [dataclasses.astuple(x) for x in labels],
            )
            _resummarise(con, {x.item.split(":", 1)[0] for x in labels if x.kind == "tone"})

    def withdraw_label(self, label: Label) -> bool:
        """Take back one label exactly as it was added (an analyst's undo of a slip): the
        only removal there is; any earlier label of the item counts again."""
        if not self.exists:
            return False
        self.initialise()
        where = " AND ".join(f"{n} = ?" for n in LABELS.names)
        with self.transaction() as con:
            row = con.execute(
                f"SELECT max(rowid) FROM labels WHERE {where}", dataclasses.astuple(label)
            ).fetchone()
            if row is None or row[0] is None:
                return False
            con.execute("DELETE FROM labels WHERE rowid = ?", [row[0]])
            if label.kind == "tone":
                _resummarise(con, {label.item.split(":", 1)[0]})
        return True

    def labels(self) -> list[Label]:
        """Every label, oldest first."""
        if not self.exists:
            return []
        with self.connect(read_only=True) as con:
            found = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'labels'"
            ).fetchone()[0]
            if not found:  # a store made before labels existed: none yet
                return []
            rows = con.execute(
                f"SELECT {', '.join(LABELS.names)} FROM labels ORDER BY labelled_at, rowid"
            ).fetchall()
        return [Label(*r) for r in rows]

    def count_documents(self) -> int:
        if not self.exists:
            return 0
        with self.connect(read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])

    # ---- metrics --------------------------------------------------------------------------

    def metric_state(self, key: str) -> tuple[list[str], int]:
        """(ids of documents without metrics under `key`, in id order; how many documents
        have rows of another key): what the compute stage has to do."""
        if not self.exists:
            return [], 0
        with self.connect(read_only=True) as con:
            todo = con.execute(
                "SELECT id FROM documents WHERE id NOT IN "
                "(SELECT doc_id FROM doc_metrics WHERE analysis_key = ?) ORDER BY id",
                [key],
            ).fetchall()
            stale = con.execute(
                "SELECT count(*) FROM doc_metrics WHERE analysis_key <> ?", [key]
            ).fetchone()[0]
        return [r[0] for r in todo], int(stale)

    def is_current(self, key: str) -> bool:
        """Whether `key`'s metrics are complete, summarised and the ones the dashboard reads."""
        return self.get_meta("analysis_key") == key and self.get_meta("summarised") == key

    def document_batches(self, ids: list[str], size: int) -> Iterator[list[DocumentText]]:
        """Texts of `ids`, `size` at a time (so memory stays flat), each read on its own
        short connection: for callers that hand batches to other machines."""
        for i in range(0, len(ids), size):
            with self.connect(read_only=True) as con:
                docs = _read_texts(con, ids[i : i + size])
            yield docs

    @contextmanager
    def metric_writer(self) -> Iterator[MetricWriter]:
        """The writer of one compute run (see MetricWriter)."""
        self.initialise()
        writer = MetricWriter(self)
        try:
            yield writer
        finally:
            writer.close()

    def switch_key(self, key: str) -> None:
        """Make `key` current without computing (its rows are complete already)."""
        self.initialise()
        with self.transaction() as con:
            _use_key(con, key)

    def load_metric_parquet(self, folder: Path, key: str) -> int:
        """Insert Parquet partitions of the metric tables (folder/<table>/*.parquet, as the
        Dask stage writes them) in one transaction, skipping documents that already have
        rows under `key`, and make `key` current. Returns the number of documents added."""
        missing = [t.name for t in METRIC_TABLES if not list((folder / t.name).glob("*.parquet"))]
        if missing:
            raise FileNotFoundError(f"{folder}: no Parquet partitions for {', '.join(missing)}")
        self.initialise()
        with self.transaction() as con:
            con.execute(
                "CREATE TEMP TABLE incoming AS SELECT DISTINCT doc_id FROM read_parquet(?) "
                "WHERE analysis_key = ? AND doc_id NOT IN "
                "(SELECT doc_id FROM doc_metrics WHERE analysis_key = ?) "
                "AND doc_id IN (SELECT id FROM documents)",
                [str(folder / DOC_METRICS.name / "*.parquet"), key, key],
            )
            added = con.execute("SELECT count(*) FROM incoming").fetchone()[0]
            for table in METRIC_TABLES:
                con.execute(
                    f"INSERT INTO {table.name} BY NAME SELECT * FROM read_parquet(?) "
                    "WHERE analysis_key = ? AND doc_id IN (SELECT doc_id FROM incoming)",
                    [str(folder / table.name / "*.parquet"), key],
                )
            _use_key(con, key)
            con.execute("DROP TABLE incoming")
        return int(added)


class IngestRun:
    """The writing side of one ingest run (see Store.ingest_run)."""

    FLUSH = 1_000

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int, inputs: list[str]) -> None:
        self.con, self.run_id, self.inputs = con, run_id, inputs
        self.started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.counts: dict[str, int] = {}
        self.issues: list[tuple[str, str, int | None, str, str | None]] = []
        self._new: list[Document] = []
        self._files: dict[str, IngestFile] = {}

    def document_metadata(self) -> dict[str, tuple]:
        """id -> stored metadata (schema.METADATA), to tell new, updated and unchanged
        documents apart; read inside the run's transaction, so a concurrent ingest's
        documents count as stored."""
        rows = self.con.execute(f"SELECT id, {', '.join(METADATA)} FROM documents").fetchall()
        return {r[0]: tuple(r[1:]) for r in rows}

    def add(self, doc: Document) -> None:
        self._new.append(doc)
        if len(self._new) >= self.FLUSH:
            self.flush()

    def update(self, doc: Document) -> None:
        """New metadata for a stored document (its text, hence its id, is unchanged)."""
        sets = ", ".join(f"{c} = ?" for c in METADATA)
        self.con.execute(
            f"UPDATE documents SET {sets}, origin = ? WHERE id = ?",
            [getattr(doc, c) for c in METADATA] + [doc.origin, doc.id],
        )
        for table in SUMMARY_TABLES:  # they carry the filter columns, to spare a join
            self.con.execute(
                f"UPDATE {table.name} SET source = ?, source_type = ?, date = ? WHERE doc_id = ?",
                [doc.source, doc.source_type, doc.date, doc.id],
            )

    def record_file(self, record: IngestFile) -> None:
        self._files[record.path] = record

    def flush(self) -> None:
        if self._new:
            frame = pd.DataFrame(
                [(*dataclasses.astuple(d), self.run_id, self.started) for d in self._new],
                columns=list(DOCUMENTS.names),
            )
            _insert_frame(self.con, DOCUMENTS.name, frame)
        self._new.clear()

    def finish(self) -> None:
        self.flush()
        c = self.counts
        self.con.execute(
            f"INSERT INTO ingest_runs VALUES ({', '.join('?' * len(INGEST_RUNS.columns))})",
            [self.run_id, self.started, json.dumps(self.inputs), c.get("added", 0),
             c.get("updated", 0), c.get("unchanged", 0), c.get("rejected", 0),
             c.get("warnings", 0)],
        )  # fmt: skip
        if self.issues:
            self.con.executemany(
                f"INSERT INTO ingest_issues VALUES ({', '.join('?' * len(INGEST_ISSUES.columns))})",
                [(self.run_id, *issue) for issue in self.issues],
            )
        if self._files:
            frame = pd.DataFrame(
                [dataclasses.astuple(f) for f in self._files.values()],
                columns=list(INGEST_FILES.names),
            )
            _insert_frame(self.con, INGEST_FILES.name, frame, "INSERT OR REPLACE")


def _insert_frame(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, verb: str = "INSERT"
) -> None:
    con.register("incoming_rows", frame)
    try:
        con.execute(f"{verb} INTO {table} SELECT {', '.join(frame.columns)} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _read_texts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[DocumentText]:
    return con.execute(
        "SELECT id, text, removals FROM documents WHERE id IN (SELECT unnest(?)) ORDER BY id",
        [ids],
    ).fetchall()


class MetricWriter:
    """The write connection of one compute run, shared by the reads and writes of its
    consecutive batches and reopened every `uses` uses: opening a store costs tens of
    milliseconds (more as it grows). It is closed whenever a reader in another process waits
    for the lock (the dashboard during an ingest): between batches, and, through
    `step_aside`, while a batch is being computed, so a page waits a fraction of a second,
    not for a batch of long documents or the whole run."""

    def __init__(self, store: Store, uses: int = 32) -> None:
        self.store, self.uses, self.count = store, uses, 0
        self._stack = ExitStack()
        self._con: duckdb.DuckDBPyConnection | None = None

    def step_aside(self) -> None:
        """Let go of the store if a reader in another process waits for it."""
        if self._con is not None and readers_waiting(self.store.path):
            self.close()
            let_readers_in(self.store.path)

    def _get(self) -> duckdb.DuckDBPyConnection:
        self.step_aside()
        if self._con is None or self.count >= self.uses:
            self.close()
            self._con = self._stack.enter_context(self.store.connect())
            self.count = 0
        self.count += 1
        return self._con

    def read_texts(self, ids: list[str]) -> list[DocumentText]:
        """(id, text, residue JSON) of `ids`, in id order."""
        return _read_texts(self._get(), ids)

    def write(self, tables: dict[str, pa.Table]) -> None:
        """Insert one batch's Arrow tables (named like the metric tables) in one transaction:
        resumable, since a batch is either stored whole or not at all and the next run
        computes only what is missing."""
        with self.store.transaction(self._get()) as con:
            tables = _not_yet_stored(con, tables)
            for name, table in tables.items():
                con.register("incoming", table)
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
            con.execute("DELETE FROM meta WHERE key = 'summarised'")  # finish has work to do

    def finish(self, key: str) -> None:
        """Make `key` current: drop other keys' rows and fill the summaries, in one
        transaction (until then the dashboard keeps reading the complete older results)."""
        with self.store.transaction(self._get()) as con:
            _use_key(con, key)

    def close(self) -> None:
        self._stack.close()
        self._con = None


def _not_yet_stored(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]
) -> dict[str, pa.Table]:
    """The batch less documents another process stored meanwhile: two ingests started at
    once compute the same pending documents, and the second's rows would break the key."""
    con.register("incoming_docs", tables[DOC_METRICS.name].select(["doc_id", "analysis_key"]))
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


def _use_key(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Within the caller's transaction: drop rows of other keys, fill the per-document
    summaries the dashboard aggregates, and make `key` current."""
    for table in (*METRIC_TABLES, *SUMMARY_TABLES):
        con.execute(f"DELETE FROM {table.name} WHERE analysis_key <> ?", [key])
    _summarise_mentions(con, key)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('analysis_key', ?)", [key])
    con.execute("INSERT OR REPLACE INTO meta VALUES ('summarised', ?)", [key])


def _resummarise(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> None:
    """Within the caller's transaction: summaries of `doc_ids` filled again under the current
    key, so a label's correction reaches every aggregate at once."""
    row = con.execute("SELECT value FROM meta WHERE key = 'summarised'").fetchone()
    if not doc_ids or not row or not row[0]:
        return
    ids = sorted(doc_ids)
    marks = ", ".join("?" * len(ids))
    for table in SUMMARY_TABLES:
        con.execute(
            f"DELETE FROM {table.name} WHERE analysis_key = ? AND doc_id IN ({marks})",
            [row[0], *ids],
        )
    _summarise_mentions(con, row[0])


def _summarise_mentions(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Summaries for documents under `key` that lack them (so this also brings a store
    written before the summary tables existed up to date)."""
    for table, select in _SUMMARIES.items():
        con.execute(
            f"INSERT INTO {table} {select} "
            "WHERE m.analysis_key = ? AND m.doc_id IN (SELECT doc_id FROM doc_metrics "
            "WHERE analysis_key = ? AND n_mentions > 0 AND doc_id NOT IN "
            f"(SELECT doc_id FROM {table} WHERE analysis_key = ?)) GROUP BY ALL",
            [key, key, key],
        )
