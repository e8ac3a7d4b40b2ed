from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from corpus.newsmtsc import read_newsmtsc
from metrics.evaluation import EvalDataError, evaluate, parse_newsmtsc

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "newsmtsc_small.jsonl"


def test_evaluate_perfect_and_confused() -> None:
    perfect = evaluate(["negative", "neutral", "positive"], ["negative", "neutral", "positive"])
    assert perfect.macro_f1 == 1.0
    wrong = evaluate(["negative", "positive"], ["positive", "negative"])
    assert wrong.macro_f1 == 0.0
    assert wrong.confusion["negative"]["positive"] == 1


def test_read_fixture() -> None:
    examples = read_newsmtsc(FIXTURE)
    assert len(examples) >= 40
    assert {e.label for e in examples} == {"negative", "neutral", "positive"}


def test_bad_row_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "x", "targets": []}\n{"oops": 1}\n')
    with pytest.raises(EvalDataError, match=r"bad\.jsonl:2"):
        read_newsmtsc(bad)


@pytest.mark.parametrize(
    "row",
    [
        '{"sentence_normalized": "ab", "targets": [{"polarity": 4, "from": 1, "to": 5}]}',
        '{"sentence_normalized": "ab", "targets": [{"polarity": 3, "from": 0, "to": 1}]}',
        "not json",
    ],
    ids=["span-outside", "unknown-polarity", "not-json"],
)
def test_a_bad_row_is_refused_with_its_name_and_line(row: str) -> None:
    with pytest.raises(EvalDataError, match=r"^lines:2: not a NewsMTSC row"):
        parse_newsmtsc(["", row], "lines")


def test_eval_command_prints_a_machine_readable_last_line() -> None:
    result = CliRunner().invoke(app, ["eval", "newsmtsc", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("macro-F1 ") and "(sentence-level VADER " in last
    ours = float(last.split()[1])
    assert 0 <= ours <= 1
    assert "confusion" in result.output.lower()


def test_mention_evaluation_counts_by_hand() -> None:
    """Three labelled spans, computed by hand: the actor's own name (credited, right), Bill
    Clinton (labelled other, left out: right) and the actor speaking (credited, but the
    system says target: a role mistake)."""
    from metrics.actors import compile_actors
    from metrics.evaluation import GoldMention, evaluate_mentions

    actors = compile_actors({"actors": {"c": {"name": "Hillary Clinton", "aliases": ["Clinton"]}}})
    text = "Hillary Clinton won. Bill Clinton watched. Clinton smiled at the crowd."
    at = [i for i in range(len(text)) if text.startswith("Clinton", i)]
    golds = [
        GoldMention("d#0", at[0], at[0] + 7, "c", "target", "author"),
        GoldMention("d#1", at[1], at[1] + 7, "other", "", "author"),
        GoldMention("d#2", at[2], at[2] + 7, "c", "speaker", "author"),
    ]
    result = evaluate_mentions([(text, (), golds)], actors)
    assert (result.resolution_precision.hits, result.resolution_precision.total) == (2, 2)
    assert (result.resolution_recall.hits, result.resolution_recall.total) == (2, 2)
    assert (result.left_out_correctly.hits, result.left_out_correctly.total) == (1, 1)
    assert (result.role_accuracy.hits, result.role_accuracy.total) == (1, 2)
    assert (result.tone_precision.hits, result.tone_precision.total) == (1, 2)
    assert (result.tone_recall.hits, result.tone_recall.total) == (1, 1)
    assert result.errors == (("d#2", "c/speaker", "c/target"),)


def test_spans_the_cleaner_removes_are_not_scored() -> None:
    from metrics.actors import compile_actors
    from metrics.evaluation import GoldMention, evaluate_mentions

    actors = compile_actors({"actors": {"t": {"aliases": ["Taliban"]}}})
    text = "The Taliban won.\n[ad_1] Taliban ad\n"
    start = text.index("Taliban", 10)
    residue = ((text.index("[ad_1]"), len(text) - 1),)
    golds = [GoldMention("x#0", 4, 11, "t", "target", "author"),
             GoldMention("x#1", start, start + 7, "t", "target", "author")]  # fmt: skip
    result = evaluate_mentions([(text, residue, golds)], actors)
    assert result.n == 1 and result.n_removed == 1


def test_attribution_spans_are_scored_by_overlap_and_one_to_one() -> None:
    from metrics.evaluation import score_spans

    gold = [[(0, 20)], [(30, 40), (50, 60)]]  # the second: a quote split around its cue
    # 0-5 covers 25% of the first (too little); 32-45 covers 8/20 of the second; 52-60 is
    # inside the second too, which is already found: it counts against precision
    got = score_spans([(0, 5), (32, 45), (52, 60), None], gold, content=True)
    assert (got.predicted, got.gold, got.hits_predicted, got.hits_gold) == (3, 2, 1, 1)
    assert got.precision == pytest.approx(1 / 3) and got.recall == pytest.approx(1 / 2)
    assert got.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    cues = score_spans([(19, 21), (70, 75)], [[(20, 24)], [(41, 45)]], content=False)
    assert (cues.hits_predicted, cues.hits_gold) == (1, 1)


def test_no_predictions_or_no_labels_give_no_rate() -> None:
    from metrics.evaluation import score_spans

    empty = score_spans([], [[(0, 4)]], content=True)
    assert empty.precision is None and empty.recall == 0.0 and empty.f1 is None
