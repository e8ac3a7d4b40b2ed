"""Readability: how hard is each source to read, and how spread out are its documents?"""

from __future__ import annotations

import json

import streamlit as st

from dashboard import charts, data
from dashboard.export import show_chart
from dashboard.page import context, footer, require_rows, subtitle

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
docs = data.view(ctx, "documents")
if not require_rows(docs, "documents"):
    st.stop()
formula = st.selectbox(
    "Formula", list(FORMULAS), format_func=FORMULAS.get, key="readability.formula"
)
scored = docs.dropna(subset=[formula])
missing = len(docs) - len(scored)
if require_rows(scored, f"documents long enough for {FORMULAS[formula]}"):
    shown = scored
    note = f"{missing} too short to score" if missing else None
    if len(scored) > MAX_DOTS:
        # tens of thousands of dots make a slow, unreadable chart: draw a fixed random sample
        shown = scored.sample(MAX_DOTS, random_state=0)
        note = ", ".join(
            filter(None, [note, f"dots and boxes: a random {MAX_DOTS:,} of {len(scored):,}"])
        )
    chart = charts.distribution(
        shown,
        formula,
        f"{FORMULAS[formula]}, per document",
        subtitle(ctx, len(scored), note),
        FORMULAS[formula],
    )
    show_chart(
        chart,
        f"readability-{formula}",
        footer(ctx, len(scored)),
        briefing=ctx.briefing,
        key="readability.dist",
        table=scored[["id", "source", "source_type", "title", formula]],
    )

table = data.metric_estimates(ctx, ("metric", "source_type"), tuple(FORMULAS)).rename(
    columns={"metric": "formula"}
)
if not table.empty:
    table["formula"] = table["formula"].map(FORMULAS)
    st.subheader("Means by source type")
    st.dataframe(
        table.rename(columns={"n_docs": "documents", "small_sample": "small sample"}).drop(
            columns=["n_items"]
        ),
        hide_index=True,
        column_config={
            c: st.column_config.NumberColumn(format="%.2f") for c in ("mean", "low", "high")
        },
    )
if missing:
    reasons = docs.loc[docs[formula].isna(), "readability_missing"].map(json.loads)
    first = next((r[formula] for r in reasons if formula in r), "")
    st.caption(f"Not scored: {missing} documents ({first}).")
