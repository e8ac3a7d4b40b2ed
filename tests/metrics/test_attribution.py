from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from corpus.clean import clean
from metrics.attribution import find_attributions, find_quotes, source_type, stance, summarise
from metrics.segment import Span
from tests import samples
from tests.conftest import seed_text


def rows(text: str) -> list[tuple[str, str, str | None, str, str]]:
    return [(a.kind, a.cue, a.speaker, a.source_type, a.stance) for a in find_attributions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (samples.EMPTY, []),
        (samples.MULTI_QUOTE, [("direct", "said", "Asfandia Mir", "named", "neutral")]),
        (samples.STRAIGHT, [("direct", "said", "Officials", "anonymous", "neutral")]),
        (
            "Analysts say that this offensive may fail.",
            [("indirect", "say", "Analysts", "anonymous", "neutral")],
        ),
        (
            "The ministry claimed that the attack was foiled.",
            [("indirect", "claimed", "The ministry", "institutional", "loaded")],
        ),
        (
            "The city fell, according to reports.",
            [("according-to", "according to", "reports", "document", "neutral")],
        ),
        ("There are already reports of soldiers being dragged through villages.", []),
        ("They were treated according to the teachings of Islam.", []),
        ("The United States withdrew its troops.", []),
    ],
    ids=[
        "empty",
        "multi-sentence-quote",
        "straight-quotes",
        "analysts-say",
        "loaded-verb",
        "according-to",
        "reports-as-noun",
        "according-to-teachings",
        "States-is-not-a-verb",
    ],
)
def test_attribution_table(text: str, expected: list) -> None:
    assert rows(text) == expected


def test_seed_004_attributions() -> None:
    text = clean(seed_text("004")).masked
    found = find_attributions(text)
    by_cue: dict[tuple[str, str | None], object] = {}
    for a in found:
        by_cue.setdefault((a.kind, a.speaker), a)
    mujahid = by_cue[("direct", "Mujahid")]
    assert (mujahid.cue, mujahid.source_type) == ("said", "named")
    assert text[mujahid.content_span[0] : mujahid.content_span[1]].startswith(
        "Our militiamen can use American tanks"
    )
    wiretaps = by_cue[("according-to", "wiretaps by British intelligence services")]
    assert wiretaps.source_type == "document"
    assert text[wiretaps.speaker_span[0] : wiretaps.speaker_span[1]] == wiretaps.speaker
    warned = [a for a in found if a.cue == "warned"]
    assert warned and warned[0].stance == "loaded" and warned[0].source_type == "named"


def test_seed_003_analysts_say() -> None:
    found = find_attributions(clean(seed_text("003")).masked)
    analysts = [a for a in found if a.speaker == "Analysts"]
    assert [(a.cue, a.source_type, a.stance) for a in analysts] == [
        ("say", "anonymous", "neutral"),
        ("pointed out", "anonymous", "loaded"),
    ]


def test_unbalanced_quote_stops_at_its_paragraph() -> None:
    quotes = find_quotes(samples.UNBALANCED)
    assert len(quotes) == 1 and not quotes[0].balanced
    assert (
        samples.UNBALANCED[quotes[0].start : quotes[0].end]
        == "“this quote never closes. It goes on."
    )


def test_pronoun_takes_the_last_named_speaker() -> None:
    text = (
        "“We will fight on to the very end,” said Ahmad Massoud. “We have many men here,” he said."
    )
    found = find_attributions(text)
    assert [a.who for a in found] == ["Ahmad Massoud", "Ahmad Massoud"]
    assert {a.source_type for a in found} == {"named"}


