"""The dashboard's data layer: the only way pages reach the corpus.

It opens the store (with the bundled seeds ingested when the store is missing or stale),
and wraps every aggregate query in `st.cache_data`, keyed on plain values: the store's
path, its version (which changes with every write) and the view as a tuple. Caching lives
here, at the UI edge, and nowhere else; `st.cache_resource` holds the actors configuration.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from aggregates import queries, validation
from aggregates import stories as story_queries
from aggregates.view import ViewFilter
from compute import training
from compute.local import update_metrics
from corpus.actors_config import load_actors
from corpus.labels import LabelReading, read_labels, write_labels
from corpus.manifest import ManifestError
from dashboard import state
from metrics.actors import ActorConfigError, ActorSet
from metrics.resolve import suggest_excludes
from metrics.validation import stratified_sample
from pipeline import upload_job
from pipeline.seeds import ensure_seeds
from sourcebias.paths import default_data_dir
from store import Store, StoreBusy, StoreError
from store.schema import Label
from store.store import DB_NAME

__all__ = ["OPEN_ERRORS", "Context", "StoreBusy", "StoreError"]
# What opening the corpus can fail with, each a one-line message for the page.
OPEN_ERRORS = (StoreError, ActorConfigError, ManifestError)

# Each cached query keeps at most this many views (filters, dates, pages): without a bound,
# every date range an analyst tries stays in the server's memory for good.
CACHE_ENTRIES = 32
P = ParamSpec("P")
R = TypeVar("R")


def data_dir() -> Path:
    return default_data_dir().resolve()


def actors_path() -> Path | None:
    value = os.environ.get("SOURCEBIAS_ACTORS")
    return Path(value) if value else None


def seeds_wanted() -> bool:
    """False when the dashboard was started with `serve --no-seeds`."""
    return os.environ.get("SOURCEBIAS_NO_SEEDS") != "1"


@st.cache_resource(show_spinner="Loading the bundled corpus…")
def _open_store(path: str, actors: str | None, seeds: bool) -> bool:
    store = Store(path)
    store.initialise()  # also brings a store of an older version up to date (views, columns)
    if seeds:
        return ensure_seeds(store, Path(actors) if actors else None) is not None
    return False


@st.cache_resource(show_spinner=False)
def _actor_set(path: str | None) -> ActorSet:
    return load_actors(Path(path) if path else None)


def actors() -> ActorSet:
    """The actors configuration in use (SOURCEBIAS_ACTORS or the bundled one), built once."""
    path = actors_path()
    return _actor_set(str(path) if path else None)


def store() -> Store:
    """The store, opened once per process: with the bundled seeds ingested if it is missing
    or stale (unless `--no-seeds`), and its metrics brought up to date."""
    s = Store(data_dir())
    actors = actors_path()
    _open_store(str(s.data_dir), str(actors) if actors else None, seeds_wanted())
    return s


def store_version(s: Store) -> str:
    """Changes whenever the store file is written: part of every cache key. Nanosecond
    times and sizes of the file and its write-ahead log, since a write within the same
    second as the last read left a one-second stamp unchanged (the Corpus page then still
    said "5 documents" after an upload)."""
    wal = s.path.with_name(s.path.name + ".wal")
    parts = []
    for p in (s.path, wal):
        try:
            st_ = p.stat()
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{st_.st_mtime_ns}:{st_.st_size}")
    return "|".join(parts)


@dataclass(frozen=True)
class Context:
    """What every page needs: where the data is, the view, and how to describe it."""

    path: str
    version: str
    view: ViewFilter
    options: dict
    actor_names: dict[str, str]
    briefing: bool

    @property
    def fkey(self) -> tuple:
        return dataclasses.astuple(self.view)

    @property
    def store_file(self) -> str:
        return str(Path(self.path) / DB_NAME)


@st.cache_data(show_spinner=False, max_entries=8)
def options(path: str, version: str) -> dict:
    return queries.corpus_options(Store(path))


def readable_state(s: Store) -> tuple[str, dict, bool]:
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
        last = state.last_good(str(s.data_dir))
        if last is None:
            raise
        return last[0], last[1], True
    state.remember_good(str(s.data_dir), version, opts)
    return version, opts, False


def _cache(run: Callable[..., R], name: str) -> Callable[..., R]:
    """`run` cached under its own name: Streamlit keys a cache by function name and source,
    which every wrapper made here shares."""
    run.__name__ = run.__qualname__ = name
    return st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)(run)


def _per_view(
    query: Callable[Concatenate[Store, ViewFilter, P], R],
) -> Callable[Concatenate[Context, P], R]:
    """A query of the current view, cached on (store path, version, view tuple, arguments)."""

    def run(path: str, version: str, view: tuple, *args: Any, **kwargs: Any) -> R:
        return query(Store(path), ViewFilter(*view), *args, **kwargs)

    cached = _cache(run, f"view_{query.__name__}")

    @functools.wraps(query)
    def for_context(ctx: Context, *args: P.args, **kwargs: P.kwargs) -> R:
        return cached(ctx.path, ctx.version, ctx.fkey, *args, **kwargs)

    return for_context


def _per_store(query: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Context, P], R]:
    """A query of the whole store (one document, the ingest report), cached likewise."""

    def run(path: str, version: str, *args: Any, **kwargs: Any) -> R:
        return query(Store(path), *args, **kwargs)

    cached = _cache(run, f"store_{query.__name__}")

    @functools.wraps(query)
    def for_context(ctx: Context, *args: P.args, **kwargs: P.kwargs) -> R:
        return cached(ctx.path, ctx.version, *args, **kwargs)

    return for_context


counts = _per_view(queries.view_counts)
tone = _per_view(queries.tone_estimates)
metric_estimates = _per_view(queries.metric_estimates)
metric_values = _per_view(queries.metric_values)
metric_coverage = _per_view(queries.metric_coverage)
naming = _per_view(queries.naming)
attributions = _per_view(queries.attributions)
top_speakers = _per_view(queries.top_speakers)
weekly_counts = _per_view(queries.weekly_counts)
find_documents = _per_view(queries.find_documents)
evidence = _per_view(queries.evidence)
evidence_totals = _per_view(queries.evidence_totals)
alias_audit = _per_view(queries.alias_audit)
alias_neighbours = _per_view(queries.alias_neighbours)
alias_examples = _per_view(queries.alias_examples)
stance_estimates = _per_view(queries.stance_estimates)
stance_evidence = _per_view(queries.stance_evidence)
speaks = _per_view(queries.speaks)
all_documents = _per_store(queries.all_documents)
ingest_issues = _per_store(queries.ingest_issues)
document = _per_store(queries.document)
document_metrics = _per_store(queries.document_metrics)
document_mentions = _per_store(queries.document_mentions)
quote_spans = _per_store(queries.quote_spans)
stories = _per_view(story_queries.stories)
document_tone = _per_view(story_queries.document_tone)
story_documents = _per_view(story_queries.story_documents)
story_naming = _per_view(story_queries.story_naming)
story_speakers = _per_view(story_queries.story_speakers)
closest_pairs = _per_view(story_queries.closest_pairs)
validation_item = _per_store(queries.validation_item)
reprint_families = _per_store(queries.reprint_families)


def _validation_report(store: Store) -> validation.ValidationReport:
    return validation.validation_report(store, training.model_in_use(store).name)


validation_report = _per_store(_validation_report)


def _labels(store: Store) -> list[Label]:
    return store.labels()


def _model_in_use(store: Store) -> training.ModelChoice:
    return training.model_in_use(store)


labels = _per_store(_labels)
model_in_use = _per_store(_model_in_use)
model_choices = _per_store(training.model_choices)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _sample(
    path: str, key: str, n_docs: int, view: tuple, kind: str, n: int, seed: int
) -> list[str]:
    items = queries.validation_candidates(Store(path), ViewFilter(*view), kind)
    return stratified_sample(items.itertuples(index=False, name=None), n, seed)


def validation_sample(ctx: Context, kind: str, n: int, seed: int) -> list[str]:
    """The view's seeded stratified sample (by group and actor, or group and source type),
    kept while only labels change: labelling must not reshuffle the queue."""
    return _sample(
        ctx.path, ctx.options.get("analysis_key", ""), ctx.options["n_documents"], ctx.fkey,
        kind, n, seed,
    )  # fmt: skip


def add_label(ctx: Context, label: Label) -> None:
    Store(ctx.path).add_labels([label])


def withdraw_label(ctx: Context, label: Label) -> bool:
    return Store(ctx.path).withdraw_label(label)


def import_labels(ctx: Context, name: str, content: bytes) -> LabelReading:
    """Labels from an uploaded file, added to the store. The file is written under a fixed
    name in a fresh temporary folder: the uploaded name only picks the format."""
    suffix = ".jsonl" if name.lower().endswith(".jsonl") else ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"labels{suffix}"
        path.write_bytes(content)
        reading = read_labels(path)
    Store(ctx.path).add_labels(reading.labels)
    return reading


def export_labels(ctx: Context, fmt: str) -> bytes:
    """Every label in the store (history included) as CSV or JSONL bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"labels.{fmt}"
        write_labels(Store(ctx.path).labels(), path)
        return path.read_bytes()


