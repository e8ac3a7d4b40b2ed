"""Data access for the pages: the store location, the seeds default, cached reads.

Caching lives here, at the UI edge: `st.cache_resource` for the actors configuration,
`st.cache_data` for query results keyed on plain values (store path, store version, the
filter as a tuple), never on objects.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from corpus import queries
from corpus.actors_config import load_actors
from corpus.queries import ViewFilter
from corpus.seeds import ensure_seeds
from corpus.store import Store, StoreBusy, default_data_dir
from metrics.actors import ActorSet

# Each cached query keeps at most this many views (filters, dates, pages): without a bound,
# every date range an analyst tries stays in the server's memory for good.
CACHE_ENTRIES = 32


def data_dir() -> Path:
    return default_data_dir().resolve()


def actors_path() -> Path | None:
    value = os.environ.get("SOURCEBIAS_ACTORS")
    return Path(value) if value else None


@st.cache_resource(show_spinner="Loading the bundled corpus…")
def _ensure_default_corpus(path: str, actors: str | None) -> bool:
    return ensure_seeds(Store(path), Path(actors) if actors else None) is not None


@st.cache_resource(show_spinner=False)
def _actor_set(path: str | None) -> ActorSet:
    return load_actors(Path(path) if path else None)


def actors() -> ActorSet:
    """The actors configuration in use (SOURCEBIAS_ACTORS or the bundled one), built once."""
    path = actors_path()
    return _actor_set(str(path) if path else None)


def store() -> Store:
    """The store, with the bundled seeds ingested if it is missing or stale."""
    s = Store(data_dir())
    actors = actors_path()
    _ensure_default_corpus(str(s.data_dir), str(actors) if actors else None)
    return s


def store_version(s: Store) -> float:
    """Changes whenever the store file is written: part of every cache key."""
    wal = s.path.with_name(s.path.name + ".wal")
    stamps = [p.stat().st_mtime for p in (s.path, wal) if p.exists()]
    return max(stamps, default=0.0)


@dataclass(frozen=True)
class Context:
    """What every page needs: where the data is, the view, and how to describe it."""

    path: str
    version: float
    view: ViewFilter
    options: dict
    actor_names: dict[str, str]
    briefing: bool

    @property
    def fkey(self) -> tuple:
        return dataclasses.astuple(self.view)

    @property
    def store(self) -> Store:
        return Store(self.path)


@st.cache_data(show_spinner=False, max_entries=8)
def options(path: str, version: float) -> dict:
    return queries.corpus_options(Store(path))


LAST_GOOD = "data.last_good"


def readable_state(s: Store) -> tuple[float, dict, bool]:
    """The store version and filter options to draw with, and whether they are stale.

    While another process holds the store's lock longer than a reader waits (an ingest
    writing a large batch), the session keeps the version it last read: every query it
    already made is served from the cache under that version, so the analyst keeps the
    last good view instead of an error.
    """
    version = store_version(s)
    try:
        opts = options(str(s.data_dir), version)
    except StoreBusy:
        last = st.session_state.get(LAST_GOOD)
        if last is None or last[0] != str(s.data_dir):
            raise
        return last[1], last[2], True
    st.session_state[LAST_GOOD] = (str(s.data_dir), version, opts)
    return version, opts, False


def _view(fkey: tuple) -> ViewFilter:
    return ViewFilter(*fkey)


VIEW_QUERIES = ("naming", "attributions", "top_speakers", "weekly_counts")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _view_query(name: str, path: str, version: float, fkey: tuple) -> pd.DataFrame:
    if name not in VIEW_QUERIES:
        raise ValueError(f"not a view query: {name}")
    return getattr(queries, name)(Store(path), _view(fkey))


def view(ctx: Context, name: str) -> pd.DataFrame:
    """A filtered query from corpus.queries for the current view, cached on plain values."""
    return _view_query(name, ctx.path, ctx.version, ctx.fkey)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def evidence(
    path: str,
    version: float,
    fkey: tuple,
    actor: str | None,
    source: str | None,
    voice: str | None,
    order: str = "strongest",
    limit: int = 200,
) -> pd.DataFrame:
    return queries.evidence(Store(path), _view(fkey), actor, source, voice, limit, order)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def evidence_totals(
    path: str, version: float, fkey: tuple, actor: str, source: str, voice: str | None
) -> dict:
    return queries.evidence_totals(Store(path), _view(fkey), actor, source, voice)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def quote_spans(path: str, version: float, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    return queries.quote_spans(Store(path), doc_ids)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def all_documents(path: str, version: float) -> pd.DataFrame:
    cols = ("id", "origin", "source", "source_type", "date", "title", "author", "n_chars")
    return Store(path).documents(cols)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def issues(path: str, version: float) -> pd.DataFrame:
    return Store(path).issues()


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def document_mentions(path: str, version: float, doc_id: str) -> pd.DataFrame:
    return queries.document_mentions(Store(path), doc_id)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _tone(path: str, version: float, fkey: tuple, by: tuple[str, ...], voice: str | None):
    return queries.tone_estimates(Store(path), _view(fkey), by, voice)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _metric_estimates(
    path: str, version: float, fkey: tuple, by: tuple[str, ...], metrics: tuple[str, ...], items
):
    return queries.metric_estimates(Store(path), _view(fkey), by, metrics, items)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _counts(path: str, version: float, fkey: tuple) -> dict[str, int]:
    return queries.view_counts(Store(path), _view(fkey))


def tone(ctx: Context, by: tuple[str, ...], voice: str | None = None) -> pd.DataFrame:
    """Tone estimates per group, aggregated in DuckDB (see corpus.queries.tone_estimates)."""
    return _tone(ctx.path, ctx.version, ctx.fkey, by, voice).copy()


def metric_estimates(
    ctx: Context, by: tuple[str, ...], metrics: tuple[str, ...], items: str | None = None
) -> pd.DataFrame:
    """Per-document metric estimates per group, aggregated in DuckDB."""
    return _metric_estimates(ctx.path, ctx.version, ctx.fkey, by, metrics, items).copy()


def counts(ctx: Context) -> dict[str, int]:
    """Documents (all and per source type) and actor mentions in the current view."""
    return _counts(ctx.path, ctx.version, ctx.fkey)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _metric_values(
    path: str, version: float, fkey: tuple, metric: str, sample: int | None
) -> pd.DataFrame:
    return queries.metric_values(Store(path), _view(fkey), metric, sample)


def metric_values(ctx: Context, metric: str, sample: int | None = None) -> pd.DataFrame:
    """Per-document values of one metric in the view (a fixed subset of `sample` at most)."""
    return _metric_values(ctx.path, ctx.version, ctx.fkey, metric, sample)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _metric_coverage(path: str, version: float, fkey: tuple, metric: str) -> dict:
    return queries.metric_coverage(Store(path), _view(fkey), metric)


def metric_coverage(ctx: Context, metric: str) -> dict:
    """Documents in the view, how many the metric scored, and why the others were not."""
    return _metric_coverage(ctx.path, ctx.version, ctx.fkey, metric)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _find_documents(
    path: str, version: float, fkey: tuple, search: str, limit: int
) -> tuple[pd.DataFrame, int]:
    return queries.find_documents(Store(path), _view(fkey), search, limit)


def find_documents(ctx: Context, search: str, limit: int) -> tuple[pd.DataFrame, int]:
    """Documents in the view matching `search`: the first `limit`, and the total."""
    return _find_documents(ctx.path, ctx.version, ctx.fkey, search, limit)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def document_metrics(path: str, version: float, doc_id: str) -> dict | None:
    return queries.document_metrics(Store(path), doc_id)