@pytest.mark.parametrize(
    "speaker, kind",
    [
        (None, "unresolved"),
        ("he", "unresolved"),
        ("Taliban spokesman Zabiullah Mujahid", "named"),
        ("the Ministry of Interior", "institutional"),
        ("A U.S. defense official", "anonymous"),
        ("residents", "anonymous"),
        ("the spokesman of the Islamic Emirate, Zabiullah Mujahid", "named"),
        ("British Secretary of Defense Ben Wallace", "named"),
        ("Gulbuddin, another resident of Puli Alam", "named"),
        ("Islamic State", "institutional"),
        ("The United States", "institutional"),
        ("Taliban officials", "anonymous"),
        ("Several of his former ministers", "anonymous"),
        ("A Foreign Office spokeswoman", "institutional"),
        ("the report", "document"),
        ("a statement from the ministry", "document"),
        ("RAKHIMOVA", "named"),
    ],
)
def test_source_type(speaker: str | None, kind: str) -> None:
    assert source_type(speaker) == kind


@pytest.mark.parametrize(
    "verb, expected",
    [
        ("said", "neutral"),
        ("claimed", "loaded"),
        ("insisted", "loaded"),
        ("admitted", "loaded"),
        ("announced", "neutral"),
    ],
)
def test_stance(verb: str, expected: str) -> None:
    assert stance(verb) == expected


def test_summary_density_and_share() -> None:
    text = samples.MULTI_QUOTE
    summary = summarise(text, find_attributions(text))
    assert summary.n_attributions == 1
    assert summary.per_1000_words == pytest.approx(1000 / summary.n_words)
    assert 0 < summary.quoted_word_share < 1
    assert summarise("", ()).per_1000_words is None


PIECES = st.sampled_from([*'ab “”"\n.,', "said ", "He ", "according to ", "Officials ", "claimed "])


@example("according to said .")  # once gave a content span ending before it began
@given(st.lists(PIECES, max_size=30).map("".join) | st.text())
def test_attributions_never_raise_and_stay_in_bounds(text: str) -> None:
    found = find_attributions(text)
    for a in found:
        for span in (a.cue_span, a.content_span, a.speaker_span):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(text)
    assert found == find_attributions(text)
    summary = summarise(text, found)
    assert summary.quoted_word_share is None or 0 <= summary.quoted_word_share <= 1


# The long-document fast paths against the straightforward code they replaced.

_PIECES = st.sampled_from(
    ["said", "told", "added", "claimed", "Mujahid", "The spokesman", "officials", " ", "  ",
     ", ", ":", ".", "has", "“", "”", '"', "\n", "Kabul", "according to", "x", "A"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@given(_TEXTS, st.data())
def test_speaker_before_equals_searching_the_whole_line(text: str, data: st.DataObject) -> None:
    from metrics.attribution import _SPEAKER_BEFORE, _speaker_before

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    fast = _speaker_before(text, lo, hi)
    plain = _SPEAKER_BEFORE.search(text[lo:hi])
    assert (fast and (fast.start() - lo, fast.group())) == (
        plain and (plain.start(), plain.group())
    )


@given(_TEXTS, st.sampled_from(["x ", "Officials, ", "said that "]))
def test_subject_depends_only_on_a_bounded_window(text: str, filler: str) -> None:
    """`_subject` reads at most SUBJECT_WINDOW characters back, so many verbs in a long
    sentence stay linear: whatever lies further back, the answer is the same."""
    from metrics.attribution import SUBJECT_WINDOW, _subject

    one = "a " * SUBJECT_WINDOW  # longer than the window
    two = filler * SUBJECT_WINDOW + one
    shift = len(two) - len(one)
    for v in range(len(text) + 1):
        x, y = _subject(one + text, len(one) + v), _subject(two + text, len(two) + v)
        if x is None or y is None:
            assert x is None and y is None
            continue
        assert (y.kind, y.boundary, y.boundary_at - shift) == (x.kind, x.boundary, x.boundary_at)
        if x.span:
            assert (y.span[0] - shift, y.span[1] - shift) == x.span


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60)), max_size=30),
    st.lists(st.integers(0, 400), max_size=40),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=5),
)
def test_covered_spans_answer_like_a_scan(spans, queries, added) -> None:
    from metrics.attribution import _Covered

    spans = [(a, a + n) for a, n in spans]
    cover = _Covered(spans)
    every = list(spans)
    for i, x in enumerate(sorted(queries)):
        if i < len(added):
            a, n = added[i]
            cover.add(a, a + n)
            every.append((a, a + n))
        assert cover.holds(x) == any(a <= x < b for a, b in every)


