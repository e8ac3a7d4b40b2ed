"""Actors: how does each source treat, and name, each actor?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, state
from dashboard.page import chart, context, label, require_rows, subtitle

ctx = context()
st.title("Actors: tone and naming per source")
st.caption(
    "Tone is scored per mention from the actor's own clause and context, not the whole "
    "sentence. 'Quoted' mentions sit inside quotations or reported speech; 'author' ones in "
    "the outlet's own words."
)
cell = data.tone(ctx, ("source", "actor"))
if not require_rows(cell, "actor mentions"):
    st.stop()
n_docs = data.counts(ctx)["documents"]

cell["actor_name"] = cell["actor"].map(ctx.actor_names)
chart(
    ctx,
    "actor-heatmap",
    "actors.heatmap",
    n_docs,
    charts.heatmap,
    cell,
    "Tone toward each actor, by source",
    subtitle(ctx, n_docs, "mean mention score, n mentions"),
    table=cell,
)

voice = st.segmented_control(
    "Voice",
    ["all", "author", "quoted"],
    default="all",
    key="actors.voice",
    help="Author: the outlet's own words. Quoted: inside quotations or reported speech.",
)
bars = data.tone(ctx, ("actor", "source", "source_type"), None if voice == "all" else voice)
if require_rows(bars, f"{voice} mentions"):
    bars["actor_name"] = bars["actor"].map(ctx.actor_names)
    chart(
        ctx,
        f"actor-tone-{voice}",
        "actors.bars",
        n_docs,
        charts.estimate_bars,
        bars,
        "source",
        f"Tone toward each actor per source ({voice or 'all'} voice)",
        subtitle(ctx, n_docs),
        "Mean mention score (95% CI)",
        row="actor_name",
        domain=(-1, 1),
        table=bars,
    )

names = data.naming(ctx)
if require_rows(names, "names"):
    names["actor_name"] = names["actor"].map(ctx.actor_names)
    chart(
        ctx,
        "naming",
        "actors.naming",
        n_docs,
        charts.naming_shares,
        names,
        "What each source calls each actor",
        subtitle(ctx, n_docs, "share of mentions per name, coloured by connotation"),
        table=names,
    )

if not ctx.briefing:
    st.subheader("Read the sentences behind a number")
    c1, c2, c3 = st.columns([2, 2, 1])
    actor = c1.selectbox(
        "Actor",
        sorted(cell["actor"].unique()),
        format_func=lambda a: label(ctx.actor_names[a]),
        key="actors.evidence_actor",
    )
    source = c2.selectbox(
        "Source", sorted(cell["source"].unique()), key="actors.evidence_source", format_func=label
    )
    c3.page_link(
        "pages/evidence.py",
        label="Open evidence",
        icon=":material/format_quote:",
        query_params=state.evidence_params(actor, [source]),
    )
