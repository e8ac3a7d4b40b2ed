"""Reading the labelled tone set (eval/tone/): items (a mention in its sentence) and the
labels of annotator A, plus a second annotator's overlap. Errors name the file and line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from corpus.mention_set import MentionSetError, _jsonl
from metrics.evaluation import Example

TONE_LABELS = ("negative", "neutral", "positive")
OUT_OF_SET = ("speaks", "skip")


@dataclass(frozen=True)
class ToneSet:
    examples: dict[str, tuple[Example, ...]]  # part (seeds, written) -> labelled examples
    agreement: tuple[tuple[str, str], ...]  # (A, B) labels on the overlap
    n_out: int  # items labelled speaks or skip


def _labels(path: Path) -> dict[str, dict]:
    out = {}
    for no, row in enumerate(_jsonl(path), start=1):
        if "id" not in row or row.get("label") not in (*TONE_LABELS, *OUT_OF_SET):
            raise MentionSetError(f"{path}: label #{no}: needs an id and a label in "
                                  f"{', '.join((*TONE_LABELS, *OUT_OF_SET))}")  # fmt: skip
        out[str(row["id"])] = row
    return out


def tone_set_digest(directory: Path) -> str:
    """A hash of the items and annotator A's labels: says whether a model was trained on
    exactly this set."""
    h = hashlib.sha256()
    for path in [directory / "items.jsonl", *sorted(directory.glob("labels_*_a.jsonl"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def read_tone_set(directory: Path) -> ToneSet:
    """Items with annotator A's tone labels, by part; each example's group is its document,
    so figures can be grouped by document."""
    items = {str(r["id"]): r for r in _jsonl(directory / "items.jsonl")}
    labels: dict[str, dict] = {}
    for path in sorted(directory.glob("labels_*_a.jsonl")):
        labels.update(_labels(path))
    examples: dict[str, list[Example]] = {}
    n_out = 0
    for key, label in labels.items():
        item = items.get(key)
        if item is None:
            raise MentionSetError(f"{directory}: label for unknown item '{key}'")
        if label["label"] in OUT_OF_SET:
            n_out += 1
            continue
        s0 = int(item["sentence_start"])
        examples.setdefault(item["part"], []).append(
            Example(item["sentence"], int(item["start"]) - s0, int(item["end"]) - s0,
                    label["label"], item["doc"])
        )  # fmt: skip
    pairs = []
    overlap = directory / "labels_overlap_b.jsonl"
    if overlap.exists():
        for key, b in _labels(overlap).items():
            if key in labels:
                pairs.append((labels[key]["label"], b["label"]))
    return ToneSet({k: tuple(v) for k, v in sorted(examples.items())}, tuple(pairs), n_out)
