"""The Overview's one-line reading: the largest gap between any two source groups in view,
named, with its n; groups too small to lean on are shown on the charts but never
headlined."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.reading import reading


def tone(rows: list[tuple[str, str, float, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["actor_name", "source_type", "mean", "n_items", "small_sample"]
    )


def docs(rows: list[tuple[str, str, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["metric", "source_type", "mean", "small_sample"])


NO_DOCS = docs([])
GAPS = tone(
    [
        ("Taliban", "partisan", 0.40, 50, False),
        ("Taliban", "wire", -0.10, 60, False),
        ("US", "partisan", -0.30, 40, False),
        ("US", "wire", -0.20, 30, False),
    ]
)

READINGS = [
    ("largest-gap-named-with-n", GAPS, NO_DOCS,
     ["**partisan** sources are more positive toward **Taliban** than **wire**",
      "(+0.40 vs -0.10; 50 vs 60 mentions)"]),
    ("one-group", tone([("US", "partisan", 0.1, 9, False)]), NO_DOCS,
     ["Pick at least two source groups"]),
    ("thin-gap-passed-over", tone([
        ("A", "partisan", 0.9, 2, True), ("A", "wire", -0.9, 2, True),
        ("B", "partisan", 0.2, 20, False), ("B", "wire", 0.1, 20, False)]), NO_DOCS,
     ["toward **B**", "20 vs 20 mentions"]),
    ("small-group-never-headlined", tone([
        ("A", "partisan", 0.5, 6, True), ("A", "wire", 0.1, 70, False)]), NO_DOCS,
     ["No two groups in this view have enough documents"]),
    ("three-groups-extremes-named", tone([
        ("NRF", "left", 0.6, 30, False), ("NRF", "right", -0.5, 40, False),
        ("NRF", "wire", 0.0, 50, False), ("US", "left", 0.1, 30, False),
        ("US", "right", 0.2, 30, False), ("US", "wire", 0.1, 30, False)]), NO_DOCS,
     ["**left** sources are more positive toward **NRF** than **right**", "30 vs 40"]),
    ("small-group-named-as-left-out", tone([
        ("NRF", "left", 0.6, 30, False), ("NRF", "right", -0.5, 40, False),
        ("NRF", "state media", 0.9, 3, True)]), NO_DOCS,
     ["than **right**", "Not compared (too few documents or items): state media"]),
    ("both-negative-read-as-less-negative", tone([
        ("Kabul", "partisan", -0.86, 547, False), ("Kabul", "wire", -0.30, 165, False)]),
     NO_DOCS, ["**wire** sources are less negative toward **Kabul** than **partisan**"]),
    ("document-metrics-range", GAPS, docs([
        ("attributions_per_1000", "partisan", 4.0, False),
        ("attributions_per_1000", "wire", 19.5, False),
        ("flesch_kincaid_grade", "partisan", 12.1, True),
        ("flesch_kincaid_grade", "wire", 11.0, False)]),
     ["attributions per 1,000 words range from 4.0 (**partisan**) to 19.5 (**wire**)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "frame, doc_frame, expected", [r[1:] for r in READINGS], ids=[r[0] for r in READINGS]
)
def test_reading(frame: pd.DataFrame, doc_frame: pd.DataFrame, expected: list[str]) -> None:
    line = reading(frame, doc_frame)
    for part in expected:
        assert part in line


def test_a_small_group_is_not_in_a_document_reading() -> None:
    line = reading(GAPS, docs([("flesch_kincaid_grade", "partisan", 12.1, True),
                               ("flesch_kincaid_grade", "wire", 11.0, False)]))  # fmt: skip
    assert "reading grade" not in line


def test_an_actor_name_is_markdown_literal() -> None:
    hostile = tone([("[x](http://127.0.0.1:9)", "partisan", 0.5, 9, False),
                    ("[x](http://127.0.0.1:9)", "wire", 0.1, 9, False)])  # fmt: skip
    assert "](" not in reading(hostile, NO_DOCS).replace("\\](", "")
