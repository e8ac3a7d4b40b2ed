from __future__ import annotations

import pandas as pd
import pytest
import vl_convert as vlc

from dashboard import charts
from dashboard.export import provenance_lines, slug, with_footer
from dashboard.page import highlight

ESTIMATES = pd.DataFrame(
    {"source_type": ["partisan", "wire"], "mean": [-0.3, 0.1], "low": [-0.5, 0.0],
     "high": [-0.1, 0.2], "n_docs": [3, 12], "n_items": [40, 90], "small_sample": [True, False]}
)  # fmt: skip


def test_exported_chart_carries_its_provenance() -> None:
    chart = charts.estimate_bars(ESTIMATES, "source_type", "Tone", ["types: all"], "score").chart()
    lines = provenance_lines("types: all · actors: Taliban", 15, "5 documents in x.duckdb")
    spec = with_footer(chart, lines)
    svg = vlc.vegalite_to_svg(spec)
    assert "types: all · actors: Taliban" in svg
    assert "n = 15 documents" in svg and "sourcebias" in svg
    assert "Fainter bars rest on fewer documents" in svg
    png = vlc.vegalite_to_png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_slug_is_a_safe_file_name() -> None:
    assert slug("../../Tone toward: Taliban!") == "tone-toward-taliban"


def test_highlight_escapes_and_handles_overlaps() -> None:
    text = "<script>x</script> the regime said “we won”"
    html = highlight(text, [(23, 29, "mention-neg"), (35, 41, "quote"), (36, 38, "mention")])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<mark class="mention-neg">regime</mark>' in html
    assert '<mark class="quote mention">we</mark>' in html


@pytest.mark.parametrize(
    "text",
    ["a\r\r# Heading\r**b**", "a\n\n# Heading", "a\r\n\r\n> quote", "a\u2028b\u2029c"],
    ids=["lone-cr", "blank-line", "crlf", "unicode-separators"],
)
def test_highlight_is_one_line_of_html_whatever_the_line_breaks(text: str) -> None:
    """A line ending would end the HTML block and let the rest render as Markdown."""
    out = highlight(text, [(0, 1, "mention")])
    assert not any(ch in out for ch in "\r\n\u2028\u2029")
    assert out.count("<br>") == sum(text.count(c) for c in "\r\n\u2028\u2029") - text.count("\r\n")


def test_highlight_shows_direction_overrides_instead_of_obeying_them() -> None:
    out = highlight("safe \u202etxt.exe", [])
    assert "\u202e" not in out
    assert '<span class="ctl">\\u202e</span>' in out