@given(st.lists(st.integers(1, 30), max_size=20), st.integers(0, 400))
def test_sentence_index_equals_the_scan(lengths: list[int], offset: int) -> None:
    from metrics.attribution import _sentence_index

    spans, pos = [], 0
    for n in lengths:
        spans.append(Span(pos, pos + n))
        pos += n + 2
    spans = tuple(spans)
    inside = [i for i, s in enumerate(spans) if s.start <= offset < s.end]
    before = [i for i, s in enumerate(spans) if s.start <= offset]
    expected = inside[0] if inside else (before[-1] if before else 0)
    assert _sentence_index(spans, offset) == expected


# The forms a careful reader finds (issue 15's patterns), as (name, text, cue, speaker, source
# type, content): each must give exactly one attribution with that cue.
FORMS = [
    ("appositive", "Jane Roe, director of speechwriting, wrote that the draft was late.",
     "wrote", "Jane Roe, director of speechwriting", "named", "the draft was late"),
    ("appositive-relative",
     "A senior official, who spoke on condition of anonymity, said the road was closed.",
     "said", "A senior official, who spoke on condition of anonymity", "anonymous",
     "the road was closed"),
    ("inverted", "The talks will resume next week, said the aide.", "said", "the aide",
     "anonymous", "The talks will resume next week"),
    ("people-of-a-place", "Residents of the neighbourhood said they heard two explosions.",
     "said", "Residents of the neighbourhood", "anonymous", "they heard two explosions"),
    ("groups", "Several international aid groups said they were pausing programmes.", "said",
     "Several international aid groups", "anonymous", "they were pausing programmes"),
    ("document", "A poll found that most voters backed the deal.", "found", "A poll",
     "document", "most voters backed the deal"),
    ("place-speaks", "Islamabad has long accused the Taliban of sheltering fighters.",
     "accused", "Islamabad", "institutional", "the Taliban of sheltering fighters"),
    ("told-reporters", "The minister told reporters that the border would reopen.", "told",
     "The minister", "institutional", "reporters that the border would reopen"),
    ("parenthetical", "Aid, the delegation said, should not be a lever.", "said",
     "the delegation", "institutional", "Aid, the delegation said, should not be a lever"),
    ("according-to-inside", "In the battle, according to field reports, nineteen fighters died.",
     "according to", "field reports", "document", "nineteen fighters died"),
    ("called-on", "The UN mission condemned the bombing and called on the authorities to act.",
     "called on", "The UN mission", "institutional", "the authorities to act"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "cue", "speaker", "kind", "content"), FORMS,
                         ids=[f[0] for f in FORMS])  # fmt: skip
def test_attribution_forms(
    name: str, text: str, cue: str, speaker: str, kind: str, content: str
) -> None:
    found = [a for a in find_attributions(text) if a.cue == cue]
    assert len(found) == 1
    a = found[0]
    assert (a.speaker, a.source_type) == (speaker, kind)
    assert text[a.content_span[0] : a.content_span[1]] == content


