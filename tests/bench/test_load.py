"""bench.load drives real sessions through the websocket: a small run must change views."""

from __future__ import annotations

from pathlib import Path

from bench import load


def test_load_bench_runs_sessions_without_errors(tmp_path: Path) -> None:
    data = load.build_store(40, tmp_path)
    result = load.run(data, sessions=2, changes=3, timeout=120)
    assert len(result["first"]) == 2
    assert len(result["later"]) == 6
    assert result["errors"] == []
    assert result["peak"] > 50
