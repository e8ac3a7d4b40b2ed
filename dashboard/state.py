"""Everything the dashboard keeps between script runs: session state and the URL.

A copied link reproduces the view: every filter is mirrored into the query string
(`?source=A&source=B&type=wire&from=2021-07-01&to=2021-09-01&undated=0&actor=taliban`), and a
fresh session reads it back before the widgets are drawn. Pages add their own parameters
(the document shown, the evidence asked for). Every key of `st.session_state` and every
read or write of `st.query_params` is in this module, so what a link carries and what a
session remembers is listed in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from aggregates.view import ViewFilter

FILTERS = {
    "sources": "filters.sources",
    "source_types": "filters.source_types",
    "date_from": "filters.date_from",
    "date_to": "filters.date_to",
    "include_undated": "filters.include_undated",
    "actors": "filters.actors",
    "languages": "filters.languages",
    "one_per_family": "filters.one_per_family",
}
BRIEFING = "filters.briefing"
_INITIALISED = "filters.initialised"
BRIEFING_PARAM = "briefing"
# Page parameters kept in the URL across reruns: the document shown, the evidence asked for.
PAGE_PARAMS = ("doc", "ev_actor", "ev_source", "ev_voice", "ev_kind")
CONTEXT = "app.context"
LAST_GOOD = "data.last_good"
EVIDENCE = {
    "actor": "evidence.actor",
    "sources": "evidence.sources",
    "voice": "evidence.voice",
    "kind": "evidence.kind",
}
# What the Evidence page lists: its labels, and the query's kind for each.
EVIDENCE_KINDS = {
    "counted in tone": "tone",
    "actor speaks": "speaks",
    "own quote": "own-quote",
    "left out": "left out",
}
DOCUMENT = "documents.id"
UPLOAD_JOB = "corpus.job"
UPLOAD_RESULT = "corpus.job_result"


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ---- the shared view ----------------------------------------------------------------------


def briefing_requested() -> bool:
    """Whether the link asks for briefing view (or the session switched it on)."""
    return st.query_params.get(BRIEFING_PARAM) == "1" or bool(st.session_state.get(BRIEFING))


def briefing() -> bool:
    return bool(st.session_state.get(BRIEFING))


def init_filters(options: dict, actor_keys: Sequence[str]) -> None:
    """Seed the filter widgets from the URL once per session (unknown values are dropped)."""
    if st.session_state.get(_INITIALISED):
        return
    qp = st.query_params
    st.session_state[FILTERS["sources"]] = [
        s for s in qp.get_all("source") if s in options["sources"]
    ]
    st.session_state[FILTERS["source_types"]] = [
        t for t in qp.get_all("type") if t in options["source_types"]
    ]
    st.session_state[FILTERS["date_from"]] = _parse_date(qp.get("from"))
    st.session_state[FILTERS["date_to"]] = _parse_date(qp.get("to"))
    st.session_state[FILTERS["include_undated"]] = qp.get("undated") != "0"
    st.session_state[FILTERS["actors"]] = [a for a in qp.get_all("actor") if a in actor_keys]
    st.session_state[FILTERS["languages"]] = [
        x for x in qp.get_all("lang") if x in options.get("languages", ())
    ]
    st.session_state[FILTERS["one_per_family"]] = qp.get("reprints") != "all"
    st.session_state[BRIEFING] = qp.get(BRIEFING_PARAM) == "1"
    st.session_state[_INITIALISED] = True


def reset_filters() -> None:
    for key in ("sources", "source_types", "actors", "languages"):
        st.session_state[FILTERS[key]] = []
    st.session_state[FILTERS["date_from"]] = None
    st.session_state[FILTERS["date_to"]] = None
    st.session_state[FILTERS["include_undated"]] = True
    st.session_state[FILTERS["one_per_family"]] = True
    st.session_state[BRIEFING] = False


def current_view() -> ViewFilter:
    s = st.session_state
    return ViewFilter(
        sources=tuple(s.get(FILTERS["sources"], [])),
        source_types=tuple(s.get(FILTERS["source_types"], [])),
        date_from=s.get(FILTERS["date_from"]),
        date_to=s.get(FILTERS["date_to"]),
        include_undated=bool(s.get(FILTERS["include_undated"], True)),
        actors=tuple(s.get(FILTERS["actors"], [])),
        languages=tuple(s.get(FILTERS["languages"], [])),
        one_per_family=bool(s.get(FILTERS["one_per_family"], True)),
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
    if f.languages:
        params["lang"] = list(f.languages)
    if not f.one_per_family:
        params["reprints"] = "all"
    if briefing:
        params[BRIEFING_PARAM] = "1"
    return params


def sync_url(f: ViewFilter, briefing: bool) -> None:
    """Write the view into the URL, keeping the pages' own parameters."""
    keep = {k: st.query_params.get_all(k) for k in PAGE_PARAMS if k in st.query_params}
    wanted = {**to_query_params(f, briefing), **keep}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


