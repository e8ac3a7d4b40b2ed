"""The attribution set's marked texts: spans come back as offsets into the original."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.attribution_set import parse_marked
from corpus.mention_set import MentionSetError

ORIGINAL = (
    '"We will not allow it," Mujahid said. "But talks go on."\nOfficials said the road closed.\n'
)
MARKED = (
    '"⟪1 We will not allow it,⟫" ⦃1 Mujahid⦄ ⟦1 said⟧. "⟪1 But talks go on.⟫"\n'
    "⦃2 Officials⦄ ⟦2 said⟧ ⟪2 the road closed⟫.\n"
    "----\n1 | direct | named\n2 | indirect | anonymous\n"
)


def test_marks_become_offsets_into_the_original() -> None:
    got = parse_marked(MARKED, ORIGINAL, "x.txt")
    one, two = got.attributions
    assert [ORIGINAL[a:b] for a, b in one.content] == ["We will not allow it,", "But talks go on."]
    assert [ORIGINAL[a:b] for a, b in one.source] == ["Mujahid"]
    assert [ORIGINAL[a:b] for a, b in one.cue] == ["said"]
    assert (one.kind, one.source_type) == ("direct", "named")
    assert [ORIGINAL[a:b] for a, b in two.content] == ["the road closed"]
    assert (two.kind, two.source_type) == ("indirect", "anonymous")


@pytest.mark.parametrize(
    ("marked", "message"),
    [
        (MARKED.replace("Officials", "Oficials"), "x.txt:2: the marked text differs"),
        (MARKED.replace("⟫.", "."), "never closed"),
        (MARKED.replace("2 | indirect | anonymous", "2 | rumour | anonymous"), "unknown kind"),
        (MARKED.replace("\n----\n", "\n"), "no '----' line"),
        (MARKED.replace("2 | indirect | anonymous\n", ""), "have no list line"),
    ],
)
def test_a_bad_marked_file_names_the_file_and_line(marked: str, message: str) -> None:
    with pytest.raises(MentionSetError, match=message):
        parse_marked(marked, ORIGINAL, "x.txt")


def test_the_committed_set_reads_back_exactly() -> None:
    """Every marked file gives back its text, and the set is the size issue 15 asks for."""
    from corpus.attribution_set import read_attribution_set
    from sourcebias.paths import ATTRIBUTION_SET

    marked = read_attribution_set(ATTRIBUTION_SET)
    assert len(marked) >= 21
    for item in marked:
        for att in item.attributions:
            for a, b in [*att.content, *att.cue, *att.source]:
                assert 0 <= a <= b <= len(item.text)


def test_the_committed_figures_are_what_the_set_gives_today(tmp_path: Path) -> None:
    """Methodology quotes results.json; re-save with
    `sourcebias eval attributions --save eval/attributions/results.json`."""
    import json

    from cli.main import eval_attributions
    from sourcebias.paths import ATTRIBUTION_RESULTS, ATTRIBUTION_SET

    fresh = tmp_path / "results.json"
    eval_attributions(ATTRIBUTION_SET, save=fresh)
    assert json.loads(fresh.read_text()) == json.loads(ATTRIBUTION_RESULTS.read_text())
