"""Evidence: which sentences produce the number? Side by side across sources."""

from __future__ import annotations

import streamlit as st

from dashboard import data, state
from dashboard.facts import TONE_MEASURE
from dashboard.page import (
    context,
    date_of,
    highlight,
    inject_css,
    label,
    literal,
    mention_class,
    mention_note,
    require_rows,
)

ctx = context()
st.title("Evidence: the sentences behind the numbers")
inject_css()
actors = list(ctx.actor_names)
sources = ctx.options["sources"]
state.evidence_defaults(actors, sources)

c1, c2, c3, c4, c5 = st.columns([2, 3, 1.2, 1.6, 1.5])
actor = c1.selectbox(
    "Actor", actors, format_func=lambda a: label(ctx.actor_names[a]), key=state.EVIDENCE["actor"]
)
picked = c2.multiselect(
    "Sources, side by side",
    sources,
    key=state.EVIDENCE["sources"],
    max_selections=4,
    format_func=label,
)
voice = c3.selectbox("Voice", ["all", "author", "quoted"], key=state.EVIDENCE["voice"])
shown_kind = c4.selectbox(
    "Show",
    list(state.EVIDENCE_KINDS),
    key=state.EVIDENCE["kind"],
    help="Counted in tone: mentions where the text writes about the actor (the tone figures "
    "average these). The actor speaks / in its own quote: not tone toward it. Left out: "
    "alias matches that are another person or thing, or that context could not resolve.",
)
kind = state.EVIDENCE_KINDS[shown_kind]
order = c5.selectbox(
    "Sort by", ["most negative", "most positive", "strongest"], key="evidence.order"
)
state.link_evidence(actor, picked, voice, shown_kind)

if not picked:
    st.info("Pick at least one source to read its sentences.")
    st.stop()
columns = st.columns(len(picked))
voice_arg = None if voice == "all" else voice
SHOWN = 25
for col, source in zip(columns, picked, strict=True):
    rows = data.evidence(ctx, actor, source, voice_arg, SHOWN, order, kind)
    with col:
        st.subheader(literal(source), anchor=False)
        if not require_rows(rows, f"{shown_kind} mentions of {ctx.actor_names[actor]}"):
            continue
        if kind == "tone":
            totals = data.evidence_totals(ctx, actor, source, voice_arg)
            interval = (
                f" [{totals['low']:+.2f}, {totals['high']:+.2f}]"
                if totals["low"] is not None
                else " (too few documents for an interval)"
            )
            st.markdown(
                f"**Tone {totals['mean']:+.2f}**{interval} · {totals['n']:,} mentions in "
                f"{totals['n_docs']:,} documents"
                + (" · small sample" if totals["small_sample"] else "")
            )
            st.caption(f"{TONE_MEASURE} (as on every chart) · showing the {len(rows)} {order}")
        else:
            st.caption(
                f"Showing {len(rows)} mentions ({shown_kind}, {order} first): these are not "
                "counted in tone toward the actor."
            )
        quotes = data.quote_spans(ctx, tuple(rows["doc_id"].unique()))
        for row in rows.itertuples():
            css = mention_class(row.sentiment, row.role, row.resolution)
            marks = [(int(row.mention_start), int(row.mention_end), css)]
            for q in quotes[quotes["doc_id"] == row.doc_id].itertuples():
                lo, hi = int(q.content_start) - row.sent_start, int(q.content_end) - row.sent_start
                if hi > 0 and lo < len(row.sentence_text):
                    marks.append((max(lo, 0), min(hi, len(row.sentence_text)), "quote"))
            with st.container(border=True):
                st.markdown(highlight(row.sentence_text, marks), unsafe_allow_html=True)
                when = date_of(row.date, row.date_precision)
                title = row.title if isinstance(row.title, str) else row.doc_id
                score = (
                    "not counted" if css == "mention-out" else f"{row.score:+.2f} {row.sentiment}"
                )
                if row.corrected is True or row.corrected == 1:
                    score += (
                        f" (analyst's label, by {literal(row.corrected_by)}; the model read "
                        f"{row.model_score:+.2f} {row.model_sentiment})"
                    )
                st.caption(
                    f"{score} · “{literal(row.alias)}” ({literal(row.label)}) · "
                    f"{row.voice} voice · {mention_note(ctx, row)} · {literal(title)} · {when}"
                )
                st.page_link(
                    "pages/documents.py",
                    label="Open document",
                    query_params=state.document_params(row.doc_id),
                )
