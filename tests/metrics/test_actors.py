from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus_gen import generate
from corpus.actors_config import load_actors
from metrics.actors import (
    ActorConfigError,
    compile_actors,
    find_mentions,
    find_mentions_plain,
)
from tests import samples
from tests.conftest import seed_text

ACTORS = load_actors()


def names(text: str) -> list[tuple[str, str, str]]:
    return [(m.actor, text[m.start : m.end], m.label) for m in find_mentions(text, ACTORS)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (samples.EMPTY, []),
        (
            samples.US_VS_US,
            [("united_states", "US", "neutral"), ("united_states", "US", "neutral")],
        ),
        (
            "Mujahideen of the Islamic Emirate of Afghanistan took Afghanistan.",
            [
                ("taliban", "Mujahideen", "laudatory"),
                ("taliban", "Islamic Emirate of Afghanistan", "self-designation"),
            ],
        ),
        ("the former capital of the Taliban regime", [("taliban", "Taliban regime", "pejorative")]),
        (
            "the corrupt regime in Kabul and the Kabul administration",
            [
                ("afghan_government", "regime", "pejorative"),
                ("afghan_government", "Kabul administration", "pejorative"),
            ],
        ),
        (
            "Al Qaeda and al-Qaeda",
            [("al_qaeda", "Al Qaeda", "neutral"), ("al_qaeda", "al-Qaeda", "neutral")],
        ),
        (
            "ISIS and the resistance are synonyms",
            [("isis", "ISIS", "neutral"), ("nrf", "resistance", "neutral")],
        ),
        ("the armed resistance to Soviet occupation", []),
        ("the U.S. withdrawal", [("united_states", "U.S.", "neutral")]),
        ("Talibanization of thought", []),
        (
            samples.TWO_ACTORS,
            [("afghan_government", "regime", "pejorative"), ("taliban", "Mujahideen", "laudatory")],
        ),
    ],
    ids=[
        "empty",
        "US-vs-us",
        "longest-match",
        "taliban-regime",
        "regime",
        "hyphen-or-space",
        "the-resistance",
        "resistance-to",
        "U.S.",
        "word-boundary",
        "two-actors",
    ],
)
def test_mentions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "config, message",
    [
        ({}, "no [actors.<key>] tables"),
        ({"actors": {"x": {"aliases": []}}}, "actor 'x': needs a non-empty 'aliases' list"),
        (
            {"actors": {"x": {"aliases": [{"regex": "(bad"}]}}},
            "actor 'x', alias '(bad': invalid regex",
        ),
        ({"actors": {"x": {"aliases": [{"regex": "a*"}]}}}, "matches the empty string"),
        ({"actors": {"x": {"aliases": [{"regex": "(a)b"}]}}}, "instead of capturing groups"),
        (
            {"actors": {"x": {"aliases": [{"text": "y", "label": "nasty"}]}}},
            "label 'nasty' is not one of",
        ),
        ({"actors": {"x": {"aliases": [{"text": "  "}]}}}, "empty alias text"),
    ],
    ids=[
        "empty",
        "no-aliases",
        "bad-regex",
        "empty-match",
        "capturing-group",
        "bad-label",
        "blank-alias",
    ],
)
def test_config_errors_name_actor_and_alias(config: dict, message: str) -> None:
    with pytest.raises(ActorConfigError, match=re.escape(message)):
        compile_actors(config)


def test_config_hash_changes_with_aliases() -> None:
    a = compile_actors({"actors": {"x": {"aliases": ["Taliban"]}}})
    b = compile_actors({"actors": {"x": {"aliases": ["Taliban", "Mujahideen"]}}})
    assert a.config_hash != b.config_hash
    assert a.config_hash == compile_actors({"actors": {"x": {"aliases": ["Taliban"]}}}).config_hash


@given(
    st.text(alphabet=st.sampled_from(list("US us Taliban regime the resistance .,\n"))) | st.text()
)
def test_mentions_are_in_bounds_ordered_and_deterministic(text: str) -> None:
    found = find_mentions(text, ACTORS)
    end = 0
    for m in found:
        assert end <= m.start < m.end <= len(text)
        assert m.actor in ACTORS.keys
        end = m.end
    assert found == find_mentions(text, ACTORS)


def test_dispatch_equals_plain_alternation_on_seeds_and_synthetic_documents() -> None:
    texts = [seed_text(p) for p in ("000", "001", "002", "003", "004")]
    texts += [d.text for d in generate(60, seed=3)]
    for text in texts:
        assert find_mentions(text, ACTORS) == find_mentions_plain(text, ACTORS)


