from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.emotive import emotive
from metrics.segment import sentences


@pytest.mark.parametrize(
    "text, strong, exclamations, first_plural",
    [
        ("", None, None, None),
        ("The meeting is on Tuesday.", 0.0, 0.0, 0.0),
        ("Brutal murderers! Evil invaders!", 1.0, 500.0, 0.0),
        ("We defend our land and they attack us.", 0.0, 0.0, 3 * 1000 / 8),
    ],
    ids=["empty", "flat", "emotive", "we-voice"],
)
def test_emotive_table(text, strong, exclamations, first_plural) -> None:
    e = emotive(text, sentences(text))
    assert e.strong_share == (None if strong is None else pytest.approx(strong, abs=0.26))
    assert e.exclamations_per_1000 == (
        None if exclamations is None else pytest.approx(exclamations)
    )
    assert e.first_plural_per_1000 == (
        None if first_plural is None else pytest.approx(first_plural)
    )


def test_we_inside_quotations_is_not_the_author_speaking() -> None:
    text = "“We will win,” he said."
    assert emotive(text, sentences(text), [(1, 13)]).first_plural_per_1000 == 0.0


@given(st.text())
def test_emotive_bounded_and_deterministic(text: str) -> None:
    e = emotive(text, sentences(text))
    assert e.strong_share is None or 0 <= e.strong_share <= 1
    assert e.mean_sentence_tone is None or -1 <= e.mean_sentence_tone <= 1
    assert e == emotive(text, sentences(text))
