from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus_gen import generate
from metrics.fast.vader import NEUTRAL, _single_char_emojis, analyzer, polarity, polarity_scores
from metrics.segment import sentences
from tests.conftest import REPO, seed_text

FIXTURE = REPO / "tests" / "fixtures" / "newsmtsc_small.jsonl"


def reference(text: str) -> dict[str, float]:
    return analyzer().polarity_scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "The Taliban captured the city.",
        "I am not so happy but very sad!!",
        "At least it is NOT GOOD at all??",
        "It is kind of good, sort of great.",
        "no good or bad news",
        "never so good, never this bad",
        "without doubt a great victory",
        "This is the shit, the bomb, a bad ass kiss of death",
        "It was the least bad option but the most terrible outcome!",
        "VERY GOOD and extremely BAD",
        "Victory 😀 for the Mujahideen 💔",
        ":) :( :D wow",
        "it was the very least good, at least bad",
        "the council met on Tuesday in Kabul!!! ???",
        "but the ministry, but not the council",
        "!!! ... ?",
    ],
    ids=[
        "empty",
        "blank",
        "plain",
        "negation-but",
        "least-caps-questions",
        "kind-of-sort-of",
        "no-or",
        "never-so",
        "without-doubt",
        "special-cases",
        "least-most",
        "caps-boosters",
        "emoji",
        "emoticons",
        "very-least",
        "no-valence-punctuation",
        "no-valence-but-not",
        "punctuation-only",
    ],
)
def test_fast_vader_equals_vader_on_named_samples(text: str) -> None:
    assert polarity_scores(text) == reference(text)


def test_fast_vader_equals_vader_on_corpus_sentences() -> None:
    texts = [seed_text(p) for p in ("000", "001", "002", "003", "004")]
    texts += [d.text for d in generate(30, seed=5)]
    found = [t[s.start : s.end] for t in texts for s in sentences(t)]
    found += [json.loads(line)["sentence_normalized"] for line in FIXTURE.open(encoding="utf-8")]
    assert len(found) > 500
    for sentence in found:
        assert polarity_scores(sentence) == reference(sentence), sentence


VADER_WORDS = st.sampled_from(
    "not never so this without doubt no or nor least at very kind of sort but BUT good GOOD "
    "great bad BAD terrible kill killed martyred victory the shit bomb bad ass extremely "
    "slightly hardly isn't don't n't :) :( ! ?? . , 😀 💔 Taliban regime".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(VADER_WORDS, st.text(max_size=6)), max_size=30))
def test_fast_vader_equals_vader_on_any_word_soup(words: list[str]) -> None:
    text = " ".join(words)
    assert polarity_scores(text) == reference(text)


def test_blank_text_is_exactly_neutral() -> None:
    assert polarity("") == polarity(" \n") == NEUTRAL


def test_ascii_text_holds_no_vader_emoji() -> None:
    """polarity_scores skips VADER's emoji rewriting for ASCII text; that is exact only while
    every one-character emoji lies outside ASCII."""
    assert _single_char_emojis()
    assert not any(c.isascii() for c in _single_char_emojis())
