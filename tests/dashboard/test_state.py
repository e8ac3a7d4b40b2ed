"""A link reproduces the view: the filters written into the URL come back as the same view
in a fresh session, unknown values are dropped, and pages' own parameters survive."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from aggregates.view import ViewFilter
from dashboard.state import to_query_params

OPTIONS = {"sources": ["Al-Emarah", "Wire A"], "source_types": ["partisan", "wire"]}


def restore() -> None:
    """A fresh session: read the filters from the URL, then write the view back."""
    import streamlit as st

    from dashboard import state

    state.init_filters(st.session_state["options"], ("taliban", "us"))
    view = state.current_view()
    st.session_state["view"] = view
    state.sync_url(view, state.briefing())


VIEWS = [
    ("everything", ViewFilter(), False),
    ("two-sources", ViewFilter(sources=("Al-Emarah", "Wire A")), False),
    (
        "type-and-dates",
        ViewFilter(
            source_types=("wire",), date_from=dt.date(2021, 8, 1), date_to=dt.date(2021, 9, 1)
        ),
        False,
    ),
    ("dated-only-actors", ViewFilter(include_undated=False, actors=("taliban", "us")), False),
    ("briefing", ViewFilter(sources=("Wire A",)), True),
]


def session(params: dict) -> AppTest:
    at = AppTest.from_function(restore)
    at.session_state["options"] = OPTIONS
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("view, briefing", [v[1:] for v in VIEWS], ids=[v[0] for v in VIEWS])
def test_a_link_restores_the_view(view: ViewFilter, briefing: bool) -> None:
    at = session(to_query_params(view, briefing))
    assert at.session_state["view"] == view
    assert at.session_state["filters.briefing"] is briefing


def test_unknown_values_in_a_link_are_dropped() -> None:
    at = session({"source": ["Wire A", "No such source"], "actor": ["isis"], "from": "2021-13-01"})
    assert at.session_state["view"] == ViewFilter(sources=("Wire A",))


def test_page_parameters_survive_the_view_being_written_back() -> None:
    at = session({"type": "wire", "doc": "abc123", "ev_actor": "taliban", "utm_source": "x"})
    assert at.query_params["doc"] == "abc123" and at.query_params["ev_actor"] == "taliban"
    assert at.query_params["type"] == "wire"
    assert "utm_source" not in at.query_params  # not ours: the link is the view only
