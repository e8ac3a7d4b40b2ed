"""Overview: how do partisan and wire sources differ, toward whom, and how sure are we?"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.export import chart_spec, show_chart
from dashboard.page import context, footer, literal, require_rows, subtitle

ctx = context()
st.title("Partisan vs wire: how the coverage differs")
st.caption(
    "Each figure is a mean over documents with a 95% interval (bootstrap; normal beyond "
    "1,000 documents); n is shown on every "
    "bar. Open **Evidence** for the sentences behind a number."
)
view = data.counts(ctx)
if not view["documents"]:
    require_rows(None, "documents")
    st.stop()

tone = data.tone(ctx, ("actor", "source_type"))
tone["actor_name"] = tone["actor"].map(ctx.actor_names)

DOC_METRICS = {
    "flesch_kincaid_grade": "Reading grade (Flesch-Kincaid)",
    "attributions_per_1000": "Attributions per 1,000 words",
    "quoted_word_share": "Share of words in quotations",
    "strong_share": "Share of strongly emotive words",
    "first_plural_per_1000": "'We/our' per 1,000 words (author's voice)",
}
doc_est = data.metric_estimates(ctx, ("metric", "source_type"), tuple(DOC_METRICS))
doc_est["metric_name"] = doc_est["metric"].map(DOC_METRICS)


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


st.markdown(reading(tone, doc_est))
n_docs = view["documents"]
col1, col2, col3, col4 = st.columns(4)
col1.metric("Documents", f"{n_docs:,}")
col2.metric("Partisan", f"{view.get('partisan', 0):,}")
col3.metric("Wire", f"{view.get('wire', 0):,}")
col4.metric("Actor mentions", f"{view['mentions']:,}")

if require_rows(tone, "actor mentions"):
    top = tone.groupby("actor_name")["n_items"].sum().sort_values(ascending=False).head(8).index
    shown = tone[tone["actor_name"].isin(top)]
    chart = chart_spec(
        charts.estimate_bars,
        shown,
        "source_type",
        "Tone toward each actor, partisan vs wire",
        subtitle(ctx, n_docs, "score −1 (hostile) to +1 (favourable) per mention"),
        "Mean mention score (95% CI)",
        row="actor_name",
        domain=(-1, 1),
    )
    show_chart(
        chart,
        "tone-by-actor",
        footer(ctx, n_docs),
        briefing=ctx.briefing,
        key="overview.tone",
        table=shown,
    )

if require_rows(doc_est, "document metrics"):
    chart = chart_spec(
        charts.estimate_bars,
        doc_est,
        "source_type",
        "Readability, attribution and emotive language",
        subtitle(ctx, n_docs),
        "Mean per document (95% CI)",
        row="metric_name",
        item_label="docs",
        independent_x=True,
    )
    show_chart(
        chart,
        "style-by-type",
        footer(ctx, n_docs),
        briefing=ctx.briefing,
        key="overview.style",
        table=doc_est,
    )
