"""Entry point: routes to the pages and holds the shared sidebar. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/compare_arrows:", default=True),
]


def main() -> None:
    st.set_page_config(
        page_title="Source-bias dashboard", page_icon=":material/balance:", layout="wide"
    )
    page = st.navigation(PAGES)
    page.run()


main()
