"""The data layer: every query cached on its own and bounded, answers follow writes, and a
store opened without the seeds stays empty."""

from __future__ import annotations

import ast
import datetime as dt

import pytest

from aggregates.view import ViewFilter
from corpus.ingest import ingest
from dashboard import data
from pipeline.run import ingest_and_compute
from store import Store
from tests.conftest import REPO, SEEDS


def cache_calls() -> list[tuple[str, ast.Call]]:
    """Every `st.cache_data(...)` in dashboard/, as a decorator or called directly."""
    found = []
    for path in sorted((REPO / "dashboard").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "cache_data":
                found.append((f"{path.name}:{node.lineno}", node))
    return found


def test_every_cached_query_has_a_bound() -> None:
    calls = cache_calls()
    assert len(calls) >= 3
    unbounded = [
        name for name, call in calls if "max_entries" not in {k.arg for k in call.keywords}
    ]
    assert unbounded == []


ALL = ViewFilter()


def context(store: Store, view: ViewFilter = ALL) -> data.Context:
    return data.Context(str(store.data_dir), data.store_version(store), view, {}, {}, False)


@pytest.fixture
def seeded(fresh_store: Store) -> Store:
    from corpus.actors_config import load_actors

    ingest_and_compute([SEEDS], fresh_store, load_actors())
    return fresh_store


def test_each_query_is_cached_apart(seeded: Store) -> None:
    """The wrappers share one source, so each must carry its own cache key."""
    ctx = context(seeded)
    counts = data.counts(ctx)
    weekly = data.weekly_counts(ctx)
    assert counts["documents"] == 5 and counts["mentions"] > 0
    assert list(weekly.columns) == ["source", "source_type", "week", "n"]
    assert data.counts(ctx) == counts


def test_a_write_changes_the_answer(seeded: Store, tmp_path) -> None:
    before = data.counts(context(seeded))["documents"]
    extra = tmp_path / "extra.txt"
    extra.write_text("The Taliban said the regime fell. Officials said nothing more.\n")
    ingest([extra], seeded)
    assert data.counts(context(seeded))["documents"] == before + 1


def test_many_views_do_not_grow_the_cache(seeded: Store) -> None:
    """Fifty date ranges tried one after another keep at most CACHE_ENTRIES results."""
    from streamlit.runtime.caching import cache_data_api

    def size() -> int:
        stats = cache_data_api._data_caches.get_stats()["cache_memory_bytes"]
        return sum(s.byte_length for s in stats if s.cache_name.endswith("view_view_counts"))

    def view(i: int) -> ViewFilter:
        return ViewFilter(date_from=dt.date(2000, 1, 1) + dt.timedelta(days=i))

    import streamlit as st

    st.cache_data.clear()
    data.counts(context(seeded, view(0)))
    one = size()
    for i in range(1, 50):
        data.counts(context(seeded, view(i)))
    assert size() <= one * data.CACHE_ENTRIES * 1.2
    assert size() >= one * data.CACHE_ENTRIES * 0.8  # it does cache, up to the bound


def test_without_seeds_the_store_opens_empty(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve --no-seeds` on a new folder: an empty corpus, not the bundled one."""
    monkeypatch.setenv("SOURCEBIAS_DATA", str(tmp_path / "empty"))
    monkeypatch.setenv("SOURCEBIAS_NO_SEEDS", "1")
    store = data.store()
    assert store.exists and store.count_documents() == 0
    assert data.options(str(store.data_dir), data.store_version(store))["n_documents"] == 0


def test_the_store_version_changes_with_every_write_even_within_a_second(
    tmp_path, monkeypatch
) -> None:
    """Cache keys follow every write: a write in the same second as the last read (an
    upload finishing right after the page was drawn) still gives a new version."""
    import os

    store = Store(tmp_path / "d")
    store.initialise()
    before = data.store_version(store)
    stamp = store.path.stat()
    store.set_meta("touched", "1")
    os.utime(store.path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time as before
    wal = store.path.with_name(store.path.name + ".wal")
    if wal.exists():
        os.utime(wal, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert data.store_version(store) != before
