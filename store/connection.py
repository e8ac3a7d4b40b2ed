"""Connections to the store's DuckDB file, and the waiting and sharing that locking needs.

DuckDB lets one process write a file, or any number read it. Connections are opened per
operation and closed at once, so the dashboard (reading) and an ingest (writing) never hold
each other's lock for longer than one query or one batch; a reader kept waiting leaves a mark
beside the file, and a writer between two steps lets go for it.
"""

from __future__ import annotations

import atexit
import contextvars
import threading
import time
from pathlib import Path

import duckdb


class StoreError(RuntimeError):
    """The store cannot be opened (locked by another process, or not a sourcebias store)."""


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


def open_connection(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
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
                    READERS.close(path)  # our own idle reader may be the holder
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
    write waits at most that long: writers retry while the file is locked (see open_connection)."""

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
                self._con = open_connection(self.path, read_only=True)
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


READERS = _Readers()
atexit.register(READERS.close_all)


class ReadSession:
    """The reads of one script run: one cursor on the shared reader, taken at the first
    read and given back at the end of the run (or before this run writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cursor: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor = READERS.get(self.path).cursor()
        return self._cursor

    def close(self) -> None:
        if self._cursor is not None:
            READERS.get(self.path).release(self._cursor)
            self._cursor = None


SESSION: contextvars.ContextVar[ReadSession | None] = contextvars.ContextVar(
    "sourcebias_read_session", default=None
)
