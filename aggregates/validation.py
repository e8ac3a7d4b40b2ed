"""What an analyst's labels say about the model on this corpus: the one computation the
Validate page, the Methodology page, the export footer and `sourcebias validate report`
all show, so the same figure reads the same everywhere.

Each item counts once, by its latest label (relabelling replaces the reading, the history
stays in the store). Tone accuracy is of one model: the labels given while it was in use,
each against the reading it showed. Two analysts' agreement compares each one's latest
label of the items both labelled. An item's group is its document's source group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from metrics.validation import (
    Agreement,
    ErrorGap,
    GroupAccuracy,
    accuracy_by_group,
    agreement,
    error_gaps,
    wilson,
)
from store import Store
from store.schema import Label

ATTRIBUTION_OK = "correct"
MISSED = "missed attribution"


@dataclass(frozen=True)
class AttributionCheck:
    group: str
    n: int  # found attributions labelled
    correct: int
    low: float | None
    high: float | None
    errors: tuple[tuple[str, int], ...]  # (label, count) of the wrong ones
    missed: int  # "missed attribution here" marks


@dataclass(frozen=True)
class ValidationReport:
    model: str | None  # the tone model judged: labels given while it was in use
    n_tone: int  # tone items labelled (latest label each), wrong actor included
    accuracies: tuple[GroupAccuracy, ...]
    gaps: tuple[ErrorGap, ...]
    attributions: tuple[AttributionCheck, ...]
    labellers: tuple[tuple[str, int], ...]  # (name, items labelled), most first
    agreement: Agreement | None  # the two labellers with the most tone items in common
    pair: tuple[str, str] | None
    n_other_models: int = 0  # tone items whose latest label judged another model

    @property
    def n_scored(self) -> int:
        """Tone items with a tone label (wrong-actor items are not a reading of tone)."""
        return sum(a.n for a in self.accuracies)

    @property
    def accuracy(self) -> float | None:
        n = self.n_scored
        return sum(a.correct for a in self.accuracies) / n if n else None

    def summary(self) -> str | None:
        """One line for a chart's footer: "tone validated on 120 mentions: 0.78 accuracy"."""
        if not self.n_scored:
            return None
        low, high = wilson(sum(a.correct for a in self.accuracies), self.n_scored) or (0, 0)
        flagged = sum(g.flagged for g in self.gaps)
        return (
            f"tone validated on {self.n_scored:,} mentions: {self.accuracy:.2f} accuracy "
            f"(95% CI {low:.2f}–{high:.2f})"
            + (f"; error rates differ between groups ({flagged} flagged)" if flagged else "")
        )


def latest(labels: Sequence[Label], kind: str) -> dict[str, Label]:
    """The latest label of each item of `kind` (labels come oldest first)."""
    out: dict[str, Label] = {}
    for x in labels:
        if x.kind == kind:
            out[x.item] = x
    return out


def report_from(
    labels: Sequence[Label], groups: dict[str, str], model: str | None = None
) -> ValidationReport:
    """The report of `labels` (in any order: the latest by time counts), grouping items by
    their document's group; tone accuracy only of labels that judged `model` (None: all)."""

    def group(item: str) -> str:
        return groups.get(item.split(":", 1)[0], "unknown")

    labels = sorted(labels, key=lambda x: x.labelled_at)  # stable: ties keep their order

    tone = latest(labels, "tone")
    judged = [x for x in tone.values() if model is None or x.model_version == model]
    accuracies = accuracy_by_group((group(x.item), x.label, x.model_label) for x in judged)
    by_labeller: dict[str, dict[str, str]] = {}
    for x in labels:
        if x.kind == "tone":
            by_labeller.setdefault(x.labeller, {})[x.item] = x.label
    ranked = sorted(by_labeller, key=lambda k: (-len(by_labeller[k]), k))
    agree, pair = None, None
    if len(ranked) >= 2:
        first, second = ranked[:2]
        agree, pair = agreement(by_labeller[first], by_labeller[second]), (first, second)
    per_group: dict[str, Counter[str]] = {}
    for x in latest(labels, "attribution").values():
        per_group.setdefault(group(x.item), Counter())[x.label] += 1
    checks = []
    for g in sorted(per_group):
        c = per_group[g]
        missed = c.pop(MISSED, 0)
        n = sum(c.values())
        interval = wilson(c[ATTRIBUTION_OK], n)
        checks.append(
            AttributionCheck(
                g, n, c[ATTRIBUTION_OK],
                interval[0] if interval else None, interval[1] if interval else None,
                tuple(sorted((k, v) for k, v in c.items() if k != ATTRIBUTION_OK)), missed,
            )
        )  # fmt: skip
    labellers = Counter(x.labeller for x in {**tone, **latest(labels, "attribution")}.values())
    return ValidationReport(
        model,
        len(judged),
        accuracies,
        error_gaps(accuracies),
        tuple(checks),
        tuple(sorted(labellers.items(), key=lambda kv: (-kv[1], kv[0]))),
        agree,
        pair,
        len(tone) - len(judged),
    )


def validation_report(store: Store, model: str | None = None) -> ValidationReport:
    """The report of every label in the store; tone accuracy of `model` only (the labels
    given while it was in use: an adapted model has been trained on earlier labels, so they
    say nothing about it held out)."""
    labels = store.labels()
    if not labels:
        return report_from([], {}, model)
    groups = dict(store.documents(("id", "source_type")).itertuples(index=False, name=None))
    return report_from(labels, groups, model)
