"""The Overview's one-line reading: the largest partisan-wire gap, with its n, and a warning
when the samples are small."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.reading import reading


def tone(rows: list[tuple[str, str, float, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["actor_name", "source_type", "mean", "n_items", "small_sample"]
    )


NO_DOCS = pd.DataFrame(columns=["metric", "source_type", "mean", "small_sample"])
GAPS = tone(
    [
        ("Taliban", "partisan", 0.40, 50, False),
        ("Taliban", "wire", -0.10, 60, False),
        ("US", "partisan", -0.30, 40, False),
        ("US", "wire", -0.20, 30, False),
    ]
)

READINGS = [
    (
        "largest-gap-named-with-n",
        GAPS,
        "more positive toward **Taliban**",
        "(+0.40 vs -0.10; 50 vs 60",
    ),
    ("one-side", tone([("US", "partisan", 0.1, 9, False)]), "Select both partisan and wire", ""),
    (
        "thin-gap-passed-over",
        tone([
            ("A", "partisan", 0.9, 2, True), ("A", "wire", -0.9, 2, True),
            ("B", "partisan", 0.2, 20, False), ("B", "wire", 0.1, 20, False),
        ]),
        "**B**",
        "20 vs 20",
    ),
    (
        "small-sample-warned",
        tone([("A", "partisan", 0.5, 6, True), ("A", "wire", 0.1, 7, False)]),
        "*Small samples",
        "6 vs 7",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    "frame, expected, n", [r[1:] for r in READINGS], ids=[r[0] for r in READINGS]
)
def test_reading(frame: pd.DataFrame, expected: str, n: str) -> None:
    line = reading(frame, NO_DOCS)
    assert expected in line and n in line


def test_an_actor_name_is_markdown_literal() -> None:
    hostile = tone([("[x](http://127.0.0.1:9)", "partisan", 0.5, 9, False),
                    ("[x](http://127.0.0.1:9)", "wire", 0.1, 9, False)])  # fmt: skip
    assert "](" not in reading(hostile, NO_DOCS).replace("\\](", "")
