"""The shared view filters: sidebar widgets whose state lives in the URL.

A copied link reproduces the view: every filter is mirrored into the query string
(`?source=A&source=B&type=wire&from=2021-07-01&to=2021-09-01&undated=0&actor=taliban`), and a
fresh session reads it back before the widgets are drawn. Session state is initialised here
and only here; widget keys are prefixed "filters.".
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from corpus.queries import ViewFilter
from sourcebias.untrusted import visible

KEYS = {
    "sources": "filters.sources",
    "source_types": "filters.source_types",
    "date_from": "filters.date_from",
    "date_to": "filters.date_to",
    "include_undated": "filters.include_undated",
    "actors": "filters.actors",
}
BRIEFING_PARAM = "briefing"


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def briefing_requested() -> bool:
    return st.query_params.get(BRIEFING_PARAM) == "1"


def init_state(options: dict, actor_keys: tuple[str, ...]) -> None:
    """Seed widget state from the URL once per session (unknown values are dropped)."""
    if st.session_state.get("filters.initialised"):
        return
    qp = st.query_params
    st.session_state[KEYS["sources"]] = [s for s in qp.get_all("source") if s in options["sources"]]
    st.session_state[KEYS["source_types"]] = [
        t for t in qp.get_all("type") if t in options["source_types"]
    ]
    st.session_state[KEYS["date_from"]] = _parse_date(qp.get("from"))
    st.session_state[KEYS["date_to"]] = _parse_date(qp.get("to"))
    st.session_state[KEYS["include_undated"]] = qp.get("undated") != "0"
    st.session_state[KEYS["actors"]] = [a for a in qp.get_all("actor") if a in actor_keys]
    st.session_state["filters.briefing"] = briefing_requested()
    st.session_state["filters.initialised"] = True


def reset() -> None:
    for key in ("sources", "source_types", "actors"):
        st.session_state[KEYS[key]] = []
    st.session_state[KEYS["date_from"]] = None
    st.session_state[KEYS["date_to"]] = None
    st.session_state[KEYS["include_undated"]] = True
    st.session_state["filters.briefing"] = False


def current() -> ViewFilter:
    s = st.session_state
    return ViewFilter(
        sources=tuple(s.get(KEYS["sources"], [])),
        source_types=tuple(s.get(KEYS["source_types"], [])),
        date_from=s.get(KEYS["date_from"]),
        date_to=s.get(KEYS["date_to"]),
        include_undated=bool(s.get(KEYS["include_undated"], True)),
        actors=tuple(s.get(KEYS["actors"], [])),
    )


def to_query_params(f: ViewFilter, briefing: bool) -> dict[str, list[str] | str]:
    params: dict[str, list[str] | str] = {}
    if f.sources:
        params["source"] = list(f.sources)
    if f.source_types:
        params["type"] = list(f.source_types)
    if f.date_from:
        params["from"] = f.date_from.isoformat()
    if f.date_to:
        params["to"] = f.date_to.isoformat()
    if not f.include_undated:
        params["undated"] = "0"
    if f.actors:
        params["actor"] = list(f.actors)
    if briefing:
        params[BRIEFING_PARAM] = "1"
    return params


def sync_url(f: ViewFilter, briefing: bool, keep: dict[str, list[str]] | None = None) -> None:
    """Write the view into the URL, keeping page-specific parameters the page asked to keep."""
    wanted = {**to_query_params(f, briefing), **(keep or {})}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


def sidebar(options: dict, actor_names: dict[str, str]) -> ViewFilter:
    """Draw the shared filters in the sidebar and return the view they define."""
    init_state(options, tuple(actor_names))
    with st.sidebar:
        st.markdown("### View")
        st.multiselect(
            "Source type",
            options["source_types"],
            key=KEYS["source_types"],
            placeholder="All source types",
            format_func=visible,
        )
        st.multiselect(
            "Source",
            options["sources"],
            key=KEYS["sources"],
            placeholder="All sources",
            format_func=visible,
        )
        lo, hi = options["date_min"], options["date_max"]
        c1, c2 = st.columns(2)
        c1.date_input(
            "From",
            key=KEYS["date_from"],
            format="YYYY-MM-DD",
            help=f"Earliest dated document: {lo or 'none'}",
        )
        c2.date_input(
            "To",
            key=KEYS["date_to"],
            format="YYYY-MM-DD",
            help=f"Latest dated document: {hi or 'none'}",
        )
        st.checkbox(
            f"Include undated documents ({options['n_undated']})", key=KEYS["include_undated"]
        )
        st.multiselect(
            "Actor",
            list(actor_names),
            key=KEYS["actors"],
            format_func=lambda a: visible(actor_names[a]),
            placeholder="All actors",
        )
        st.toggle("Briefing view (hide controls)", key="filters.briefing")
        st.button(
            "Reset filters", on_click=reset, key="filters.reset", icon=":material/restart_alt:"
        )
    return current()


def describe(f: ViewFilter, actor_names: dict[str, str], options: dict) -> str:
    """One line for chart subtitles and provenance footers (plain text: control characters in
    source names are shown as escapes, so the line stays one line and reads left to right)."""
    parts = [
        "types: " + (", ".join(f.source_types) or "all"),
        "sources: " + (", ".join(f.sources) or "all"),
    ]
    lo = f.date_from or options.get("date_min")
    hi = f.date_to or options.get("date_max")
    span = f"{lo or '…'} to {hi or '…'}" if (lo or hi) else "no dated documents"
    parts.append(f"dates: {span}" + (" + undated" if f.include_undated else " (dated only)"))
    parts.append("actors: " + (", ".join(actor_names.get(a, a) for a in f.actors) or "all"))
    return visible(" · ".join(parts))
