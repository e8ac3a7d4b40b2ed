"""The same-stories comparison shown beside a raw group comparison (Overview, Actors) and on
the Stories page: how much of a gap survives when both groups report the same events."""

from __future__ import annotations

import itertools

import pandas as pd
import streamlit as st

from aggregates import stories as story_queries
from dashboard import data
from dashboard.data import Context
from metrics.stories import THRESHOLD, WINDOW_DAYS
from sourcebias.untrusted import markdown_literal as literal
from sourcebias.untrusted import visible_frame

# Above this many documents in view, stories are not grouped on every page view (TF-IDF over
# every text); the Stories page still groups on request.
MAX_AUTO_DOCS = 20_000
MAX_PAIRS = 3


def group_pairs(ctx: Context) -> list[tuple[str, str]]:
    """The pairs of source groups in view, largest groups first."""
    counts = data.counts(ctx)["groups"]
    ranked = sorted(counts, key=lambda g: (-counts[g], g))
    return list(itertools.combinations(ranked, 2))[:MAX_PAIRS]


def matched_table(
    ctx: Context, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS
) -> tuple[pd.DataFrame, list[str]]:
    """Per actor and pair of groups: raw gap, same-stories gap with its interval, stories and
    documents behind it; and a plain sentence for each actor where the two disagree."""
    story_map = data.stories(ctx, threshold, window_days)
    tone = data.document_tone(ctx)
    pairs = group_pairs(ctx)
    rows, notes = [], []
    for m in story_queries.matched_tone(tone, story_map, pairs):
        name = ctx.actor_names.get(m.actor, m.actor)
        raw = None if m.raw_a is None or m.raw_b is None else m.raw_a - m.raw_b
        interval = (
            f"[{m.low:+.2f}, {m.high:+.2f}]"
            if m.low is not None
            else ("no interval: fewer than 3 stories" if m.n_stories else "")
        )
        rows.append(
            {
                "actor": name,
                "groups": f"{m.a} − {m.b}",
                "raw gap": raw,
                "same stories gap": m.difference,
                "95% CI (over stories)": interval,
                "stories": m.n_stories,
                "documents": m.n_docs,
            }
        )
        if story_queries.disagrees(m):
            notes.append(
                f"On the same stories only, tone toward **{literal(name)}** differs by "
                f"{m.difference:+.2f} {literal(interval)} between **{literal(m.a)}** and "
                f"**{literal(m.b)}** ({m.n_stories} stories, {m.n_docs} documents), against "
                f"{raw:+.2f} over all their documents: much of the raw gap may be what each "
                "group covers, not how it covers it."
            )
    return pd.DataFrame(rows), notes


def matched_notes(ctx: Context) -> list[str]:
    """The plain-reading sentences where same-stories and raw gaps disagree (none above
    MAX_AUTO_DOCS documents, where stories are not grouped on every page view)."""
    if ctx.options["n_documents"] > MAX_AUTO_DOCS:
        return []
    return matched_table(ctx)[1]


def show_matched(ctx: Context, key: str) -> None:
    """The same-stories section under a group comparison."""
    st.subheader("Same stories only", anchor=False)
    if ctx.options["n_documents"] > MAX_AUTO_DOCS:
        st.caption(
            f"More than {MAX_AUTO_DOCS:,} documents: narrow the view (dates, sources) or use "
            "the **Stories** page to compare on the same stories."
        )
        return
    table, notes = matched_table(ctx)
    covered = table[table["stories"] > 0] if not table.empty else table
    st.caption(
        "A raw gap mixes how groups write with what they write about. Here each story both "
        "groups covered (documents on one event, see **Stories**) gives the difference of "
        "the groups' mean document tone within it; the estimate is the mean over stories, "
        "with a t interval over stories."
    )
    if covered.empty:
        st.info(
            "No story in this view is covered by two source groups, so no same-stories "
            "estimate can be made: the groups' documents are about different events."
        )
        return
    for note in notes:
        st.markdown(note)
    st.dataframe(
        visible_frame(covered),
        hide_index=True,
        width="stretch",
        key=f"{key}.matched",
        column_config={
            "raw gap": st.column_config.NumberColumn(format="%+.2f"),
            "same stories gap": st.column_config.NumberColumn(format="%+.2f"),
        },
    )
