"""AppTest walks every page that app.py registers, so a new page cannot ship untested."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

APP = str(REPO / "app.py")


def registered_pages() -> list[str]:
    """The page paths app.py passes to st.Page, read from its source."""
    tree = ast.parse((REPO / "app.py").read_text())
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SOURCEBIAS_DATA", str(tmp_path / "data"))
    return AppTest.from_file(APP, default_timeout=60)


def test_pages_exist() -> None:
    pages = registered_pages()
    assert pages
    for page in pages:
        assert (REPO / page).is_file(), page


@pytest.mark.parametrize("page", registered_pages())
def test_every_page_renders_on_the_seeds(app: AppTest, page: str) -> None:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
