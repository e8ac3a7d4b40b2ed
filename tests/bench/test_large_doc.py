"""bench.large_doc builds documents of the asked size and reports every figure."""

from __future__ import annotations

import pytest

from bench.large_doc import document, one_case


@pytest.mark.parametrize("single_line", [True, False])
def test_document_has_the_size_and_layout(single_line: bool) -> None:
    text = document(30_000, single_line)
    assert len(text) == 30_000
    assert ("\n" in text) is not single_line


def test_one_case_reports_time_and_memory() -> None:
    r = one_case(30_000, single_line=True)
    assert r is not None
    assert r["chars"] == 30_000 and r["seconds"] > 0 and r["peak_mib"] > 50
    assert r["mentions"] > 0 and r["attributions"] > 0
