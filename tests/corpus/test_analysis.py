"""Metrics are computed at ingest, stored, and recomputed only when text or config changes."""

from __future__ import annotations

from pathlib import Path

from corpus.actors_config import load_actors
from corpus.analysis import update_metrics
from corpus.ingest import ingest
from corpus.store import Store
from metrics.actors import compile_actors
from tests.conftest import SEEDS

ACTORS = load_actors()


def counts(store: Store) -> tuple[int, int, int]:
    with store.connect(read_only=True) as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("doc_metrics", "mentions", "attributions")
        )


def test_ingest_computes_and_stores_metrics(fresh_store: Store) -> None:
    ingest([SEEDS], fresh_store, actors=ACTORS)
    n_docs, n_mentions, n_attributions = counts(fresh_store)
    assert n_docs == 5 and n_mentions > 100 and n_attributions > 20
    with fresh_store.connect(read_only=True) as con:
        text, start, end, alias = con.execute(
            "SELECT d.text, m.start_char, m.end_char, m.alias FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id "
            "WHERE m.alias = 'Islamic Emirate of Afghanistan' LIMIT 1"
        ).fetchone()
    assert text[start:end] == alias


def test_unchanged_reingest_computes_nothing(fresh_store: Store) -> None:
    ingest([SEEDS], fresh_store, actors=ACTORS)
    before = counts(fresh_store)
    assert update_metrics(fresh_store, ACTORS) == 0
    assert counts(fresh_store) == before


def test_new_document_is_the_only_one_computed(fresh_store: Store, tmp_path: Path) -> None:
    ingest([SEEDS], fresh_store, actors=ACTORS)
    extra = tmp_path / "new.txt"
    extra.write_text("The Taliban said the regime had fallen.")
    ingest([extra], fresh_store)
    assert update_metrics(fresh_store, ACTORS) == 1


def test_actors_change_recomputes_everything_and_drops_stale_rows(fresh_store: Store) -> None:
    ingest([SEEDS], fresh_store, actors=ACTORS)
    narrow = compile_actors({"actors": {"taliban": {"name": "Taliban", "aliases": ["Taliban"]}}})
    assert update_metrics(fresh_store, narrow) == 5
    with fresh_store.connect(read_only=True) as con:
        actors = {r[0] for r in con.execute("SELECT DISTINCT actor FROM mentions").fetchall()}
        keys = {
            r[0] for r in con.execute("SELECT DISTINCT analysis_key FROM doc_metrics").fetchall()
        }
    assert actors == {"taliban"}
    assert len(keys) == 1
