from __future__ import annotations

import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.large_doc import document
from compute.analyse import analyse_text
from compute.model import load_model
from corpus.actors_config import load_actors
from metrics.document import DocumentAnalysis, analyze_document, mask
from tests.conftest import seed_text

ACTORS = load_actors()
MODEL = load_model()


def test_offsets_index_the_text_as_given() -> None:
    text = seed_text("004")
    a = analyse_text(text, ACTORS)
    for m in a.mentions:
        assert (
            text[m.start : m.end].lower().replace("-", " ")[:3]
            == m.alias.lower().replace("-", " ")[:3]
        )
    assert all(text[s.start : s.end].strip() for s in a.sentences)


def test_residue_is_not_analysed() -> None:
    text = "[ad_1]\nThe Taliban took Kabul.\nTaliban fighters. Photo: AP\n"
    a = analyse_text(text, ACTORS)
    assert [text[m.start : m.end] for m in a.mentions] == ["Taliban"]


def test_quoted_mentions_carry_the_quoted_voice() -> None:
    text = "“The regime has collapsed,” said Zabihullah Mujahid. The government denied it."
    voices = {
        (text[m.start : m.end], m.voice) for m in analyze_document(text, ACTORS, (), MODEL).mentions
    }
    assert ("regime", "quoted") in voices and ("government", "author") in voices


def test_empty_document() -> None:
    a = analyze_document("", ACTORS, (), MODEL)
    assert (a.n_words, a.mentions, a.attributions) == (0, (), ())
    assert a.readability.flesch_reading_ease is None


def test_mask_keeps_length() -> None:
    assert mask("ab\ncd", [(0, 4)]) == "  \n d"


@settings(max_examples=40, deadline=None)
@given(st.text())
def test_analysis_never_raises(text: str) -> None:
    a = analyze_document(text, ACTORS, (), MODEL)
    assert all(0 <= m.start < m.end <= len(text) for m in a.mentions)
    assert all(-1 <= m.score <= 1 for m in a.mentions)


def _analyse_within(text: str, seconds: int, what: str) -> DocumentAnalysis:
    """A hang guard, not a speed target (bench.large_doc measures): analyse `text`, failing
    with a clear message if it takes over `seconds` (quadratic steps take minutes)."""

    def stuck(*_: object) -> None:
        raise TimeoutError(f"{what} took over {seconds} s: some step is not linear")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        return analyse_text(text, ACTORS)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_two_megabyte_paragraph_is_analysed_in_linear_time() -> None:
    """Quadratic scans took minutes on such a document (4.9 MB: over 300 s and 3.8 GB)."""
    text = document(2_000_000, single_line=True)
    analysis = _analyse_within(text, 120, "a 2 MB paragraph")
    assert len(analysis.mentions) > 10_000 and len(analysis.attributions) > 1_000


# A statement in an organisation's own voice between quotations: every "we" outside them
# was once checked against every quotation (emotive's first-person plural count).
WE_VOICE = "“Our work here is done,” he said. We, all of us, kept our word as we said we would. "


def test_a_paragraph_of_quotes_and_we_voice_is_analysed_in_linear_time() -> None:
    n = 2_000_000 // len(WE_VOICE)
    analysis = _analyse_within(WE_VOICE * n, 120, "a 2 MB paragraph of quotes and 'we'")
    assert sum(a.kind == "direct" for a in analysis.attributions) == n
    assert analysis.emotive.first_plural_per_1000 == pytest.approx(5 * 1000 / 19)


# Generic and shared names resolved from their neighbours, and transcript turns: each
# mention once looked back over all those before it would be quadratic.
GENERIC = "The Taliban and ISIS fought; the group and the militants, insurgents and the regime "
TURNS = "TALIBAN: the group spoke of the government.\nISIS: the militants said so.\n"


@pytest.mark.parametrize("unit", [GENERIC, TURNS], ids=["one-paragraph", "transcript"])
def test_resolution_and_roles_are_linear(unit: str) -> None:
    n = 1_000_000 // len(unit)
    analysis = _analyse_within(unit * n, 120, "a 1 MB document of generic names")
    assert sum(m.resolution == "context" for m in analysis.mentions) >= 2 * n
