"""Accuracy of actor sentiment on NewsMTSC-format data: macro-F1, per-class F1, confusion.

NewsMTSC labels each target in a sentence 2 (negative), 4 (neutral) or 6 (positive). The
sentence-level VADER baseline scores the whole sentence and gives every target that score,
which is exactly what target-aware scoring must beat.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from metrics.actor_sentiment import LABELS, LinearModel, score_mention
from metrics.actors import ActorSet
from metrics.document import analyze_document
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


# ---- mention resolution and roles ---------------------------------------------------------


@dataclass(frozen=True)
class GoldMention:
    """One labelled candidate span: the actor meant (a key, "other" or "unclear"), its role
    and whose words hold it ("author", an actor key or "other"); see
    eval/mentions/GUIDELINES.md."""

    id: str
    start: int
    end: int
    actor: str
    role: str
    speaker: str


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class MentionEvalResult:
    """Resolution: of the spans labelled as a listed actor, those credited to it (recall);
    of the spans credited, those credited to the right actor (precision). Roles, tone and
    speaker are read on the spans credited to the right actor. Tone mentions are those that
    count toward tone (credited, role target); stance pairs are (speaker actor, actor)."""

    n: int
    n_removed: int  # spans in text the cleaner removes (ads, captions): not analysed, not scored
    resolution_precision: Rate
    resolution_recall: Rate
    left_out_correctly: Rate  # spans labelled other/unclear that are not credited
    role_accuracy: Rate
    role_recall: dict[str, Rate]
    role_precision: dict[str, Rate]
    tone_precision: Rate
    tone_recall: Rate
    speaker_accuracy: Rate
    stance_precision: Rate
    stance_recall: Rate
    errors: tuple[tuple[str, str, str], ...]  # (id, gold, predicted) for the mistakes


def _system_speaker(m: object) -> str:
    speaker = getattr(m, "speaker_actor", None)
    if speaker:
        return str(speaker)
    return "other" if getattr(m, "voice", "author") == "quoted" else "author"


def evaluate_mentions(
    documents: Iterable[tuple[str, Sequence[tuple[int, int]], Sequence[GoldMention]]],
    actors: ActorSet,
    model: LinearModel | None = None,
) -> MentionEvalResult:
    """Score resolution and roles: each document (text, residue spans, labelled spans) is
    analysed as the pipeline analyses it, and its mentions matched to the labels by span."""
    roles = ("target", "speaker", "own-quote")
    n = credited = credited_right = gold_actor = found = 0
    left_total = left_hits = role_total = role_hits = 0
    role_gold = dict.fromkeys(roles, 0)
    role_pred = dict.fromkeys(roles, 0)
    role_tp = dict.fromkeys(roles, 0)
    tone_pred = tone_gold = tone_tp = 0
    speaker_total = speaker_hits = 0
    stance_pred: set[tuple[str, str, str]] = set()
    stance_gold: set[tuple[str, str, str]] = set()
    errors: list[tuple[str, str, str]] = []
    removed = 0
    for text, residue, golds in documents:
        analysis = analyze_document(text, actors, residue, model)
        starts = [m.start for m in analysis.mentions]
        for g in golds:
            if any(lo <= g.start and g.end <= hi for lo, hi in residue):
                removed += 1
                continue
            n += 1
            # the mention overlapping the labelled span (a longer alias may have won it)
            k = bisect.bisect_left(starts, g.end) - 1
            m = analysis.mentions[k] if k >= 0 else None
            if m is not None and m.end <= g.start:
                m = None
            is_actor = g.actor not in ("other", "unclear")
            counted = m is not None and m.counted
            predicted = f"{m.actor}/{m.role}" if counted else (m.resolution if m else "none")
            gold_text = f"{g.actor}/{g.role}" if is_actor else g.actor
            if is_actor:
                gold_actor += 1
                if g.role == "target":
                    tone_gold += 1
                if g.speaker not in ("author", "other", g.actor):
                    stance_gold.add((g.id, g.speaker, g.actor))
            else:
                left_total += 1
                left_hits += not counted
            if counted:
                credited += 1
                if m.role == "target":  # type: ignore[union-attr]
                    tone_pred += 1
                speaker = _system_speaker(m)
                if speaker not in ("author", "other", m.actor):  # type: ignore[union-attr]
                    stance_pred.add((g.id, speaker, m.actor))  # type: ignore[union-attr]
            right = counted and is_actor and m.actor == g.actor  # type: ignore[union-attr]
            if right:
                credited_right += 1
                found += 1
                role_total += 1
                role_hits += m.role == g.role  # type: ignore[union-attr]
                role_gold[g.role] = role_gold.get(g.role, 0) + 1
                role_pred[m.role] += 1  # type: ignore[union-attr]
                if m.role == g.role:  # type: ignore[union-attr]
                    role_tp[g.role] += 1
                if m.role == "target" and g.role == "target":  # type: ignore[union-attr]
                    tone_tp += 1
                speaker_total += 1
                speaker_hits += _system_speaker(m) == g.speaker
            if predicted != gold_text:
                errors.append((g.id, gold_text, predicted))
    return MentionEvalResult(
        n=n,
        n_removed=removed,
        resolution_precision=Rate(credited_right, credited),
        resolution_recall=Rate(found, gold_actor),
        left_out_correctly=Rate(left_hits, left_total),
        role_accuracy=Rate(role_hits, role_total),
        role_recall={r: Rate(role_tp[r], role_gold.get(r, 0)) for r in roles},
        role_precision={r: Rate(role_tp[r], role_pred[r]) for r in roles},
        tone_precision=Rate(tone_tp, tone_pred),
        tone_recall=Rate(tone_tp, tone_gold),
        speaker_accuracy=Rate(speaker_hits, speaker_total),
        stance_precision=Rate(len(stance_pred & stance_gold), len(stance_pred)),
        stance_recall=Rate(len(stance_pred & stance_gold), len(stance_gold)),
        errors=tuple(errors),
    )


MENTION_FIGURES = (
    "resolution_precision",
    "resolution_recall",
    "left_out_correctly",
    "role_accuracy",
    "tone_precision",
    "tone_recall",
    "speaker_accuracy",
    "stance_precision",
    "stance_recall",
)


def mention_figures(result: MentionEvalResult) -> dict[str, object]:
    """The result as plain data ({figure: [hits, total]}, role rates per role), for the
    committed results file the Methodology page reads."""
    out: dict[str, object] = {"n": result.n, "n_removed": result.n_removed}
    for name in MENTION_FIGURES:
        rate = getattr(result, name)
        out[name] = [rate.hits, rate.total]
    out["role_precision"] = {k: [r.hits, r.total] for k, r in result.role_precision.items()}
    out["role_recall"] = {k: [r.hits, r.total] for k, r in result.role_recall.items()}
    return out


# ---- attributions -------------------------------------------------------------------------

# A predicted content span finds a labelled one when it covers at least this share of it.
CONTENT_OVERLAP = 0.3


@dataclass(frozen=True)
class SpanScores:
    """Precision, recall and F1 of one part (content, cue or source)."""

    predicted: int
    gold: int
    hits_predicted: int  # predicted spans that found a labelled one
    hits_gold: int  # labelled spans that were found

    @property
    def precision(self) -> float | None:
        return self.hits_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.hits_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return (
            2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        )


def _covered(pred: tuple[int, int], gold: list[tuple[int, int]]) -> float:
    """Share of the labelled pieces' length that `pred` covers."""
    total = sum(b - a for a, b in gold)
    if total <= 0:
        return 0.0
    inside = sum(max(0, min(pred[1], b) - max(pred[0], a)) for a, b in gold)
    return inside / total


