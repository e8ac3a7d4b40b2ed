"""Same-stories estimates against a hand computation, and when they disagree with the raw
gap."""

from __future__ import annotations

import pandas as pd
import pytest

from aggregates.stories import Matched, disagrees, matched_tone


def test_matched_gap_by_hand() -> None:
    tone = pd.DataFrame(
        [
            # story 1: partisan -0.8, -0.6 (mean -0.7); wire -0.5 -> -0.2
            ("p1", "taliban", "partisan", -0.8), ("p2", "taliban", "partisan", -0.6),
            ("w1", "taliban", "wire", -0.5),
            # story 2: partisan 0.1; wire 0.4 -> -0.3
            ("p3", "taliban", "partisan", 0.1), ("w2", "taliban", "wire", 0.4),
            # story 3: partisan -0.1; wire 0.0 -> -0.1
            ("p4", "taliban", "partisan", -0.1), ("w3", "taliban", "wire", 0.0),
            # outside any story, and a story only one group covered
            ("p5", "taliban", "partisan", -0.9), ("w4", "taliban", "wire", 0.9),
        ],
        columns=["doc_id", "actor", "source_type", "value"],
    )  # fmt: skip
    stories = pd.DataFrame(
        [(1, "p1"), (1, "p2"), (1, "w1"), (2, "p3"), (2, "w2"), (3, "p4"), (3, "w3"),
         (4, "w4")], columns=["story", "doc_id"],
    )  # fmt: skip
    (m,) = matched_tone(tone, stories, [("partisan", "wire")])
    assert m.n_stories == 3 and m.n_docs == 7
    assert m.difference == pytest.approx((-0.2 - 0.3 - 0.1) / 3)
    # sd of (-0.2, -0.3, -0.1) is 0.1; t(0.975, 2) = 4.303
    assert m.high - m.difference == pytest.approx(4.302653 * 0.1 / 3**0.5, rel=1e-4)
    assert m.raw_a == pytest.approx((-0.8 - 0.6 + 0.1 - 0.1 - 0.9) / 5)
    assert m.raw_b == pytest.approx((-0.5 + 0.4 + 0.0 + 0.9) / 4)


@pytest.mark.parametrize(
    "raw_a, raw_b, diff, low, high, expected",
    [
        (-0.6, 0.0, -0.5, -0.7, -0.3, False),  # both say partisan more negative
        (-0.6, 0.0, 0.2, 0.05, 0.35, True),  # opposite signs
        (-0.6, 0.0, -0.1, -0.4, 0.2, True),  # raw gap 0.6, matched interval holds zero
        (-0.05, 0.0, 0.01, -0.2, 0.2, False),  # no raw gap to speak of
        (-0.6, 0.0, None, None, None, False),  # no shared story
    ],
)
def test_disagreement(raw_a, raw_b, diff, low, high, expected: bool) -> None:
    m = Matched("taliban", "partisan", "wire", raw_a, raw_b, diff, low, high, 3, 9)
    assert disagrees(m) is expected