NOT_ATTRIBUTIONS = [
    ("negated", "Taliban officials did not confirm who was killed."),
    ("noun-after-for", "His office did not respond to requests for comment."),
    ("noun-after-determiner", "The ministry denied the claims."),
    ("infinitive", "Nobody will be allowed to threaten the security of others."),
    ("own-voice", "We call on the United Nations to investigate these murders."),
    ("copula", "There are reports of fighting in the north."),
    ("editors-note", "Editor's note: “This story has been updated with new figures.”"),
    ("object-not-clause", "The enemies of Afghanistan continue their propaganda."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text"), NOT_ATTRIBUTIONS, ids=[n for n, _ in NOT_ATTRIBUTIONS])
def test_not_attributions(name: str, text: str) -> None:
    assert [a for a in find_attributions(text) if a.cue != "quotation"] == []


def test_a_split_quote_is_one_attribution() -> None:
    text = (
        "“We did not seek this fight and we will not heighten it,” he added. "
        "“But nobody should doubt our resolve.”"
    )
    found = find_attributions(text)
    assert len(found) == 1
    a = found[0]
    assert text[a.content_span[0] : a.content_span[1]].startswith("We did not seek")
    assert text[a.content_span[0] : a.content_span[1]].endswith("doubt our resolve.")


def test_a_continued_quote_keeps_its_speaker() -> None:
    text = (
        "“The crossing will stay closed until the attacks stop,” said Zabiullah Mujahid, "
        "the Taliban spokesman, on Tuesday in a long statement to reporters in Kabul after "
        "the weekly cabinet meeting.\n\n“We have told Islamabad this many times before.”"
    )
    found = find_attributions(text)
    assert [a.who for a in found] == ["Zabiullah Mujahid", "Zabiullah Mujahid"]
    assert {a.source_type for a in found} == {"named"}


def test_a_second_report_in_one_sentence() -> None:
    text = (
        "Human rights groups accused the Taliban of excluding women and said the policy "
        "might amount to persecution."
    )
    found = find_attributions(text)
    assert [(a.cue, a.speaker) for a in found] == [
        ("accused", "Human rights groups"),
        ("said", "Human rights groups"),
    ]
    first, second = (text[a.content_span[0] : a.content_span[1]] for a in found)
    assert first == "the Taliban of excluding women"
    assert second == "the policy might amount to persecution"


def test_a_surname_resolves_to_the_full_name_given_earlier() -> None:
    text = (
        "Taliban spokesman Zabiullah Mujahid said the crossing was closed. "
        "Later, Mujahid said it would reopen on Friday."
    )
    found = find_attributions(text)
    assert [a.who for a in found] == ["Zabiullah Mujahid", "Zabiullah Mujahid"]
    assert found[0].speaker == "Taliban spokesman Zabiullah Mujahid"  # the role kept


@pytest.mark.parametrize(
    "speaker",
    ["'' he", "10.9 million to GOP", "Another is whether his", "Editor's"],
)
def test_a_speaker_is_never_a_fragment(speaker: str) -> None:
    text = f"“The outcome is not yet known to anyone here,” {speaker} said."
    assert all(a.who != speaker for a in find_attributions(text))


PARTICIPLES = [
    # (name, text, cue, speaker, content)
    ("saying", "Mujahid rejected the report, saying the figures were invented.", "saying",
     "Mujahid", "the figures were invented"),
    ("adding that", "The ministry confirmed the closure, adding that the road would reopen.",
     "adding", None, "the road would reopen"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "cue", "speaker", "content"), PARTICIPLES,
                         ids=[p[0] for p in PARTICIPLES])  # fmt: skip
def test_a_participle_after_a_comma_reports_speech(
    name: str, text: str, cue: str, speaker: str | None, content: str
) -> None:
    found = [a for a in find_attributions(text) if a.cue == cue]
    assert len(found) == 1
    a = found[0]
    assert text[a.content_span[0] : a.content_span[1]] == content
    if speaker is not None:
        assert a.speaker == speaker


def test_transcript_turns_are_direct_attributions() -> None:
    text = (
        "Transcript of the briefing\n\n"
        "QUESTION (radio): Why should farmers worry about ten percent?\n"
        "RAKHIMOVA: Because averages hide dry years.\n"
    )
    turns = [a for a in find_attributions(text) if a.cue == ":"]
    assert [a.speaker for a in turns] == ["QUESTION (radio)", "RAKHIMOVA"]
    assert [text[a.content_span[0] : a.content_span[1]] for a in turns] == [
        "Why should farmers worry about ten percent?",
        "Because averages hide dry years.",
    ]


def test_one_label_is_not_a_transcript() -> None:
    assert not [a for a in find_attributions("NOTE: the office is closed today.") if a.cue == ":"]
