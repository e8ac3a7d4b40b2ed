"""The shared view filters: the sidebar's widgets, and the one line that describes a view.

Their state (and its mirror in the URL) is kept by dashboard.state.
"""

from __future__ import annotations

import streamlit as st

from aggregates.view import ViewFilter
from dashboard import state
from dashboard.state import FILTERS
from metrics.language import language_name
from sourcebias.untrusted import visible


def sidebar(options: dict, actor_names: dict[str, str]) -> ViewFilter:
    """Draw the shared filters in the sidebar and return the view they define."""
    state.init_filters(options, tuple(actor_names))
    with st.sidebar:
        st.markdown("### View")
        st.multiselect(
            "Source group",
            options["source_types"],
            key=FILTERS["source_types"],
            placeholder="All groups",
            format_func=visible,
        )
        st.multiselect(
            "Source",
            options["sources"],
            key=FILTERS["sources"],
            placeholder="All sources",
            format_func=visible,
        )
        lo, hi = options["date_min"], options["date_max"]
        # one per line: side by side, the dates were clipped ("2021 - 01 - 0")
        st.date_input(
            "From",
            key=FILTERS["date_from"],
            format="YYYY-MM-DD",
            help=f"Earliest dated document: {lo or 'none'}",
        )
        st.date_input(
            "To",
            key=FILTERS["date_to"],
            format="YYYY-MM-DD",
            help=f"Latest dated document: {hi or 'none'}",
        )
        st.checkbox(
            f"Include undated documents ({options['n_undated']})", key=FILTERS["include_undated"]
        )
        if len(options.get("languages", ())) > 1:
            st.multiselect(
                "Language",
                options["languages"],
                key=FILTERS["languages"],
                format_func=language_name,
                placeholder="All languages",
                help="Text in other languages is counted, not scored: the figures are "
                "English-only.",
            )
        st.multiselect(
            "Actor",
            list(actor_names),
            key=FILTERS["actors"],
            format_func=lambda a: visible(actor_names[a]),
            placeholder="All actors",
        )
        n_copies = options.get("n_reprints", 0)
        st.checkbox(
            f"Count each reprint family once ({n_copies} copies)",
            key=FILTERS["one_per_family"],
            help="Copies and light edits of one story (found at ingest, see Corpus) count "
            "once, as their earliest (else longest) member: an aggregator reprinting a "
            "wire story ten times does not weigh ten times.",
        )
        st.toggle("Briefing view (hide controls)", key=state.BRIEFING)
        st.button(
            "Reset filters",
            on_click=state.reset_filters,
            key="filters.reset",
            icon=":material/restart_alt:",
        )
    return state.current_view()


def describe(f: ViewFilter, actor_names: dict[str, str], options: dict) -> str:
    """One line for chart subtitles and provenance footers (plain text: control characters in
    source names are shown as escapes, so the line stays one line and reads left to right)."""
    parts = [
        "groups: " + (", ".join(f.source_types) or "all"),
        "sources: " + (", ".join(f.sources) or "all"),
    ]
    lo = f.date_from or options.get("date_min")
    hi = f.date_to or options.get("date_max")
    span = f"{lo or '…'} to {hi or '…'}" if (lo or hi) else "no dated documents"
    parts.append(f"dates: {span}" + (" + undated" if f.include_undated else " (dated only)"))
    parts.append("actors: " + (", ".join(actor_names.get(a, a) for a in f.actors) or "all"))
    if f.languages:
        parts.append("languages: " + ", ".join(language_name(x) for x in f.languages))
    if options.get("n_reprints"):
        parts.append(
            "each reprint family counted once"
            if f.one_per_family
            else f"reprints counted as separate documents ({options['n_reprints']} copies)"
        )
    return visible(" · ".join(parts))