def _touches(pred: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    return any(min(pred[1], b) > max(pred[0], a) for a, b in gold)


def match_spans(
    predicted: Sequence[tuple[int, int] | None],
    gold: Sequence[list[tuple[int, int]]],
    content: bool,
) -> list[tuple[int, int]]:
    """Pairs (index into `predicted`, index into `gold`) that match: a content prediction
    matches a labelled content it covers by at least CONTENT_OVERLAP; cues and sources match
    on any overlap. Each labelled item is found at most once, each prediction counts at most
    once (greedy, best first)."""
    pairs = []
    for i, p in enumerate(predicted):
        if p is None:
            continue
        for j, g in enumerate(gold):
            if not g:
                continue
            share = _covered(p, g)
            if (share >= CONTENT_OVERLAP) if content else _touches(p, g):
                pairs.append((share, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def score_spans(
    predicted: Sequence[tuple[int, int] | None],
    gold: Sequence[list[tuple[int, int]]],
    content: bool,
) -> SpanScores:
    """One document's spans of one part, matched as `match_spans` does. A continued quote
    split into pieces is one labelled item: extra predictions inside the same item are not
    found separately, so they count against precision."""
    n_pred = sum(p is not None for p in predicted)
    n_gold = sum(bool(g) for g in gold)
    hits = len(match_spans(predicted, gold, content))
    return SpanScores(n_pred, n_gold, hits, hits)


def add_scores(a: SpanScores, b: SpanScores) -> SpanScores:
    return SpanScores(a.predicted + b.predicted, a.gold + b.gold,
                      a.hits_predicted + b.hits_predicted, a.hits_gold + b.hits_gold)  # fmt: skip
