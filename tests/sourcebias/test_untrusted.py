"""Corpus strings shown or exported: never markup, never a formula, always one visible line."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sourcebias.untrusted import (
    csv_bytes,
    csv_cell,
    markdown_literal,
    rich_literal,
    visible,
    visible_frame,
)

HOSTILE = {
    "image": "X ![s](http://127.0.0.1:9/s.png)",
    "link": "[click](http://127.0.0.1:9/l)",
    "heading": "# HEADING",
    "emphasis": "**b** _i_ `code`",
    "latex": "$t^2$ and $$x$$",
    "html": '<img src="http://127.0.0.1:9/i.png"><b>b</b>',
    "directive": ":red[red] :material/home:",
    "list": "1. one",
    "quote": "> quoted",
    "table": "| a | b |",
    "carriage return": "a\r\r# after",
    "newline": "a\n\n## second",
    "override": "abc\u202edef",
}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ""),
        ("plain words", "plain words"),
        ("line\nbreak", "line\\nbreak"),
        ("a\r\nb\tc", "a\\r\\nb\\tc"),
        ("rtl \u202eabc", "rtl \\u202eabc"),
        ("isolate \u2066x\u2069", "isolate \\u2066x\\u2069"),
        ("separator\u2028x", "separator\\u2028x"),
        ("esc \x1b[31m", "esc \\u001b[31m"),
        ("Persian half-space می\u200cخواهم", "Persian half-space می\u200cخواهم"),
        (None, ""),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_visible_shows_controls_as_escapes(text: str | None, expected: str) -> None:
    assert visible(text) == expected


@pytest.mark.parametrize("name", list(HOSTILE))
def test_markdown_literal_renders_as_plain_text(name: str) -> None:
    """CommonMark (Streamlit's own dialect is a superset) makes one paragraph of plain text
    from it, with no tag but <p>."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown_literal(HOSTILE[name]))
    tags = set(re.findall(r"<(\w+)", rendered))
    assert tags == {"p"}, rendered


@pytest.mark.parametrize(
    "text",
    ["see http://127.0.0.1:9/x", "www.example.com", "mail me@example.org", "HTTPS://X.Y"],
)
def test_markdown_literal_breaks_autolinks(text: str) -> None:
    """GFM links bare URLs after escapes are resolved: the word joiner must break them."""
    out = markdown_literal(text)
    assert "\u2060" in out
    assert out.replace("\u2060", "").replace("\\", "") == text


@given(st.text())
def test_markdown_literal_keeps_the_words(text: str) -> None:
    out = markdown_literal(text)
    assert "\n" not in out and "\r" not in out
    assert out.replace("\u2060", "").replace("\\", "") == visible(text).replace("\\", "")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[/bold] x", "\\[/bold] x"),
        ("[red]alert[/red]", "\\[red]alert\\[/red]"),
        ("name\nsecond line", "name\\nsecond line"),
    ],
)
def test_rich_literal(text: str, expected: str) -> None:
    assert rich_literal(text) == expected


@given(st.text())
def test_rich_literal_never_breaks_markup(text: str) -> None:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=10_000, color_system=None, emoji=False)
    console.print(f"[bold]{rich_literal(text)}[/bold]", highlight=False)
    shown = console.file.getvalue().replace("\u2060", "")  # joiners after backslashes
    assert shown.rstrip() == visible(text).replace("\u2060", "").rstrip()


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Al-Emarah", "Al-Emarah"),
        ("", ""),
        (-0.5, -0.5),
        (3, 3),
        (None, None),
    ],
)
def test_csv_cell_neutralises_formulas(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


def test_csv_bytes_neutralises_text_and_keeps_numbers() -> None:
    frame = pd.DataFrame(
        {"title": ["=cmd|' /C calc'!A0", "fine"], "source": ["@x", "-y"], "score": [-0.5, 1.0]}
    )
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)))
    assert back["title"].tolist() == ["'=cmd|' /C calc'!A0", "fine"]
    assert back["source"].tolist() == ["'@x", "'-y"]
    assert back["score"].tolist() == [-0.5, 1.0]


def test_visible_frame_changes_only_text_cells() -> None:
    frame = pd.DataFrame({"source": ["a\u202eb", None], "n": [1, 2]})
    out = visible_frame(frame)
    assert out["source"][0] == "a\\u202eb" and pd.isna(out["source"][1])
    assert out["n"].tolist() == [1, 2]
    assert frame["source"][0] == "a\u202eb"  # the input is left as it was
