"""Entry point: routes to the pages and holds the shared sidebar. Nothing else lives here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from corpus.manifest import ManifestError
from corpus.store import StoreBusy, StoreError
from dashboard import data, filters
from dashboard.page import CONTEXT_KEY, literal
from dashboard.streamlit_compat import use_explicit_navigation
from metrics.actors import ActorConfigError

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/compare_arrows:", default=True),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("pages/readability.py", title="Readability", icon=":material/menu_book:"),
    st.Page("pages/attribution.py", title="Attribution", icon=":material/record_voice_over:"),
    st.Page("pages/evidence.py", title="Evidence", icon=":material/format_quote:"),
    st.Page("pages/documents.py", title="Documents", icon=":material/article:"),
    st.Page("pages/corpus.py", title="Corpus", icon=":material/database:"),
    st.Page("pages/methodology.py", title="Methodology", icon=":material/science:"),
]
PAGE_PARAMS = ("doc", "ev_actor", "ev_source", "ev_voice")
BUSY = (
    "Another process is writing to this corpus: showing the view as last read. It updates "
    "when the write is done."
)
# A local file: a Material or emoji page icon makes the browser fetch the favicon from a
# public CDN, telling a third party each time an analyst opens the dashboard.
FAVICON = Path(__file__).parent / "dashboard" / "assets" / "favicon.png"


def main() -> None:
    use_explicit_navigation()
    briefing = filters.briefing_requested() or bool(st.session_state.get("filters.briefing"))
    st.set_page_config(
        page_title="Source-bias dashboard",
        page_icon=str(FAVICON),
        layout="wide",
        initial_sidebar_state="collapsed" if briefing else "auto",
    )
    page = st.navigation(PAGES)
    try:
        store = data.store()
    except (StoreError, ActorConfigError, ManifestError) as exc:
        st.error(f"The corpus could not be opened: {literal(str(exc))}")
        st.stop()
    with store.read_session():
        try:
            version, options, stale = data.readable_state(store)
            actors = data.actors()
        except (StoreError, ActorConfigError, ManifestError) as exc:
            st.error(f"The corpus could not be opened: {literal(str(exc))}")
            st.stop()
        names = {a.key: a.name for a in actors.actors}
        view = filters.sidebar(options, names)
        briefing = bool(st.session_state.get("filters.briefing"))
        keep = {k: st.query_params.get_all(k) for k in PAGE_PARAMS if k in st.query_params}
        filters.sync_url(view, briefing, keep)
        st.session_state[CONTEXT_KEY] = data.Context(
            str(store.data_dir), version, view, options, names, briefing
        )
        if stale:
            st.info(BUSY, icon=":material/hourglass_top:")
        try:
            page.run()
        except StoreBusy:
            st.warning(BUSY + " This part of the page needs data not read before: reload soon.")


# A worker process started with "spawn" re-imports the running script as __mp_main__; it must
# not build a page.
if __name__ != "__mp_main__":
    main()
