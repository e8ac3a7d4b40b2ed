"""Stories: on the same story, how does each outlet tell it?"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, state
from dashboard.facts import STORY_THRESHOLD, STORY_WINDOW_DAYS
from dashboard.matched import matched_table
from dashboard.page import context, date_of, literal, table

ctx = context()
st.title("Stories: the same event, told by each source")
st.caption(
    "Documents about one event are grouped into a story by the similarity of their words "
    "(TF-IDF cosine) within a few days of each other; undated documents are matched on text "
    "alone. Reprints count once while **Count each reprint family once** is on (sidebar). "
    "Methodology states the method and its measured accuracy."
)
c1, c2 = st.columns(2)
threshold = c1.slider(
    "Similarity needed to join a story",
    0.1, 0.9, STORY_THRESHOLD, 0.05,
    key="stories.threshold",
    help="Lower joins looser accounts of an event (and risks joining different events); "
    "higher keeps only close accounts.",
)  # fmt: skip
window = c2.slider("Date window (days)", 0, 30, STORY_WINDOW_DAYS, key="stories.window")
story_map = data.stories(ctx, threshold, window)
docs = data.story_documents(ctx, story_map)


def show_closest() -> None:
    """When no story spans two groups: how close the nearest accounts come."""
    near = data.closest_pairs(ctx, window)
    if near.empty:
        return
    st.markdown("**Closest documents from different groups** (similarity 0–1):")
    for r in near.itertuples(index=False):
        st.markdown(
            f"- {r.similarity:.2f}: “{literal(str(r.a_title))}” ({literal(r.a_source)}, "
            f"{literal(r.a_source_type)}) and “{literal(str(r.b_title))}” "
            f"({literal(r.b_source)}, {literal(r.b_source_type)})"
        )
    st.caption(
        "Set the similarity needed below a pair's figure to join it into a story, if on "
        "reading both they are about the same event."
    )


if docs.empty:
    st.info(
        "No two documents in this view are about the same story at this threshold. Lower "
        "the similarity needed, widen the date window, or widen the view in the sidebar."
    )
    show_closest()
    st.stop()

spread = docs.groupby("story")["source_type"].nunique()
shared = spread[spread >= 2].index.tolist()
st.markdown(
    f"**{docs['story'].nunique()} stories** of two or more documents in this view; "
    f"**{len(shared)}** covered by two or more source groups."
)

matched, notes = matched_table(ctx, threshold, window)
if shared and not matched.empty:
    st.subheader("Tone toward each actor: raw gap and same stories only", anchor=False)
    for note in notes:
        st.markdown(note)
    covered = matched[matched["stories"] > 0]
    st.dataframe(
        table(covered),
        hide_index=True,
        width="stretch",
        column_config={
            "raw gap": st.column_config.NumberColumn(format="%+.2f"),
            "same stories gap": st.column_config.NumberColumn(format="%+.2f"),
        },
    )
if not shared:
    st.info(
        "No story is covered by two source groups: in this view the groups report different "
        "events, so their coverage of the same story cannot be compared. The stories within "
        "one group are listed below."
    )
    show_closest()

tone = data.document_tone(ctx)
naming = data.story_naming(ctx, story_map)
speakers = data.story_speakers(ctx, story_map)
SHOWN = 30
order = shared + [s for s in spread.index if s not in shared]
for story in order[:SHOWN]:
    members = docs[docs["story"] == story]
    groups = members["source_type"].value_counts()
    first = members.iloc[0]
    dates = [d for d in members["date"] if not pd.isna(d)]
    span = f"{min(dates):%Y-%m-%d} to {max(dates):%Y-%m-%d}" if dates else "undated"
    head = f"{literal(str(first['title']))} · {span} · " + ", ".join(
        f"{literal(g)} {n}" for g, n in groups.items()
    )
    with st.expander(head, expanded=story == order[0]):
        shown = members.assign(
            date=[
                date_of(d, p)
                for d, p in zip(members["date"], members["date_precision"], strict=True)
            ]
        )[["source", "source_type", "date", "title"]]
        st.dataframe(table(shown), hide_index=True, width="stretch")
        ids = set(members["doc_id"])
        mine = tone[tone["doc_id"].isin(ids)]
        if not mine.empty:
            per = (
                mine.assign(actor=mine["actor"].map(lambda a: ctx.actor_names.get(a, a)))
                .groupby(["actor", "source_type"])["value"]
                .agg(["mean", "count"])
                .reset_index()
            )
            per["tone (documents)"] = [
                f"{m:+.2f} ({n})" for m, n in zip(per["mean"], per["count"], strict=True)
            ]
            grid = per.pivot(index="actor", columns="source_type", values="tone (documents)")
            st.caption("Tone toward each actor in this story: mean of document tone (n documents)")
            st.dataframe(table(grid.fillna("–").reset_index()), hide_index=True, width="stretch")
        used = naming[naming["story"] == story]
        if not used.empty:
            used = used.assign(actor=used["actor"].map(lambda a: ctx.actor_names.get(a, a)))
            st.caption("How each source names the actors in this story (mentions)")
            st.dataframe(
                table(used[["source", "actor", "alias", "n"]]), hide_index=True, width="stretch"
            )
        quoted = speakers[speakers["story"] == story]
        if not quoted.empty:
            st.caption("Who is quoted in this story, per source (attributions)")
            st.dataframe(
                table(quoted[["source", "speaker", "source_kind", "n"]]),
                hide_index=True,
                width="stretch",
            )
        actors_here = sorted(set(mine["actor"])) if not mine.empty else []
        if actors_here:
            cols = st.columns(min(len(actors_here), 4))
            for col, actor in zip(cols, actors_here[:4], strict=False):
                col.page_link(
                    "pages/evidence.py",
                    label=f"Evidence: {ctx.actor_names.get(actor, actor)}",
                    query_params=state.evidence_params(actor, sorted(set(members["source"]))[:4]),
                )
if len(order) > SHOWN:
    st.caption(f"Showing {SHOWN} of {len(order)} stories, those covered by several groups first.")
