"""`sentence_offsets` returns exactly blingfire's own offsets, on any text."""

from __future__ import annotations

import blingfire
import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.fast.blingfire import reference_offsets, sentence_offsets
from tests.conftest import seed_text

_reference_offsets = reference_offsets


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_fast_offsets_equal_blingfire_on_seed_lines(prefix: str) -> None:
    lines = [ln.strip() for ln in seed_text(prefix).splitlines() if ln.strip()]
    # longest first, so reused buffers always hold leftovers of a longer line
    for line in sorted(lines, key=len, reverse=True):
        assert sentence_offsets(line) == _reference_offsets(line), line


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
        max_size=300,
    )
)
def test_fast_offsets_equal_blingfire_on_any_text(text: str) -> None:
    try:
        expected = _reference_offsets(text)
    except AssertionError:  # blingfire's own wrapper gives up on this text
        return
    assert sentence_offsets(text) == expected


@given(st.text(), st.lists(st.integers(0, 500), max_size=20))
def test_char_counter_equals_decoding_each_prefix(text: str, cuts: list[int]) -> None:
    from metrics.fast.blingfire import _CharCounter

    data = text.encode("utf-8", errors="surrogatepass")
    counter = _CharCounter(data)
    for k in [*sorted(cuts), 3, 1]:  # the last two go back: it must count afresh
        assert counter.before(k) == len(data[:k].decode("utf-8", errors="replace"))


@pytest.mark.parametrize(
    "line",
    ["«Les talibans ont pris Kaboul», a-t-il dit. Ils sont là. “Oui,” dit-il.",
     "د طالبانو ویاند وویل. The spokesman said so. بیا هم.",
     "Ünïcödé sentence one. Another one here! And a third?"],
)  # fmt: skip
def test_sentence_offsets_equal_blingfires_own_mapping(line: str) -> None:

    from metrics.segment import sentence_offsets

    assert sentence_offsets(line) == [
        (a, min(b, len(line))) for a, b in blingfire.text_to_sentences_and_offsets(line)[1]
    ]
