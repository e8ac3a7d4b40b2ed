"""Overview: how do partisan and wire sources differ, toward whom, and how sure are we?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.facts import TONE_AXIS, TONE_MEASURE
from dashboard.page import chart, context, require_rows, subtitle
from dashboard.reading import reading

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
    chart(
        ctx,
        "tone-by-actor",
        "overview.tone",
        n_docs,
        charts.estimate_bars,
        shown,
        "source_type",
        "Tone toward each actor, partisan vs wire",
        subtitle(ctx, n_docs, TONE_MEASURE),
        TONE_AXIS,
        row="actor_name",
        domain=(-1, 1),
        table=shown,
    )

if require_rows(doc_est, "document metrics"):
    chart(
        ctx,
        "style-by-type",
        "overview.style",
        n_docs,
        charts.estimate_bars,
        doc_est,
        "source_type",
        "Readability, attribution and emotive language",
        subtitle(ctx, n_docs),
        "Mean per document (95% CI)",
        row="metric_name",
        item_label="docs",
        independent_x=True,
        table=doc_est,
    )
