"""Stories: accounts of one event are grouped, accounts of other events are not, dates
bound the grouping, and the pairwise scores match a hand count."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.story_set import generate
from metrics.stories import StoryDoc, pairwise_scores, story_groups

D = dt.date(2022, 3, 1)
FLOOD = "Floods swept through Darzab, destroying 40 homes, Farid Noori said on Monday."
FLOOD_2 = "In Darzab, Farid Noori reported that 40 homes were destroyed by floods."
TALKS = "Delegations met in Shindand to discuss a ceasefire, Hamid Safi said on Friday."


def test_two_accounts_of_one_event_form_a_story_and_another_event_does_not() -> None:
    docs = [StoryDoc("a", D, FLOOD), StoryDoc("b", D, FLOOD_2), StoryDoc("c", D, TALKS)]
    assert story_groups(docs, threshold=0.2) == [["a", "b"]]


@pytest.mark.parametrize(
    "b_date, window, joined",
    [
        (D + dt.timedelta(days=2), 3, True),
        (D + dt.timedelta(days=10), 3, False),
        (D + dt.timedelta(days=10), 14, True),
        (None, 3, True),  # undated: matched on text alone
    ],
)
def test_the_date_window_bounds_a_story(b_date, window: int, joined: bool) -> None:
    docs = [StoryDoc("a", D, FLOOD), StoryDoc("b", b_date, FLOOD_2)]
    assert (story_groups(docs, 0.2, window) == [["a", "b"]]) is joined


def test_pairwise_scores_by_hand() -> None:
    truth = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    # predicted {a, b} {c, d}: pairs ab (right), cd (wrong); true pairs ab ac bc de
    p, r, f = pairwise_scores([["a", "b"], ["c", "d"]], truth, list(truth))
    assert (p, r) == (0.5, 0.25) and f == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_the_generated_set_is_grouped_well_at_the_default_threshold() -> None:
    docs = [d for d in generate(40, seed=5) if d.original is None]
    groups = story_groups([StoryDoc(d.name, d.date, d.text) for d in docs])
    _, _, f1 = pairwise_scores(groups, {d.name: d.event for d in docs}, [d.name for d in docs])
    assert f1 >= 0.8


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abcdef gh."), max_size=60), max_size=8))
def test_stories_never_share_a_document(texts: list[str]) -> None:
    docs = [StoryDoc(str(i), D, t) for i, t in enumerate(texts)]
    groups = story_groups(docs, 0.3)
    seen = [d for g in groups for d in g]
    assert len(seen) == len(set(seen)) and all(len(g) >= 2 for g in groups)
