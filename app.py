"""Entry point: routes to the pages and holds the shared sidebar. Nothing else lives here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, filters, state
from dashboard.data import OPEN_ERRORS, StoreBusy
from dashboard.page import literal
from dashboard.streamlit_compat import use_explicit_navigation

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/compare_arrows:", default=True),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("pages/readability.py", title="Readability", icon=":material/menu_book:"),
    st.Page("pages/attribution.py", title="Attribution", icon=":material/record_voice_over:"),
    st.Page("pages/evidence.py", title="Evidence", icon=":material/format_quote:"),
    st.Page("pages/stories.py", title="Stories", icon=":material/join_inner:"),
    st.Page("pages/documents.py", title="Documents", icon=":material/article:"),
    st.Page("pages/corpus.py", title="Corpus", icon=":material/database:"),
    st.Page("pages/validate.py", title="Validate", icon=":material/fact_check:"),
    st.Page("pages/methodology.py", title="Methodology", icon=":material/science:"),
]
BUSY = (
    "Another process is writing to this corpus: showing the view as last read. It updates "
    "when the write is done."
)
# A local file: a Material or emoji page icon makes the browser fetch the favicon from a
# public CDN, telling a third party each time an analyst opens the dashboard.
FAVICON = Path(__file__).parent / "dashboard" / "assets" / "favicon.png"


def main() -> None:
    use_explicit_navigation()
    briefing = state.briefing_requested()
    st.set_page_config(
        page_title="Source-bias dashboard",
        page_icon=str(FAVICON),
        layout="wide",
        initial_sidebar_state="collapsed" if briefing else "auto",
    )
    page = st.navigation(PAGES)
    try:
        store = data.store()
    except OPEN_ERRORS as exc:
        st.error(f"The corpus could not be opened: {literal(str(exc))}")
        st.stop()
    with store.read_session():
        try:
            version, options, stale = data.readable_state(store)
            actors = data.actors()
        except OPEN_ERRORS as exc:
            st.error(f"The corpus could not be opened: {literal(str(exc))}")
            st.stop()
        names = {a.key: a.name for a in actors.actors}
        view = filters.sidebar(options, names)
        briefing = state.briefing()
        state.sync_url(view, briefing)
        state.set_context(
            data.Context(str(store.data_dir), version, view, options, names, briefing)
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
