"""Overview: how do the source groups differ, toward whom, and how sure are we?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.facts import TONE_AXIS, TONE_MEASURE
from dashboard.matched import matched_notes, show_matched
from dashboard.page import chart, context, literal, require_rows, subtitle
from dashboard.reading import reading

DEFAULT_ACTORS = 8

ctx = context()
st.title("How the coverage differs between source groups")
st.caption(
    "Each figure is a mean over documents with a 95% t interval (none below 3 documents); "
    "n is shown on every bar. Pick the groups to compare in the sidebar (default: all). "
    "Open **Evidence** for the sentences behind a number."
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
for note in matched_notes(ctx):  # where holding the story fixed changes the reading
    st.markdown(note)
n_docs = view["documents"]
heads = [("Documents", n_docs), *view["groups"].items(), ("Actor mentions", view["mentions"])]
for row_start in range(0, len(heads), 6):
    cols = st.columns(6)
    for col, (name, n) in zip(cols, heads[row_start : row_start + 6], strict=False):
        col.metric(literal(name) if name in view["groups"] else name, f"{n:,}")

if require_rows(tone, "actor mentions"):
    ranked = tone.groupby("actor_name")["n_items"].sum().sort_values(ascending=False).index
    shown_n = DEFAULT_ACTORS
    if len(ranked) > DEFAULT_ACTORS and not ctx.briefing:
        shown_n = st.slider(
            "Actors shown (most mentioned first)", 1, len(ranked), DEFAULT_ACTORS,
            key="overview.actors_shown",
        )  # fmt: skip
    top = ranked[:shown_n]
    if len(ranked) > len(top):
        st.caption(
            f"Showing the {len(top)} most-mentioned of {len(ranked)} actors; pick actors in "
            "the sidebar to see others."
        )
    shown = tone[tone["actor_name"].isin(top)]
    chart(
        ctx,
        "tone-by-actor",
        "overview.tone",
        n_docs,
        charts.estimate_bars,
        shown,
        "source_type",
        "Tone toward each actor, by source group",
        subtitle(ctx, n_docs, TONE_MEASURE),
        TONE_AXIS,
        row="actor_name",
        domain=(-1, 1),
        table=shown,
    )

show_matched(ctx, "overview")

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
