"""Near-duplicate fingerprints: copies and light edits are reprints, other reports on the
same topic are not; the estimates behave as measures should."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.reprints import (
    Member,
    canonical,
    containment,
    families,
    fingerprint,
    is_reprint,
    jaccard,
    reprints_among,
    shingles,
)
from tests.conftest import seed_text

WIRE = seed_text("004")
OTHER_WIRE = seed_text("003")


def _trim(text: str, share: float) -> str:
    words = text.split(" ")
    return " ".join(words[: int(len(words) * share)])


@pytest.mark.parametrize(
    "name, copy, expected",
    [
        ("identical", WIRE, True),
        ("changed spacing", "  " + WIRE.replace(". ", ".   ").replace("\n", "\n\n") + "  ", True),
        ("changed case", WIRE.upper(), True),
        ("new boilerplate", "REPRINTED FROM THE WIRES\n\n" + WIRE + "\n\nSubscribe now!", True),
        ("trimmed to 60%", _trim(WIRE, 0.6), True),
        ("trimmed to 30%", _trim(WIRE, 0.3), True),
        ("light rewording", WIRE.replace(" said", " stated").replace("Taliban", "Taleban"), True),
        ("another wire report on the same war", OTHER_WIRE, False),
        ("a partisan text on the same war", seed_text("001"), False),
        ("too short to tell", "The Taliban took the city.", False),
    ],
)
def test_reprints_and_not(name: str, copy: str, expected: bool) -> None:
    assert is_reprint(fingerprint(WIRE), fingerprint(copy)) is expected, name


@pytest.mark.parametrize(
    "members, expected",
    [
        ([Member("b", "2021-08-02", 100), Member("a", "2021-08-03", 900)], "b"),  # earliest
        ([Member("b", None, 100), Member("a", "2021-08-03", 90)], "a"),  # dated over undated
        ([Member("b", None, 100), Member("a", None, 900)], "a"),  # else the longest
        ([Member("b", "2021-08-02", 500), Member("a", "2021-08-02", 500)], "a"),  # then the id
    ],
)
def test_the_canonical_member_is_the_earliest_else_the_longest(members, expected) -> None:
    assert canonical(members) == expected


def test_a_copy_of_a_copy_is_one_family() -> None:
    assert families([("a", "b"), ("c", "b"), ("x", "y")]) == [{"a", "b", "c"}, {"x", "y"}]
    assert families([]) == []


TEXTS = st.text(alphabet=st.sampled_from("abc xyz.\n"), max_size=400)


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_estimates_are_bounded_symmetric_and_deterministic(a: str, b: str) -> None:
    fa, fb = fingerprint(a), fingerprint(b)
    assert 0.0 <= jaccard(fa, fb) <= 1.0 and 0.0 <= containment(fa, fb) <= 1.0
    assert jaccard(fa, fb) == jaccard(fb, fa) and containment(fa, fb) == containment(fb, fa)
    assert (fingerprint(a).hashes == fa.hashes).all()
    assert fa.n_shingles == len(shingles(a))
    if fa.n_shingles >= 20:
        assert is_reprint(fa, fingerprint(a))
    # the batch form answers as the pairwise one
    assert reprints_among(fa, [fb, fa]).tolist() == [is_reprint(fa, fb), is_reprint(fa, fa)]
