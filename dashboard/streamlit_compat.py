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


def pin_explicit_navigation() -> None:
    """Keep the flag off even where Streamlit re-detects it (AppTest does before every run).

    In a served app `st.navigation` turns the flag off for the whole process after the first
    run, and `use_explicit_navigation` turns it off before that; tests need the same.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager.__init__, "_sourcebias_pinned", False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init._sourcebias_pinned = True  # type: ignore[attr-defined]
    PagesManager.__init__ = init  # type: ignore[method-assign]
    PagesManager.uses_pages_directory = False
