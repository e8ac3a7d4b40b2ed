"""The labelled mention set: reading it, and the committed figures matching a fresh run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.mention_set import MentionSetError, read_labels, read_mention_set
from metrics.evaluation import evaluate_mentions, mention_figures
from sourcebias.paths import MENTION_RESULTS, MENTION_SET


def test_the_committed_figures_are_what_the_set_gives_today() -> None:
    """The Methodology page quotes results.json: it must be the set's figures with today's
    rules (re-save with `sourcebias eval mentions --save eval/mentions/results.json`)."""
    domains, second = read_mention_set(MENTION_SET)
    saved = json.loads(MENTION_RESULTS.read_text(encoding="utf-8"))
    assert second is not None and set(saved["agreement"]) == {"actor", "role", "speaker"}
    for domain in domains:
        fresh = mention_figures(evaluate_mentions(domain.documents, domain.actors))
        assert json.loads(json.dumps(fresh)) == saved["domains"][domain.name], domain.name


def test_every_candidate_span_has_one_label() -> None:
    domains, second = read_mention_set(MENTION_SET)
    spans = [g for d in domains for _, _, golds in d.documents for g in golds]
    assert len(spans) == len({g.id for g in spans}) >= 300
    assert {d.name for d in domains} >= {"afghanistan", "us-politics"}
    assert second is not None and set(second) <= {g.id for g in spans}


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "a#0", "actor": "x", "role": "target", "speaker": "author"}\nnot json\n',
         "labels.jsonl:2: not JSON"),
        ('{"id": "a#0", "actor": "x"}\n', "labels.jsonl: label #1: missing role, speaker"),
        ("[1, 2]\n", "labels.jsonl:1: expected an object"),
    ],
    ids=["bad-json", "missing-fields", "not-an-object"],
)  # fmt: skip
def test_label_errors_name_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MentionSetError, match=message):
        read_labels(path)


def test_a_span_without_a_label_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(
        '[domains.d]\nactors = "a.toml"\nlabels = "l.jsonl"\n', encoding="utf-8"
    )
    (tmp_path / "a.toml").write_text('[actors.t]\naliases = ["Taliban"]\n', encoding="utf-8")
    (tmp_path / "l.jsonl").write_text("", encoding="utf-8")
    doc = {"doc": "x", "domain": "d", "text": "Taliban", "spans": [{"id": "x#0", "start": 0,
           "end": 7}]}  # fmt: skip
    (tmp_path / "documents.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    with pytest.raises(MentionSetError, match="no label for x#0"):
        read_mention_set(tmp_path)
