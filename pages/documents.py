"""Documents: one document as ingested, what cleaning removed, and what was found in it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, state
from dashboard.facts import LOW_CONFIDENCE, language_name
from dashboard.page import (
    RESOLUTIONS,
    ROLES,
    context,
    date_of,
    highlight,
    inject_css,
    label,
    literal,
    mention_class,
    require_rows,
    table,
)

ctx = context()
st.title("Document")
inject_css()
SHOWN = 500

search = st.text_input(
    "Find a document",
    key="documents.search",
    placeholder="words from the title, file name, source or id",
)
docs, total = data.find_documents(ctx, search, SHOWN)
wanted = state.linked_document()
if wanted and not search and wanted not in set(docs["id"]):
    # a shared link names a document beyond the first page: offer it too, if it is in view
    linked, _ = data.find_documents(ctx, wanted, 1)
    docs = pd.concat([linked[linked["id"] == wanted], docs], ignore_index=True)
if not require_rows(docs, "documents matching this search" if search else "documents"):
    st.stop()
ids = docs["id"].tolist()
labels = {
    r.id: label(
        f"{r.title if isinstance(r.title, str) and r.title else r.origin.split('/')[-1]} · "
        f"{r.source} · "
        f"{date_of(r.date, r.date_precision)}"
    )
    for r in docs.itertuples()
}
state.choose_document(ids, wanted)
doc_id = st.selectbox("Document", ids, format_func=labels.get, key=state.DOCUMENT)
if total > SHOWN:
    st.caption(f"{total:,} documents match; the list offers the first {SHOWN:,}: search to narrow.")
state.link_document(doc_id)

doc = data.document(ctx, doc_id)
if doc is None:
    st.info("This document is no longer in the corpus.")
    st.stop()
row = data.document_metrics(ctx, doc_id) or {}
meta = {
    "source": doc.source,
    "source type": doc.source_type,
    "date": date_of(doc.date, doc.date_precision),
    "language": language_name(doc.language or "en"),
    "title": doc.title or "—",
    "author": doc.author or "—",
    "signature": doc.signature or "—",
    "url": doc.url or "—",
    "origin": doc.origin,
    "encoding": doc.encoding or "—",
    "id": doc.id,
    "words": row.get("n_words", "not computed"),
    "actor mentions": row.get("n_mentions", "not computed"),
    "left out (other entity, ambiguous)": (
        int(row["n_other_entity"]) + int(row["n_ambiguous"])
        if "n_other_entity" in row
        else "not computed"
    ),
    "attributions": row.get("n_attributions", "not computed"),
}
left, right = st.columns([1, 2])
with left:
    # as wrapped lines, not a table: a long title or file path was clipped in a cell
    st.markdown("  \n".join(f"**{k}**: {literal(v)}" for k, v in meta.items()))
    st.markdown("**Removed by cleaning**")
    if doc.removals:
        st.dataframe(table(pd.DataFrame(doc.removals)[["line", "kind", "text"]]), hide_index=True)
    else:
        st.caption("Nothing: no scraper residue found.")
    mentions = data.document_mentions(ctx, doc_id)
    if not mentions.empty:
        st.markdown("**Mentions**, in order: how each was read")
        listing = pd.DataFrame(
            {
                "text": [
                    doc.text[int(m.start_char) : int(m.end_char)] for m in mentions.itertuples()
                ],
                "actor": mentions["actor"].map(ctx.actor_names).fillna(mentions["actor"]),
                "role": mentions["role"].map(ROLES).fillna(mentions["role"]),
                "resolution": mentions["resolution"]
                .map(RESOLUTIONS)
                .fillna(mentions["resolution"]),
                "why": mentions["reason"].fillna(""),
                "in the words of": mentions["speaker_actor"].map(ctx.actor_names).fillna(""),
                "score": [
                    s if r in ("name", "context", "document") and ro == "target" else None
                    for s, r, ro in zip(
                        mentions["score"], mentions["resolution"], mentions["role"], strict=True
                    )
                ],
                "label": mentions["sentiment"],
                "confidence": mentions["confidence"],
                "rule": mentions["rule"].fillna(""),
            }
        )
        st.dataframe(
            table(listing),
            hide_index=True,
            column_config={
                "score": st.column_config.NumberColumn(
                    format="%+.2f", help="Only mentions counted in tone toward the actor have one"
                ),
                "confidence": st.column_config.NumberColumn(
                    format="%.2f",
                    help=f"The model's probability of the label; below {LOW_CONFIDENCE} the "
                    "mention is marked low-confidence",
                ),
                "rule": st.column_config.TextColumn(
                    help="The composition rule that bounded the score (see Methodology)"
                ),
            },
        )
with right:
    show = st.multiselect(
        "Mark",
        ["mentions", "quotations", "reporting cues", "residue"],
        default=["mentions", "quotations", "reporting cues", "residue"],
        key="documents.marks",
    )
    marks: list[tuple[int, int, str]] = []
    if "mentions" in show:
        marks += [
            (int(m.start_char), int(m.end_char), mention_class(m.sentiment, m.role, m.resolution))
            for m in mentions.itertuples()
        ]
    quotes = data.quote_spans(ctx, (doc_id,))
    if "quotations" in show:
        marks += [(int(q.content_start), int(q.content_end), "quote") for q in quotes.itertuples()]
    if "reporting cues" in show:
        marks += [
            (int(q.cue_start), int(q.cue_end), "cue")
            for q in quotes.itertuples()
            if q.cue != "quotation"
        ]
    if "residue" in show:
        marks += [(int(r["start"]), int(r["end"]), "residue") for r in doc.removals]
    st.caption(
        "Red: hostile mention · green: favourable · amber: neutral · violet: the actor "
        "speaks or is in its own quote (not tone toward it) · grey, dashed: left out (another "
        "entity, ambiguous) · blue: quoted words · bold blue: reporting verb · struck "
        "through: removed residue"
    )
    st.markdown(highlight(doc.text, marks), unsafe_allow_html=True)
