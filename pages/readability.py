"""Readability: how hard is each source to read, and how spread out are its documents?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.export import download_csv
from dashboard.page import chart, context, require_rows, subtitle

FORMULAS = {
    "flesch_kincaid_grade": "Flesch-Kincaid grade (US school grade)",
    "flesch_reading_ease": "Flesch reading ease (higher = easier)",
    "gunning_fog": "Gunning fog index (years of schooling)",
    "smog_index": "SMOG grade",
    "coleman_liau_index": "Coleman-Liau index (grade)",
    "dale_chall": "Dale-Chall score",
    "mean_sentence_length": "Mean sentence length (words)",
}

MAX_DOTS = 5000

ctx = context()
st.title("Readability per source")
st.caption(
    "textstat formulas on each document with scraper residue removed. Each dot is one "
    "document; boxes show the spread. Documents too short for a formula are left out and "
    "counted below, never scored 0."
)
formula = st.selectbox(
    "Formula", list(FORMULAS), format_func=FORMULAS.get, key="readability.formula"
)
coverage = data.metric_coverage(ctx, formula)
if not coverage["n_docs"]:
    require_rows(None, "documents")
    st.stop()
n_scored = coverage["n_scored"]
missing = coverage["n_docs"] - n_scored
if n_scored == 0:
    require_rows(None, f"documents long enough for {FORMULAS[formula]}")
else:
    # tens of thousands of dots make a slow, unreadable chart: beyond MAX_DOTS draw a fixed
    # pseudo-random subset (the n and the means below still count every document)
    shown = data.metric_values(ctx, formula, MAX_DOTS).rename(columns={"value": formula})
    note = f"{missing} too short to score" if missing else None
    if n_scored > len(shown):
        note = ", ".join(
            filter(None, [note, f"dots and boxes: a random {len(shown):,} of {n_scored:,}"])
        )
    chart(
        ctx,
        f"readability-{formula}",
        "readability.dist",
        n_scored,
        charts.distribution,
        shown,
        formula,
        f"{FORMULAS[formula]}, per document",
        subtitle(ctx, n_scored, note),
        FORMULAS[formula],
        table=lambda: data.metric_values(ctx, formula).rename(columns={"value": formula}),
    )

table = data.metric_estimates(ctx, ("metric", "source_type"), tuple(FORMULAS)).rename(
    columns={"metric": "formula"}
)
if not table.empty:
    table["formula"] = table["formula"].map(FORMULAS)
    st.subheader("Means by source group")
    means = table.rename(columns={"n_docs": "documents", "small_sample": "small sample"}).drop(
        columns=["n_items"]
    )
    st.dataframe(
        means.rename(columns={"source_type": "source group"}),
        hide_index=True,
        height=36 * (len(means) + 1) + 4,  # every row shown: a screenshot must not cut it
        column_config={
            c: st.column_config.NumberColumn(format="%.2f") for c in ("mean", "low", "high")
        },
    )
    if not ctx.briefing:
        download_csv(st, means, "readability-means", "readability.means", "CSV of the means")
if missing:
    st.caption(f"Not scored: {missing} documents ({coverage['reason']}).")
