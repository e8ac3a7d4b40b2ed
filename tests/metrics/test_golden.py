"""Speed work must not change a single output: every golden case analyses as recorded."""

from __future__ import annotations

import json

import pytest

from tests.metrics.golden import DIGESTS, cases, digest

RECORDED = json.loads(DIGESTS.read_text(encoding="utf-8"))
CASES = dict(cases())


def test_every_case_is_recorded() -> None:
    assert set(CASES) == set(RECORDED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_analysis_is_unchanged(name: str) -> None:
    assert digest(CASES[name]) == RECORDED[name], f"{name}: output differs from the recording"
