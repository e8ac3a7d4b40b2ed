"""The Overview's plain-language reading of the view: the largest partisan-wire gaps."""

from __future__ import annotations

import pandas as pd

from sourcebias.untrusted import markdown_literal as literal

MIN_GAP_MENTIONS = 5


def reading(tone: pd.DataFrame, doc_est: pd.DataFrame) -> str:
    """One plain-language line: the largest partisan-wire gaps, with their n."""
    parts: list[str] = []
    small = False
    if {"partisan", "wire"} <= set(tone["source_type"]):
        wide = tone.pivot_table(index="actor_name", columns="source_type", values="mean")
        counts = tone.pivot_table(index="actor_name", columns="source_type", values="n_items")
        flags = tone.pivot_table(index="actor_name", columns="source_type", values="small_sample")
        wide = wide.dropna(subset=["partisan", "wire"])
        enough = counts.reindex(wide.index).min(axis=1) >= MIN_GAP_MENTIONS
        if enough.any():
            wide = wide[enough]
        if not wide.empty:
            gap = (wide["partisan"] - wide["wire"]).abs().sort_values(ascending=False)
            actor = gap.index[0]
            p, w = wide.loc[actor, "partisan"], wide.loc[actor, "wire"]
            direction = "more negative" if p < w else "more positive"
            parts.append(
                f"partisan sources are {direction} toward **{literal(actor)}** than wire copy "
                f"({p:+.2f} vs {w:+.2f}; {int(counts.loc[actor, 'partisan']):,} vs "
                f"{int(counts.loc[actor, 'wire']):,} mentions)"
            )
            small = small or bool(flags.loc[actor].any())
    if {"partisan", "wire"} <= set(doc_est["source_type"]):
        est = doc_est.set_index(["metric", "source_type"])
        for metric, template in (
            (
                "attributions_per_1000",
                "wire copy attributes {w:.1f} vs {p:.1f} times per 1,000 words",
            ),
            ("flesch_kincaid_grade", "partisan prose reads at grade {p:.1f} vs {w:.1f}"),
        ):
            if (metric, "partisan") in est.index and (metric, "wire") in est.index:
                p, w = est.loc[(metric, "partisan"), "mean"], est.loc[(metric, "wire"), "mean"]
                parts.append(template.format(p=p, w=w))
                small = small or bool(est.loc[(metric, "partisan"), "small_sample"])
    if not parts:
        return "Select both partisan and wire sources to compare them."
    line = "In this view, " + "; ".join(parts) + "."
    if small:
        line += " *Small samples: treat these gaps as indicative, not established.*"
    return line
