"""Readability: how hard is each source to read, and how spread out are its documents?"""

from __future__ import annotations

import json

import streamlit as st

from corpus.queries import estimates
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
    chart = charts.distribution(
        scored,
        formula,
        f"{FORMULAS[formula]}, per document",
        subtitle(ctx, len(scored), f"{missing} too short to score" if missing else None),
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

long = (
    docs.melt(
        id_vars=["id", "source", "source_type"], value_vars=list(FORMULAS), var_name="formula"
    )
    .rename(columns={"id": "doc_id"})
    .dropna(subset=["value"])
)
table = estimates(long, ["formula", "source_type"], "value")
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
