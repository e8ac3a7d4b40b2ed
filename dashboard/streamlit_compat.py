"""Keep Streamlit in explicit-navigation mode although a `pages/` folder sits beside app.py.

Streamlit decides once per process, from the mere existence of `pages/` next to the main
script, to use its legacy multipage mode, in which a deep link such as /actors runs
pages/actors.py directly and app.py's `st.navigation` (and the shared sidebar) never runs.
The project layout keeps `pages/`, so the flag is switched off before the first session.
"""

from __future__ import annotations


def use_explicit_navigation() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
