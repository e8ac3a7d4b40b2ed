"""Accuracy of actor sentiment on NewsMTSC-format data: macro-F1, per-class F1, confusion.

NewsMTSC labels each target in a sentence 2 (negative), 4 (neutral) or 6 (positive). The
sentence-level VADER baseline scores the whole sentence and gives every target that score,
which is exactly what target-aware scoring must beat.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from metrics.actor_sentiment import LABELS, LinearModel, score_mention
from metrics.fast.vader import polarity

POLARITY_LABELS = {2: "negative", 4: "neutral", 6: "positive"}


class EvalDataError(ValueError):
    """The evaluation file is not NewsMTSC JSONL; the message names the line."""


@dataclass(frozen=True)
class Example:
    sentence: str
    start: int
    end: int
    label: str
    group: str


@dataclass(frozen=True)
class EvalResult:
    n: int
    macro_f1: float
    f1: dict[str, float]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count


def parse_newsmtsc(lines: Iterable[str], name: str) -> list[Example]:
    """Examples from the lines of a NewsMTSC JSONL file (`name` labels errors: the caller
    opens the file)."""
    out: list[Example] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sentence = row["sentence_normalized"]
            group = "_".join(str(row.get("primary_gid", line_no)).split("_")[:3])
            for target in row["targets"]:
                label = POLARITY_LABELS[int(target["polarity"])]
                start, end = int(target["from"]), int(target["to"])
                if not 0 <= start < end <= len(sentence):
                    raise ValueError(f"target span {start}:{end} outside the sentence")
                out.append(Example(sentence, start, end, label, group))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise EvalDataError(f"{name}:{line_no}: not a NewsMTSC row ({exc})") from None
    return out


def evaluate(gold: Iterable[str], predicted: Iterable[str]) -> EvalResult:
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    n = 0
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
        n += 1
    f1: dict[str, float] = {}
    for label in LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in LABELS) - tp
        fn = sum(confusion[label].values()) - tp
        f1[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return EvalResult(n, sum(f1.values()) / len(LABELS), f1, confusion)


def sentence_vader_label(sentence: str) -> str:
    compound = polarity(sentence).compound
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def evaluate_examples(
    examples: list[Example], model: LinearModel | None
) -> tuple[EvalResult, EvalResult]:
    """(ours, sentence-level VADER baseline) on the same examples; `model` None scores
    with the rules engine."""
    gold = [e.label for e in examples]
    ours = [score_mention(e.sentence, e.start, e.end, model).label for e in examples]
    base = [sentence_vader_label(e.sentence) for e in examples]
    return evaluate(gold, ours), evaluate(gold, base)
