"""The bundled seeds go only where they are invited: a new default store, or a seeds store
whose bundle changed; never into someone's own corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli.main import app
from corpus.ingest import ingest
from pipeline.seeds import ensure_seeds, is_users_store
from store import Store
from tests.conftest import SEEDS

ELECTION = (
    "County officials said turnout in the governor's race reached a record on Tuesday, and "
    "both campaigns said they expected the count to take until the weekend to finish."
)


def _users_store(tmp_path: Path) -> Store:
    folder = tmp_path / "election"
    folder.mkdir()
    (folder / "turnout.txt").write_text(ELECTION, encoding="utf-8")
    store = Store(tmp_path / "data")
    ingest([folder], store)
    return store


def test_a_new_store_gets_the_seeds(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    assert ensure_seeds(store) is not None
    assert store.count_documents() == len(list(SEEDS.glob("*.txt")))
    assert not is_users_store(store)
    assert ensure_seeds(store) is None  # already in: nothing ingested again


def test_a_users_store_never_gets_the_seeds(tmp_path: Path) -> None:
    store = _users_store(tmp_path)
    assert is_users_store(store)
    runs = len(store.runs())
    assert ensure_seeds(store) is None
    assert store.count_documents() == 1
    assert len(store.runs()) == runs  # no ingest run was added either


@pytest.mark.parametrize(
    ("args", "env_data", "seeded"),
    [
        ([], False, True),  # the default store of a first run
        (["--data", "{data}"], False, False),  # a store the user chose
        ([], True, False),  # chosen through SOURCEBIAS_DATA
        (["--data", "{data}", "--seeds"], False, True),  # asked for explicitly
    ],
    ids=["default-store", "data-option", "data-environment", "explicit-seeds"],
)
def test_serve_seeds_only_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env_data: bool, seeded: bool
) -> None:
    from streamlit.web import cli as streamlit_cli
    from typer.testing import CliRunner

    data = tmp_path / "chosen"
    monkeypatch.chdir(tmp_path)  # the default store is ./data; serve changes directory
    monkeypatch.setattr(streamlit_cli, "main", lambda *a, **k: None)
    monkeypatch.setenv("SOURCEBIAS_NO_SEEDS", "")
    if env_data:
        monkeypatch.setenv("SOURCEBIAS_DATA", str(data))
    else:
        monkeypatch.setenv("SOURCEBIAS_DATA", "")
    argv = ["serve", *(a.format(data=data) for a in args)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    store = Store(data if (args or env_data) else tmp_path / "data")
    assert (store.exists and store.count_documents() > 0) == seeded
    assert (os.environ.get("SOURCEBIAS_NO_SEEDS") == "1") == (not seeded)
