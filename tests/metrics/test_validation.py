"""Validation on the analyst's own corpus: the sample is reproducible and spread over the
strata, accuracy per group has honest intervals, and a difference in error rates between
groups large enough to move a gap is flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.validation import (
    WRONG_ACTOR,
    accuracy_by_group,
    agreement,
    error_gaps,
    macro_f1,
    stratified_sample,
    wilson,
)

ITEMS = [(f"p{i}", "partisan", "taliban") for i in range(30)] + [
    (f"w{i}-{actor}", "wire", actor) for i in range(10) for actor in ("taliban", "us")
]


def test_sample_is_reproducible_spread_and_extends() -> None:
    first = stratified_sample(ITEMS, 12, seed=3)
    assert first == stratified_sample(list(reversed(ITEMS)), 12, seed=3)
    assert len(first) == len(set(first)) == 12
    by = {"p": 0, "w-taliban": 0, "w-us": 0}
    lookup = {k: (g, a) for k, g, a in ITEMS}
    for k in first:
        g, a = lookup[k]
        by["p" if g == "partisan" else f"w-{a}"] += 1
    assert by == {"p": 4, "w-taliban": 4, "w-us": 4}
    assert stratified_sample(ITEMS, 20, seed=3)[:12] == first  # more extends, never reshuffles
    assert stratified_sample(ITEMS, 12, seed=4) != first


TRIPLES = st.tuples(st.text(max_size=3), st.sampled_from("ab"), st.sampled_from("xy"))


@given(st.lists(TRIPLES, unique_by=lambda t: t[0], max_size=40), st.integers(0, 50),
       st.integers(0, 9))  # fmt: skip
def test_sample_size_and_membership(items, n: int, seed: int) -> None:
    sample = stratified_sample(items, n, seed)
    assert len(sample) == min(n, len(items))
    assert set(sample) <= {k for k, _, _ in items}


@pytest.mark.parametrize(
    ("hits", "n", "low", "high"),
    [(0, 0, None, None), (8, 10, 0.4902, 0.9433), (0, 5, 0.0, 0.4345), (5, 5, 0.5655, 1.0)],
    ids=["empty", "eight-of-ten", "none-right", "all-right"],
)
def test_wilson_by_hand(hits: int, n: int, low: float | None, high: float | None) -> None:
    got = wilson(hits, n)
    if low is None:
        assert got is None
    else:
        assert got == pytest.approx((low, high), abs=1e-4)


@given(st.integers(0, 200), st.integers(1, 200))
def test_wilson_holds_the_proportion(hits: int, n: int) -> None:
    hits = min(hits, n)
    low, high = wilson(hits, n)
    assert 0 <= low <= hits / n <= high <= 1


def test_accuracy_by_group_by_hand() -> None:
    labelled = [
        ("partisan", "negative", "negative"), ("partisan", "negative", "neutral"),
        ("partisan", "positive", "positive"), ("partisan", WRONG_ACTOR, "negative"),
        ("wire", "neutral", "neutral"), ("wire", "negative", "negative"),
    ]  # fmt: skip
    partisan, wire = accuracy_by_group(labelled)
    assert (partisan.group, partisan.n, partisan.correct, partisan.wrong_actor) == (
        "partisan",
        3,
        2,
        1,
    )
    assert partisan.accuracy == pytest.approx(2 / 3)
    # F1: negative 2/3, neutral 0, positive 1 -> mean 5/9
    assert partisan.macro_f1 == pytest.approx(5 / 9)
    assert ("negative", "neutral", 1) in partisan.confusion
    assert sum(c for _, _, c in partisan.confusion) == partisan.n
    assert (wire.accuracy, wire.macro_f1) == (1.0, 1.0)


def test_a_large_difference_in_error_rates_is_flagged() -> None:
    good = [("wire", "negative", "negative")] * 45 + [("wire", "negative", "neutral")] * 5
    bad = [("partisan", "negative", "negative")] * 25 + [("partisan", "neutral", "negative")] * 25
    (gap,) = error_gaps(accuracy_by_group(good + bad))
    assert (gap.a, gap.b) == ("partisan", "wire")
    assert gap.difference == pytest.approx(0.5 - 0.1)
    assert gap.low > 0 and gap.flagged
    (small,) = error_gaps(accuracy_by_group(good[:10] + bad[:9] + bad[-1:]))
    assert not small.flagged  # 10 items each: the interval holds zero


def test_macro_f1_of_a_perfect_model() -> None:
    assert macro_f1([("negative", "negative"), ("positive", "positive")]) == 1.0


def test_agreement_of_two_analysts() -> None:
    first = {"a": "negative", "b": "neutral", "c": "positive", "d": "negative"}
    second = {"a": "negative", "b": "neutral", "c": "negative", "e": "neutral"}
    got = agreement(first, second)
    assert (got.n, got.identical) == (3, 2)
    assert got.disagreements == (("c", "positive", "negative"),)
    assert got.alpha is not None and got.alpha < 1
    assert agreement(first, first).alpha == pytest.approx(1.0)
    assert agreement({}, second).alpha is None
    # one label on the items in common (others elsewhere): agreement total, alpha undefined
    one = agreement({"a": "negative", "x": "positive"}, {"a": "negative", "y": "neutral"})
    assert (one.n, one.identical, one.alpha) == (1, 1, None)