def adapt_model(ctx: Context) -> training.AdaptResult:
    """Retrain with the corpus labels; when the new model is kept, recompute the metrics."""
    store = Store(ctx.path)
    result = training.adapt(store)
    if result.switched:
        update_metrics(store, actors())
    return result


def use_model(ctx: Context, name: str) -> None:
    store = Store(ctx.path)
    training.select_model(store, name)
    update_metrics(store, actors())


def start_upload(ctx: Context, files: list[tuple[str, bytes]], fields: dict[str, str]) -> str:
    """Ingest uploaded files in a background process (see pipeline.upload_job); its id."""
    return upload_job.start(Path(ctx.path), files, fields, actors_path())


def upload_status(ctx: Context, job_id: str) -> upload_job.JobStatus:
    """The upload's progress, or a failure when its status cannot be read."""
    return upload_job.status(Path(ctx.path), job_id) or upload_job.JobStatus(
        "failed", "finished", message="its progress could not be read"
    )


def alias_audit_table(ctx: Context) -> pd.DataFrame:
    """The alias audit of the view as one table: per alias its matches, what became of them,
    the capitalised words beside it and the `exclude` entries worth a look."""
    near = alias_neighbours(ctx)
    rows = []
    for r in alias_audit(ctx).itertuples(index=False):
        mine = near[(near["actor"] == r.actor) & (near["alias"] == r.alias)]
        actor = actors().actor(r.actor)
        own = dict(actor.given_names).get(r.alias.lower(), ()) if actor else ()
        rows.append(
            {
                "actor": ctx.actor_names.get(r.actor, r.actor),
                "alias": r.alias,
                "matches": r.n,
                "credited": r.credited,
                "by context": r.by_context,
                "other entity": r.other_entity,
                "ambiguous": r.ambiguous,
                "beside": ", ".join(
                    (f"{w} ___" if s == "left" else f"___ {w}") + f" ({n})"
                    for s, w, n in zip(mine["side"], mine["word"], mine["n"], strict=True)
                ),
                "worth an exclude?": ", ".join(
                    suggest_excludes(
                        r.alias,
                        zip(mine["side"], mine["word"], mine["n"], mine["credited"], strict=True),
                        own,
                    )
                ),
            }
        )
    return pd.DataFrame(rows)
