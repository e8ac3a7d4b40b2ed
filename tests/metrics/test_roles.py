"""Roles: the actor speaking, in its own quote, or written about; and stance between actors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.actors_config import load_actors
from metrics.document import analyze_document
from sourcebias.paths import MENTION_SET

SEEDS = load_actors()
US = load_actors(MENTION_SET / "actors_us.toml")


def roles(text: str, actors=US) -> list[tuple[str, str, str | None]]:
    """(matched text, role, the actor whose words hold it) for every credited mention."""
    analysis = analyze_document(text, actors)
    return [
        (text[m.start : m.end], m.role, m.speaker_actor) for m in analysis.mentions if m.counted
    ]


@pytest.mark.parametrize(
    "text, expected, actors",
    [
        ("“I will be your greatest champion,” Trump said.", [("Trump", "speaker", None)], US),
        ("MS. CLINTON: You are the smartest people.\nMR. TRUMP: Wrong. Obama is weak.\n",
         [("CLINTON", "speaker", None), ("TRUMP", "speaker", None),
          ("Obama", "target", "trump")], US),
        ("Later Trump called out the press.", [("Trump", "speaker", None)], US),
        ("Trump was accused of fraud.", [("Trump", "target", None)], US),
        ("An ally of Trump praised the plan.", [("Trump", "target", None)], US),
        ("Trump: Obama lied about the deal\n", [("Trump", "speaker", None),
                                                ("Obama", "target", "trump")], US),
        ("Zabihullah Mujahid said the Taliban would not accept the offer.",
         [("Zabihullah Mujahid", "speaker", None), ("Taliban", "own-quote", "taliban")], SEEDS),
        ("The Taliban accused the United States of killing civilians.",
         [("Taliban", "speaker", None), ("United States", "target", "taliban")], SEEDS),
        ("The Taliban captured Kunduz on Sunday.", [("Taliban", "target", None)], SEEDS),
        ("“The Taliban will not accept Kabul’s offer,” said Mujahid, the spokesman for the "
         "Taliban.",
         [("Taliban", "own-quote", "taliban"), ("Mujahid", "speaker", None),
          ("Taliban", "speaker", None)], SEEDS),
    ],
    ids=["quote-then-said", "transcript", "called-out", "passive", "after-preposition",
         "caption-label", "reported-speech-own", "stance", "acts-without-speaking",
         "apposition"],
)  # fmt: skip
def test_roles(text: str, expected: list, actors) -> None:
    assert roles(text, actors) == expected


def test_tone_counts_only_mentions_written_about() -> None:
    text = "“We are winning,” Trump said. Critics called Trump a liar."
    analysis = analyze_document(text, US)
    tone = [m for m in analysis.mentions if m.tone]
    assert [m.start for m in tone] == [text.index("Trump a liar")]
    assert analysis.figures().n_speaks == 1 and analysis.figures().n_mentions == 2


WORDS = st.sampled_from(
    ["Trump", "said", "Clinton", "“", "”", ":", "\n", "TRUMP:", "CLINTON:", "accused", "was",
     "of", "the", "Obama", "praised", ".", ",", "FBI", "according to"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, max_size=60))
def test_roles_are_consistent(words: list[str]) -> None:
    analysis = analyze_document(" ".join(words), US)
    for m in analysis.mentions:
        assert m.role in ("target", "speaker", "own-quote")
        if m.role == "own-quote":
            assert m.speaker_actor == m.actor
        assert m.tone == (m.counted and m.role == "target")
