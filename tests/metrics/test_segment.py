from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.segment import Inside, sentences, words
from tests import samples
from tests.conftest import seed_text


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (samples.EMPTY, []),
        (samples.BLANK, []),
        (
            samples.ABBREVIATIONS,
            ["He said the U.S. will leave.", "Mr. Biden agreed.", "The Taliban won."],
        ),
        (
            samples.HEADLINE,
            ["Evacuation at full speed", "Western governments were preparing to evacuate."],
        ),
        (
            samples.MULTI_QUOTE,
            ["“Of course this gives them the upper hand.", "The north is key,” said Asfandia Mir."],
        ),
        (
            "Gen. Miller left at 5 p.m. on Monday. Then he spoke.",
            ["Gen. Miller left at 5 p.m. on Monday.", "Then he spoke."],
        ),
        (
            "the government has vowed to defend it.The Taliban also briefly occupied the city.",
            [
                "the government has vowed to defend it.",
                "The Taliban also briefly occupied the city.",
            ],
        ),
    ],
    ids=[
        "empty",
        "blank",
        "abbreviations",
        "headline-line",
        "multi-sentence-quote",
        "titles-times",
        "missing-space",
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_seed_caption_lines_are_their_own_sentences() -> None:
    parts = split(seed_text("004"))
    assert "Evacuation at full speed" in parts
    assert "Dizzying advance of the rebels" in parts


@given(st.text())
def test_sentence_spans_are_ordered_in_bounds_and_single_line(text: str) -> None:
    spans = sentences(text)
    previous_end = 0
    for s in spans:
        assert previous_end <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip()
        assert "\n" not in chunk
        previous_end = s.end
    assert spans == sentences(text)


@pytest.mark.parametrize("text, n", [("", 0), ("Kabul’s fall, U.S.-backed", 3), ("two words", 2)])
def test_words(text: str, n: int) -> None:
    assert len(words(text)) == n


@given(st.text(alphabet=st.sampled_from("ab c.\n"), max_size=9000))
def test_no_sentence_is_longer_than_the_bound(text: str) -> None:
    from metrics.segment import MAX_SENTENCE_CHARS

    spans = sentences(text)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    kept = "".join(text[s.start : s.end] for s in spans)
    assert "".join(kept.split()) == "".join(text.split())  # cutting loses no text


@given(
    st.lists(st.tuples(st.integers(-5, 300), st.integers(-20, 60)), max_size=30),
    st.lists(st.integers(-10, 400), max_size=40),
)
def test_inside_answers_like_a_scan(spans: list[tuple[int, int]], queries: list[int]) -> None:
    spans = [(a, a + n) for a, n in spans]  # overlapping, nested, empty and inverted ones too
    inside = Inside(spans)
    for x in queries:
        assert inside.holds(x) == any(a <= x < b for a, b in spans)
