"""Actors: how does each source treat, and name, each actor?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, state
from dashboard.facts import TONE_AXIS, TONE_MEASURE
from dashboard.matched import show_matched
from dashboard.page import (
    chart,
    context,
    highlight,
    inject_css,
    label,
    literal,
    mention_class,
    require_rows,
    subtitle,
    table,
)

ctx = context()
st.title("Actors: tone and naming per source")
inject_css()
st.caption(
    "Tone is scored per mention from the actor's own clause and context, not the whole "
    "sentence, and counts only mentions where the text writes about the actor: not the actor "
    "speaking, not its own quotes, not another person or thing with the same name, not a "
    "generic word ('the government') context could not resolve. 'Quoted' mentions sit inside "
    "quotations or reported speech; 'author' ones in the outlet's own words."
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
    subtitle(ctx, n_docs, f"{TONE_MEASURE}; n mentions"),
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
        subtitle(ctx, n_docs, TONE_MEASURE),
        TONE_AXIS,
        row="actor_name",
        domain=(-1, 1),
        table=bars,
    )

names = data.naming(ctx)
show_matched(ctx, "actors")

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

st.subheader("Who speaks, and who attacks or praises whom")
talk = data.speaks(ctx)
if require_rows(talk[talk["speaks"] > 0] if not talk.empty else talk, "actors speaking"):
    talk = talk[(talk["speaks"] > 0) | (talk["tone_mentions"] > 0)].copy()
    talk["actor_name"] = talk["actor"].map(ctx.actor_names)
    chart(
        ctx,
        "actor-speaks",
        "actors.speaks",
        n_docs,
        charts.count_bars,
        talk[talk["speaks"] > 0],
        "actor_name",
        "speaks",
        "How often each actor speaks, per source",
        subtitle(
            ctx,
            n_docs,
            "mentions where the actor is the source of a quote, reported speech or a verb of "
            "saying; not counted in tone toward it",
        ),
        "Mentions where the actor speaks",
        table=talk[["source", "source_type", "actor_name", "speaks", "tone_mentions"]],
    )
stance = data.stance_estimates(ctx, ("source_type",))
if require_rows(stance, "actor-to-actor statements"):
    stance["pair"] = [
        f"{ctx.actor_names.get(a, a)} → {ctx.actor_names.get(b, b)}"
        for a, b in zip(stance["speaker"], stance["target"], strict=True)
    ]
    chart(
        ctx,
        "actor-stance",
        "actors.stance",
        n_docs,
        charts.estimate_bars,
        stance,
        "source_type",
        "Stance between actors: tone of a speaker's words toward another actor",
        subtitle(
            ctx,
            n_docs,
            "the target's mentions inside what the speaker is quoted or reported saying, "
            f"per source type; {TONE_MEASURE}",
        ),
        TONE_AXIS,
        row="pair",
        domain=(-1, 1),
        table=stance[
            ["pair", "source_type", "mean", "low", "high", "n_docs", "n_items", "n_negative",
             "n_positive"]
        ],
    )  # fmt: skip
    reading = []
    for r in stance.sort_values("n_items", ascending=False).head(4).itertuples():
        speaker, target = (literal(x) for x in r.pair.split(" → "))
        verb = "speaking of"
        if r.n_negative != r.n_positive:
            verb = "attacking" if r.n_negative > r.n_positive else "praising"
        docs = "document" if r.n_docs == 1 else "documents"
        reading.append(
            f"in {literal(r.source_type)} copy, {speaker} is quoted {verb} {target} "
            f"({r.n_negative} hostile and {r.n_positive} favourable of {r.n_items} mentions, "
            f"{r.n_docs} {docs}{', small sample' if r.small_sample else ''})"
        )
    st.caption("Most frequent: " + "; ".join(reading) + ".")
    if not ctx.briefing:
        c1, c2 = st.columns(2)
        pairs = sorted(set(zip(stance["speaker"], stance["target"], strict=True)))
        pick = c1.selectbox(
            "Read a speaker's words about another actor",
            pairs,
            format_func=lambda p: label(
                f"{ctx.actor_names.get(p[0], p[0])} → {ctx.actor_names.get(p[1], p[1])}"
            ),
            key="actors.stance_pair",
        )
        for r in data.stance_evidence(ctx, pick[0], pick[1], 10).itertuples():
            with st.container(border=True):
                css = mention_class(r.sentiment)
                marks = [(int(r.mention_start), int(r.mention_end), css)]
                st.markdown(highlight(r.sentence_text, marks), unsafe_allow_html=True)
                st.caption(f"{r.score:+.2f} {r.sentiment} · {literal(r.source)}")

if not ctx.briefing:
    with st.expander("Alias audit: what each name matched, before you trust a chart"):
        st.caption(
            "Per alias: matches in this view, how many were credited to the actor, found to be "
            "another person or thing, or left ambiguous; the capitalised words most often "
            "beside it ('Bill …', '… Foundation'), and exclude entries worth a look for "
            "actors.toml. The same list prints with `sourcebias actors audit`."
        )
        st.dataframe(table(data.alias_audit_table(ctx)), hide_index=True)
        examples = data.alias_examples(ctx, 2)
        left_out = examples[~examples["resolution"].isin(["name", "context", "document"])]
        if not left_out.empty:
            st.markdown("**Left out**, with the reason")
            for r in left_out.head(20).itertuples():
                marks = [(int(r.mention_start), int(r.mention_end), "mention-out")]
                st.markdown(highlight(r.sentence_text, marks), unsafe_allow_html=True)
                st.caption(f"“{literal(r.alias)}”: {literal(r.reason)} · {literal(r.source)}")

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