# ---- what app.py hands the pages, and the last view that could be read --------------------


def set_context(context: Any) -> None:
    from dashboard import charts

    charts.register_groups(
        context.options.get("source_types", ()), context.options.get("group_colors", {})
    )
    st.session_state[CONTEXT] = context


def context() -> Any | None:
    return st.session_state.get(CONTEXT)


def remember_good(path: str, version: str, options: dict) -> None:
    st.session_state[LAST_GOOD] = (path, version, options)


def last_good(path: str) -> tuple[str, dict] | None:
    """The store version and options this session last read from `path`, if any."""
    last = st.session_state.get(LAST_GOOD)
    return (last[1], last[2]) if last is not None and last[0] == path else None


# ---- page parameters ------------------------------------------------------------------------


def evidence_defaults(actors: Sequence[str], sources: Sequence[str]) -> None:
    """Seed the Evidence page's choices once per session, from a link when it names them."""
    if EVIDENCE["actor"] in st.session_state:
        return
    qp = st.query_params
    actor = qp.get("ev_actor")
    st.session_state[EVIDENCE["actor"]] = actor if actor in actors else actors[0]
    chosen = [s for s in qp.get_all("ev_source") if s in sources]
    st.session_state[EVIDENCE["sources"]] = chosen or list(sources[:3])
    st.session_state[EVIDENCE["voice"]] = qp.get("ev_voice", "all")
    kind = qp.get("ev_kind")
    st.session_state[EVIDENCE["kind"]] = kind if kind in EVIDENCE_KINDS else "counted in tone"


def evidence_params(actor: str, sources: Sequence[str]) -> dict[str, str | list[str]]:
    """The URL parameters of a link to the Evidence page for `actor` in `sources`."""
    return {"ev_actor": actor, "ev_source": list(sources)}


def link_evidence(actor: str, sources: Sequence[str], voice: str, kind: str) -> None:
    st.query_params.update({**evidence_params(actor, sources), "ev_voice": voice, "ev_kind": kind})


def document_params(doc_id: str) -> dict[str, str]:
    """The URL parameters of a link to one document on the Documents page."""
    return {"doc": doc_id}


def linked_document() -> str | None:
    """The document a link names (?doc=ID), if any."""
    return st.query_params.get("doc")


def choose_document(ids: Sequence[str], wanted: str | None) -> None:
    """Select the linked document, else keep the current choice, else the first listed."""
    if st.session_state.get(DOCUMENT) not in ids:
        st.session_state[DOCUMENT] = wanted if wanted in ids else ids[0]


def link_document(doc_id: str) -> None:
    st.query_params.update(document_params(doc_id))


def upload_job() -> str | None:
    return st.session_state.get(UPLOAD_JOB)


def start_upload_job(job_id: str) -> None:
    st.session_state[UPLOAD_JOB] = job_id
    st.session_state.pop(UPLOAD_RESULT, None)


def finish_upload_job(status: Any) -> None:
    st.session_state[UPLOAD_RESULT] = status
    st.session_state.pop(UPLOAD_JOB, None)


def upload_result() -> Any | None:
    return st.session_state.get(UPLOAD_RESULT)
