"""The Overview's plain-language reading of the view: the largest gaps between the source
groups in it, named, with their n. A group too small to lean on is shown on every chart but
never headlined here."""

from __future__ import annotations

import pandas as pd

from metrics.aggregate import SMALL_DOCS, SMALL_ITEMS
from sourcebias.untrusted import markdown_literal as literal

MIN_GAP_MENTIONS = 5
DOC_READINGS = (
    ("attributions_per_1000", "attributions per 1,000 words", "{:.1f}"),
    ("flesch_kincaid_grade", "reading grade", "{:.1f}"),
)


def _usable(frame: pd.DataFrame, min_items: int = 0) -> pd.DataFrame:
    keep = ~frame["small_sample"].astype(bool)
    if "n_items" in frame and min_items:
        keep &= frame["n_items"] >= min_items
    return frame[keep & frame["mean"].notna()]


def reading(tone: pd.DataFrame, doc_est: pd.DataFrame) -> str:
    """One plain-language line: toward which actor two groups differ most in tone, and how the
    groups range on attribution density and reading grade, each with its n. Only groups
    that are not small samples (at least SMALL_DOCS documents and SMALL_ITEMS items) are
    compared; the line says which were left out."""
    groups = sorted(set(tone["source_type"]) | set(doc_est["source_type"]))
    if len(groups) < 2:
        return "Pick at least two source groups (sidebar) to compare them."
    parts: list[str] = []
    usable_tone = _usable(tone, MIN_GAP_MENTIONS)
    best: tuple[float, str, pd.Series, pd.Series] | None = None
    for actor, rows in usable_tone.groupby("actor_name"):
        if rows["source_type"].nunique() < 2:
            continue
        hi, lo = rows.loc[rows["mean"].idxmax()], rows.loc[rows["mean"].idxmin()]
        gap = float(hi["mean"] - lo["mean"])
        if best is None or gap > best[0]:
            best = (gap, str(actor), hi, lo)
    if best is not None:
        _, actor, hi, lo = best
        direction = "less negative" if hi["mean"] < 0 else "more positive"
        parts.append(
            f"**{literal(hi['source_type'])}** sources are {direction} toward "
            f"**{literal(actor)}** than **{literal(lo['source_type'])}** "
            f"({hi['mean']:+.2f} vs {lo['mean']:+.2f}; {int(hi['n_items']):,} vs "
            f"{int(lo['n_items']):,} mentions)"
        )
    usable_docs = _usable(doc_est)
    for metric, name, fmt in DOC_READINGS:
        rows = usable_docs[usable_docs["metric"] == metric]
        if rows["source_type"].nunique() < 2:
            continue
        hi, lo = rows.loc[rows["mean"].idxmax()], rows.loc[rows["mean"].idxmin()]
        parts.append(
            f"{name} range from {fmt.format(lo['mean'])} (**{literal(lo['source_type'])}**) "
            f"to {fmt.format(hi['mean'])} (**{literal(hi['source_type'])}**)"
        )
    small = sorted(
        set(tone.loc[tone["small_sample"].astype(bool), "source_type"])
        | set(doc_est.loc[doc_est["small_sample"].astype(bool), "source_type"])
    )
    left_out = [g for g in small if g not in set(usable_tone["source_type"])
                and g not in set(usable_docs["source_type"])]  # fmt: skip
    if not parts:
        return (
            "No two groups in this view have enough documents (at least "
            f"{SMALL_DOCS}) and items (at least {SMALL_ITEMS}) for a headline; the charts show "
            "every group with its n."
        )
    line = "In this view, " + "; ".join(parts) + "."
    if left_out:
        line += (
            " *Not compared (too few documents or items): "
            + ", ".join(literal(g) for g in left_out)
            + ".*"
        )
    return line
