"""Mention resolution: who a matched name means, or that it means someone else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.actors_config import load_actors
from metrics.actors import compile_actors, find_mentions
from metrics.document import analyze_document
from metrics.resolve import resolve, suggest_excludes
from metrics.segment import sentences
from sourcebias.paths import MENTION_SET

SEEDS = load_actors()
US = load_actors(MENTION_SET / "actors_us.toml")


def read(text: str, actors=US) -> list[tuple[str, str, str]]:
    """(matched text, actor, resolution) for every alias match in `text`."""
    analysis = analyze_document(text, actors)
    return [(text[m.start : m.end], m.actor, m.resolution) for m in analysis.mentions]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hillary Clinton spoke.", [("Clinton", "clinton", "name")]),
        ("Critics allege that Bill Clinton lied.", [("Clinton", "clinton", "other")]),
        ("Chelsea Clinton and Hillary Rodham Clinton met.",
         [("Clinton", "clinton", "other"), ("Clinton", "clinton", "name")]),
        ("The Clinton Foundation paid.", [("Clinton", "clinton", "other")]),
        ("He met Donald Trump Jr. and Melania Trump at Trump Tower.",
         [("Trump", "trump", "other"), ("Trump", "trump", "other"),
          ("Trump", "trump", "other")]),
        ("Donald J. Trump won.", [("Trump", "trump", "name")]),
        ("Mr. Trump's tweet angered the Trump administration.",
         [("Trump", "trump", "name"), ("Trump", "trump", "name")]),
        ("Later Trump spoke. When Obama left, Sanders stayed.",
         [("Trump", "trump", "name"), ("Obama", "obama", "name"),
          ("Sanders", "sanders", "name")]),
        ("Press secretary Sarah Sanders spoke.", [("Sanders", "sanders", "other")]),
        ("Donald Trump and Melania Trump Visit Supreme Court",
         [("Trump", "trump", "name"), ("Trump", "trump", "other")]),
        ("He was weak. Obama was not.", [("Obama", "obama", "name")]),
    ],
    ids=["own-first-name", "other-first-name", "middle-name", "foundation", "jr-melania-tower",
         "initial", "possessive-and-administration", "sentence-openers", "press-secretary",
         "headline-case", "sentence-end-before"],
)  # fmt: skip
def test_people_and_things_that_share_a_surname(text: str, expected: list) -> None:
    assert read(text) == expected


def test_a_surname_without_configured_first_names_takes_the_documents_usage() -> None:
    actors = compile_actors({"actors": {"c": {"name": "Clinton", "aliases": ["Clinton"]}}})
    text = (
        "Hillary Clinton campaigned. Mrs. Clinton spoke. Hillary Clinton won the vote. "
        "Chelsea Clinton watched."
    )
    assert [r for _, _, r in read(text, actors)] == ["name", "name", "name", "other"]


def test_without_sign_of_a_person_a_one_word_alias_is_left_alone() -> None:
    actors = compile_actors({"actors": {"t": {"name": "Taliban", "aliases": ["Taliban"]}}})
    assert read("The Afghan Taliban and Pakistani Taliban met.", actors) == [
        ("Taliban", "t", "name"),
        ("Taliban", "t", "name"),
    ]


def test_exclude_patterns_from_the_actors_file() -> None:
    actors = compile_actors(
        {
            "actors": {
                "c": {
                    "name": "Hillary Clinton",
                    "aliases": ["Clinton"],
                    "exclude": ["Mr. Clinton", {"regex": r"Clinton\s+Cash"}],
                }
            }
        }
    )
    analysis = analyze_document("Mr. Clinton wrote Clinton Cash; Mrs. Clinton did not.", actors)
    assert [(m.resolution, m.reason) for m in analysis.mentions] == [
        ("other", "excluded by the actors file"),
        ("other", "excluded by the actors file"),
        ("name", None),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Taliban took Kunduz. The militants then moved south.",
         [("Taliban", "taliban", "name"), ("militants", "taliban", "context")]),
        ("ISIS claimed the attack. The group said it would strike again.",
         [("ISIS", "isis", "name"), ("The group", "isis", "context")]),
        ("Several leaders of the National Resistance Front, insurgents and supporters fled.",
         [("National Resistance Front", "nrf", "name"), ("insurgents", "nrf", "context")]),
        ("The Taliban want an Islamic government.",
         [("Taliban", "taliban", "name"), ("government", "afghan_government", "other")]),
        ("The US government was caught off guard.",
         [("US", "united_states", "name"), ("government", "united_states", "context")]),
        ("The government fell on Sunday.", [("government", "afghan_government", "ambiguous")]),
        ("The invaders left. The Americans were gone.",
         [("invaders", "united_states", "document"), ("Americans", "united_states", "name")]),
    ],
    ids=["nearest-before", "shared-alias", "shared-insurgents-near-nrf", "indefinite",
         "another-actors-noun", "nothing-named", "only-candidate-named"],
)  # fmt: skip
def test_generic_aliases_are_resolved_from_context_or_left_out(text: str, expected) -> None:
    assert read(text, SEEDS) == expected


def test_one_sense_per_document() -> None:
    filler = " ".join("Nothing else was said that day." for _ in range(4))
    text = f"The Kabul regime fell. The regime had fled. {filler} The regime is gone."
    assert read(text, SEEDS)[-1] == ("regime", "afghan_government", "document")


def test_ambiguous_and_other_mentions_count_nowhere() -> None:
    text = "The government fell. Bill Clinton spoke. Hillary Clinton spoke."
    analysis = analyze_document(text, compile_actors(_both_configs()))
    figures = analysis.figures()
    assert figures.n_mentions == 1 and figures.n_ambiguous == 1 and figures.n_other_entity == 1
    assert analysis.naming() == {("clinton", "Clinton", "neutral"): 1}


def _both_configs() -> dict:
    return {
        "actors": {
            "clinton": {"name": "Hillary Clinton", "aliases": ["Clinton"]},
            "kabul": {"name": "Kabul", "aliases": [{"text": "government", "generic": True}]},
        }
    }


@pytest.mark.parametrize(
    "alias, neighbours, own, expected",
    [
        ("Clinton", [("left", "Bill", 3, 3), ("left", "Hillary", 9, 9)], ["hillary"],
         ["Bill Clinton"]),
        ("Clinton", [("left", "Bill", 3, 0)], [], []),  # already left out by default
        ("Trump", [("left", "President", 5, 5), ("right", "Tower", 1, 1)], [], []),
        ("Trump", [("right", "Hotel", 2, 2)], [], ["Trump Hotel"]),
        ("terrorists", [("left", "ISIS", 4, 4)], [], []),  # generic: context decides
    ],
    ids=["other-first-name", "already-left-out", "title-and-rare", "name-forming", "generic"],
)  # fmt: skip
def test_suggested_excludes(alias: str, neighbours: list, own: list, expected: list) -> None:
    assert suggest_excludes(alias, neighbours, own) == expected


WORDS = st.sampled_from(
    ["Bill", "Hillary", "Clinton", "Trump", "Mr.", "the", "president", "said", "FBI", "Jr.",
     "Foundation", "the bureau", ".", ",", "\n", "“", "”", ":", "Obama", "and", "Later"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, max_size=60))
def test_every_match_is_decided_once_and_credited_only_to_a_candidate(words: list[str]) -> None:
    text = " ".join(words)
    found = find_mentions(text, US)
    spans = sentences(text)
    sentence_of = [
        next((i for i, s in enumerate(spans) if s.start <= m.start < s.end), 0) for m in found
    ]
    resolved = resolve(text, found, sentence_of, spans, US)
    assert [r.mention for r in resolved] == list(found)
    for r in resolved:
        assert r.resolution in ("name", "context", "document", "other", "ambiguous")
        # a generic word right after another actor's name is that actor's ("US government")
        assert r.actor in r.candidates or (r.reason or "").startswith("another actor's name")
        assert (r.reason is None) == (r.resolution == "name")
