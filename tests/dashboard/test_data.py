"""The data layer's caches stay bounded, and a busy store falls back to the last good view."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO


def cache_decorators() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((REPO / "dashboard").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    if (
                        isinstance(deco, ast.Call)
                        and getattr(deco.func, "attr", None) == "cache_data"
                    ):
                        found.append((f"{path.name}:{node.name}", deco))
    return found


def test_every_cached_query_has_a_bound() -> None:
    decorators = cache_decorators()
    assert len(decorators) >= 10
    unbounded = [
        name for name, deco in decorators if "max_entries" not in {k.arg for k in deco.keywords}
    ]
    assert unbounded == []


def test_many_views_do_not_grow_the_cache(fresh_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fifty date ranges tried one after another keep at most CACHE_ENTRIES results."""
    import datetime as dt

    from streamlit.runtime.caching import cache_data_api

    from corpus.ingest import ingest
    from corpus.queries import ViewFilter
    from dashboard import data
    from tests.conftest import SEEDS

    ingest([SEEDS], fresh_store)
    data._counts.clear()

    def size() -> int:
        stats = cache_data_api._data_caches.get_stats()["cache_memory_bytes"]
        return sum(s.byte_length for s in stats if s.cache_name.endswith("_counts"))

    def view(i: int) -> tuple:
        start = dt.date(2000, 1, 1) + dt.timedelta(days=i)
        return tuple(ViewFilter(date_from=start).__dict__.values())

    data._counts(str(fresh_store.data_dir), 1.0, view(0))
    one = size()
    for i in range(1, 50):
        data._counts(str(fresh_store.data_dir), 1.0, view(i))
    assert size() <= one * data.CACHE_ENTRIES * 1.2
    assert size() >= one * data.CACHE_ENTRIES * 0.8  # it does cache, up to the bound
