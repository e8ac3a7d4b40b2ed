"""The benchmark's stage breakdown times the real analysis without changing it."""

from __future__ import annotations

import metrics.document
from bench.analyze import STAGES, timed_stages
from compute.analyse import analyse_text
from corpus.actors_config import load_actors
from tests.conftest import seed_text


def test_stage_timing_sees_every_stage_and_changes_nothing() -> None:
    actors = load_actors()
    text = seed_text("003")
    plain = analyse_text(text, actors)
    before = {name: getattr(metrics.document, name) for name in STAGES.values()}
    totals: dict[str, float] = {}
    with timed_stages(totals):
        timed = analyse_text(text, actors)
    assert timed == plain
    assert set(totals) == set(STAGES)
    assert all(seconds > 0 for seconds in totals.values())
    assert {name: getattr(metrics.document, name) for name in STAGES.values()} == before
