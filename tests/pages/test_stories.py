"""Stories and reprints in the app (AppTest): the Stories page lists stories covered by
several groups with their documents and tone, the Overview gives the same-stories estimate,
and the sidebar's reprint switch changes what is counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus.actors_config import load_actors
from corpus.story_set import generate, write
from pipeline.run import ingest_and_compute
from store import Store
from tests.conftest import REPO

APP = str(REPO / "app.py")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stories")
    write(generate(24, seed=3), root / "corpus")
    ingest_and_compute([root / "corpus"], Store(root / "data"), load_actors())
    return root / "data"


@pytest.fixture
def app(generated: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SOURCEBIAS_DATA", str(generated))
    monkeypatch.setenv("SOURCEBIAS_NO_SEEDS", "1")
    return AppTest.from_file(APP, default_timeout=120)


def test_stories_page_lists_shared_stories_with_their_documents(app: AppTest) -> None:
    app.switch_page("pages/stories.py").run()
    assert not app.exception, app.exception
    summary = next(m.value for m in app.markdown if "stories** of two or more" in m.value)
    assert "covered by two or more source groups" in summary
    assert app.expander, "no story listed"
    first = app.expander[0]
    assert any("partisan" in e.label or "wire" in e.label for e in app.expander)
    assert first.dataframe[0].value.shape[0] >= 2  # the story's documents
    # a stricter threshold leaves fewer stories
    before = len(app.expander)
    app.slider(key="stories.threshold").set_value(0.9).run()
    assert not app.exception
    assert len(app.expander) < before


def test_overview_has_a_same_stories_estimate_and_reprints_switch(app: AppTest) -> None:
    app.run()
    assert not app.exception, app.exception
    assert any(s.value == "Same stories only" for s in app.subheader)
    once = app.metric[0].value
    app.checkbox(key="filters.one_per_family").set_value(False).run()
    every = app.metric[0].value
    assert int(every.replace(",", "")) > int(once.replace(",", ""))
    assert app.query_params["reprints"] in ("all", ["all"])
