"""The labelled tone set: reading it, its size and agreement, and the committed figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.mention_set import MentionSetError
from corpus.tone_set import TONE_LABELS, read_tone_set
from metrics.evaluation import evaluate_examples
from sourcebias.paths import TONE_RESULTS, TONE_SET


def test_the_set_has_the_size_the_issue_asks_for_and_every_item_one_label() -> None:
    tone = read_tone_set(TONE_SET)
    everything = [e for part in tone.examples.values() for e in part]
    assert len(everything) >= 200
    assert {e.label for e in everything} == set(TONE_LABELS)
    items = [json.loads(x) for x in (TONE_SET / "items.jsonl").read_text().splitlines()]
    labelled = set()
    for path in TONE_SET.glob("labels_*_a.jsonl"):
        ids = [json.loads(x)["id"] for x in path.read_text().splitlines() if x.strip()]
        assert len(ids) == len(set(ids)), path.name
        labelled |= set(ids)
    assert labelled == {i["id"] for i in items}
    assert len(tone.agreement) >= 50


def test_the_committed_figures_are_what_the_set_gives_today() -> None:
    """Methodology quotes results.json (`sourcebias eval tone --save ...`)."""
    tone = read_tone_set(TONE_SET)
    saved = json.loads(TONE_RESULTS.read_text(encoding="utf-8"))
    everything = [e for part in tone.examples.values() for e in part]
    rules, base = evaluate_examples(everything, None)
    assert saved["n"] == len(everything)
    assert saved["rules_macro_f1"] == round(rules.macro_f1, 4)
    assert saved["sentence_vader_macro_f1"] == round(base.macro_f1, 4)


def test_each_example_points_at_its_mention() -> None:
    tone = read_tone_set(TONE_SET)
    items = {json.loads(x)["id"]: json.loads(x) for x in (TONE_SET / "items.jsonl").open()}
    for part in tone.examples.values():
        for e in part:
            assert 0 <= e.start < e.end <= len(e.sentence)
    some = next(iter(items.values()))
    s0 = some["sentence_start"]
    assert some["sentence"][some["start"] - s0 : some["end"] - s0] in some["marked"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x#0", "label": "angry"}\n', "label #1: needs an id and a label"),
        ('{"id": "x#0", "label": "neutral"}\nnot json\n', ":2: not JSON"),
    ],
)
def test_a_bad_label_file_names_the_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "items.jsonl").write_text(
        json.dumps(
            {
                "id": "x#0",
                "part": "seeds",
                "doc": "d",
                "start": 0,
                "end": 1,
                "sentence_start": 0,
                "sentence": "X",
            }
        )
        + "\n"
    )
    (tmp_path / "labels_seeds_a.jsonl").write_text(content)
    with pytest.raises(MentionSetError, match=message):
        read_tone_set(tmp_path)


def test_a_label_for_an_unknown_item_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "items.jsonl").write_text("")
    (tmp_path / "labels_seeds_a.jsonl").write_text('{"id": "nope#1", "label": "neutral"}\n')
    with pytest.raises(MentionSetError, match="unknown item 'nope#1'"):
        read_tone_set(tmp_path)
