from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.clean import clean
from corpus.metadata import parse_date, read_metadata
from tests.conftest import seed_text


@pytest.mark.parametrize(
    "prefix, date, title, author, signature",
    [
        (
            "000",
            dt.date(2021, 7, 28),
            "Insight into the recent advancements on the ground",
            "Muhammad Jalal",
            None,
        ),
        (
            "001",
            dt.date(2022, 11, 27),
            "Killing innocent civilians and harming the peace process",
            None,
            None,
        ),
        (
            "002",
            None,
            "ISIS and the Resistance (NRF) within the Circles of Siege",
            "Ali Ansar",
            "Abu Ahmad",
        ),
        ("003", None, "Afghanistan Update", None, None),
        ("004", None, None, None, None),
    ],
)
def test_seed_metadata(prefix, date, title, author, signature) -> None:
    meta = read_metadata(clean(seed_text(prefix)).masked)
    assert (meta.date, meta.title, meta.author, meta.signature) == (date, title, author, signature)


@pytest.mark.parametrize(
    "text, date, author",
    [
        ("", None, None),
        ("July 28, 2021\n\nHeadline here\n\nBody.", dt.date(2021, 7, 28), None),
        ("28 July 2021\nHeadline\nBy Jane Roe\nBody text.", dt.date(2021, 7, 28), "Jane Roe"),
        ("2021-07-28\nHeadline\nby: Muhammad Jalal\nBody.", dt.date(2021, 7, 28), "Muhammad Jalal"),
        ("Monday, August 16, 2021\nHeadline\nBody.", dt.date(2021, 8, 16), None),
        ("In July 28, 2021 fighting began.\nMore.", None, None),
        ("Julember 45, 2021\nHeadline\nBody.", None, None),
        ("Headline\nBody of text.\nBody again.\nJohn Smith", None, "John Smith"),
    ],
    ids=[
        "empty",
        "date",
        "date-dmy-byline",
        "iso-byline",
        "weekday",
        "date-in-sentence",
        "bad-date",
        "signature",
    ],
)
def test_metadata_table(text: str, date: dt.date | None, author: str | None) -> None:
    meta = read_metadata(text)
    assert meta.date == date
    assert meta.author == author


@pytest.mark.parametrize(
    "value, expected",
    [("", None), ("not a date", None), ("2021-02-30", None), ("July 4, 2021", dt.date(2021, 7, 4))],
)
def test_parse_date_never_guesses(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@given(st.text())
def test_read_metadata_never_raises(text: str) -> None:
    meta = read_metadata(text)
    if meta.date_line is not None:
        assert meta.date is not None