ALIAS_TEXTS = st.sampled_from(
    [
        "Taliban",
        "the regime",
        "US",
        "u.s.",
        "Émirat",
        "KABUL",
        "-ISIS",
        "ſtate",
        "\u212aabul",  # Kelvin sign: folds onto ASCII 'k' when ignoring case
        "a b",
    ]
)
REGEXES = st.sampled_from(
    [
        r"(?<=\bthe )resistance\b",
        r"[Tt]ali(?:ban|bs)",
        r"(?:US|U\.S\.)",
        r"\w+stan",
        r"[^a-z]x",
        r"(?:Kabul|Kandahar) (?:government|regime)",
        r"é[a-z]+",
        r"\s?NRF",
        r"(?i:state)s?",
    ]
)
ALIASES = st.one_of(
    st.builds(lambda t, cs: {"text": t, "case_sensitive": cs}, ALIAS_TEXTS, st.booleans()),
    st.builds(lambda r, ci: {"regex": ("(?i)" if ci else "") + r}, REGEXES, st.booleans()),
)
NOISE = st.text(alphabet=st.sampled_from(list("TtUuSsKkÉé ſ-.x\n")), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(ALIASES, min_size=1, max_size=6, unique_by=lambda a: str(sorted(a.items()))),
    st.lists(
        st.one_of(
            ALIAS_TEXTS, NOISE, st.sampled_from(["resistance", "Kabul regime", "state", "kabul"])
        )
    ),
)
def test_dispatch_equals_plain_alternation_for_any_aliases(aliases: list, parts: list) -> None:
    actors = compile_actors({"actors": {"x": {"aliases": aliases}}})
    text = " ".join(parts)
    assert find_mentions(text, actors) == find_mentions_plain(text, actors)


def _two(a: object, b: object) -> dict:
    return {"actors": {"taliban": {"aliases": [a]}, "nrf": {"aliases": [b]}}}


@pytest.mark.parametrize(
    "config",
    [
        _two("insurgents", "insurgents"),
        _two("Insurgents", "insurgents"),
        _two({"text": "US", "case_sensitive": True}, "us"),
        _two("pro-government forces", "pro government  forces"),
        _two({"regex": r"\bfront\b"}, {"regex": r"\bfront\b"}),
    ],
    ids=["same", "case", "sensitive-vs-not", "hyphen-and-spaces", "same-regex"],
)
def test_a_name_under_two_actors_is_generic_and_context_decides(config: dict) -> None:
    """The same alias under two actors is never given to whichever comes first in the file:
    it becomes one generic alias with both as candidates (metrics.resolve decides)."""
    actors = compile_actors(config)
    (alias,) = actors._by_group
    assert alias.generic and {actor for actor, _ in alias.candidates} == {"taliban", "nrf"}


@pytest.mark.parametrize(
    "config",
    [
        _two({"regex": r"(?i)insurgents?"}, "Insurgents"),
        _two("Insurgents", {"regex": r"insurgents|rebels"}),
        _two("in\u017furgents", "insurgents"),
    ],
    ids=["regex-matching-a-text", "text-matched-by-a-regex", "case-folding-long-s"],
)
def test_a_name_written_two_ways_under_two_actors_is_a_named_error(config: dict) -> None:
    with pytest.raises(
        ActorConfigError, match=r"listed under two actors, '(taliban|nrf)' .* '(nrf|taliban)'"
    ):
        compile_actors(config)


@pytest.mark.parametrize(
    "config",
    [
        _two({"text": "US", "case_sensitive": True}, {"text": "us", "case_sensitive": True}),
        {"actors": {"x": {"aliases": ["Taliban", {"text": "taliban", "label": "neutral"}]}}},
        _two({"regex": r"(?<=\bthe )resistance"}, "resistance"),
        _two({"regex": r"Insurgents"}, {"text": "insurgents", "case_sensitive": True}),
    ],
    ids=["both-case-sensitive", "one-actor", "regex-only-in-context", "regex-case-differs"],
)
def test_aliases_that_cannot_collide_are_fine(config: dict) -> None:
    compile_actors(config)


def test_alias_errors_name_the_file(tmp_path) -> None:
    from corpus.actors_config import load_actors

    path = tmp_path / "actors.toml"
    path.write_text(
        '[actors.a]\naliases = ["insurgents"]\n'
        '[actors.b]\naliases = [{ regex = "(?i)insurgents?" }]\n'
    )
    with pytest.raises(ActorConfigError, match=re.escape(f"{path}: alias 'insurgents'")):
        load_actors(path)


@pytest.mark.parametrize(
    "exclude, message",
    [
        ("Bill Clinton", "'exclude' must be a list"),
        ([""], "exclude #1: empty text"),
        ([{"regex": "("}], "invalid regex"),
        ([{"regex": "x*"}], "matches the empty string"),
        ([3], "exclude #1: expected a string or a table"),
    ],
    ids=["not-a-list", "empty", "bad-regex", "empty-match", "not-text"],
)
def test_exclude_errors_name_the_actor(exclude: object, message: str) -> None:
    config = {"actors": {"c": {"aliases": ["Clinton"], "exclude": exclude}}}
    with pytest.raises(ActorConfigError, match=re.escape("actor 'c'") + ".*" + re.escape(message)):
        compile_actors(config)


def test_first_names_come_from_the_actors_longer_names() -> None:
    actors = compile_actors(
        {
            "actors": {
                "c": {"name": "Hillary Clinton", "aliases": ["Clinton", "Hillary Rodham Clinton"]},
                "t": {"name": "Taliban", "aliases": ["Taliban", "IEA"]},
            }
        }
    )
    assert dict(actors.actor("c").given_names) == {"clinton": ("hillary", "rodham")}
    assert actors.actor("t").given_names == ()
