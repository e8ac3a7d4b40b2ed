from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.clean import clean, residue_kind
from tests.conftest import seed_text


@pytest.mark.parametrize(
    "line, kind",
    [
        ("", None),
        ("[ad_1]", "ad marker"),
        ("[ad_2]", "ad marker"),
        ("Source link", "source link"),
        ("Exit mobile version", "page template"),
        (
            "Afghan security officers sleep next to a vehicle at a base in Kandahar. Photo: AP",
            "photo caption",
        ),
        ("An image of Lashkar Gah. Photo: EFE", "photo caption"),
        ("Advertisement", "advertisement"),
        ("Share this article", "share/follow prompt"),
        ("Read more: Taliban take Kunduz", "read-more link"),
        (".", "stray punctuation"),
        ("The Taliban took Kunduz.", None),
        ("The photo: a crowd at the airport, taken on Monday by residents who fled.", None),
        ("Source: Reuters reported that the Taliban advanced.", None),
    ],
)
def test_residue_kind(line: str, kind: str | None) -> None:
    assert residue_kind(line) == kind


@pytest.mark.parametrize(
    "prefix, kinds",
    [
        ("000", []),
        ("001", []),
        ("002", ["page template"]),
        ("003", ["source link"]),
        (
            "004",
            [
                "ad marker",
                "photo caption",
                "photo caption",
                "photo caption",
                "photo caption",
                "photo caption",
                "stray punctuation",
                "ad marker",
                "source link",
            ],
        ),
    ],
)
def test_seed_residue(prefix: str, kinds: list[str]) -> None:
    result = clean(seed_text(prefix))
    assert [r.kind for r in result.removals] == kinds


def test_inline_ad_marker_is_masked_not_the_sentence() -> None:
    result = clean("[ad_1] The Taliban advanced.\nSecond line.")
    assert result.masked.strip().startswith("The Taliban advanced.")
    assert [r.text for r in result.removals] == ["[ad_1]"]


def test_offsets_point_into_the_original() -> None:
    text = "Title\r\n[ad_1]\r\nBody text here.\r\nSource link\r\n"
    result = clean(text)
    for r in result.removals:
        assert text[r.start : r.end] == r.text
    assert "Source link" not in result.clean_text
    assert "Body text here." in result.clean_text


@given(st.text())
def test_masking_keeps_length_and_only_blanks_residue(text: str) -> None:
    result = clean(text)
    assert len(result.masked) == len(text)
    for a, b in zip(text, result.masked, strict=True):
        assert a == b or b == " "
    for removal in result.removals:
        assert text[removal.start : removal.end] == removal.text


LINES = st.one_of(
    st.sampled_from(["[ad_1]", "Source link", "Kabul fell.", "", "x Photo: AP", "We said no."]),
    st.text(
        alphabet=st.characters(
            blacklist_categories=["Cs"],
            blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
        )
    ),
)


@given(st.lists(LINES, min_size=1, max_size=12))
def test_never_removes_a_line_without_a_residue_marker(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean(text)
    for removal in result.removals:
        assert residue_kind(removal.text) is not None or removal.kind == "ad marker"
    kept = result.masked.split("\n")
    for original, masked in zip(lines, kept, strict=True):
        if residue_kind(original) is None and "[ad_" not in original.lower():
            assert masked == original
