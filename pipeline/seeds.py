"""The bundled seeds corpus: the dashboard's embedded default, re-ingested when it changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from compute.local import update_metrics
from corpus.actors_config import load_actors
from corpus.ingest import ingest
from sourcebias.paths import DEFAULT_ACTORS, SEEDS_DIR
from store import Store


def seeds_fingerprint(actors: Path | None = None) -> str:
    """Hash of the bundled corpus and actors config: the store is stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted(SEEDS_DIR.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update((actors or DEFAULT_ACTORS).read_bytes())
    return digest.hexdigest()[:16]


def is_users_store(store: Store) -> bool:
    """A store that holds documents and was never a seeds store: someone's own corpus."""
    return bool(
        store.exists and store.get_meta("seeds_fingerprint") is None and store.count_documents() > 0
    )


def ensure_seeds(store: Store, actors: Path | None = None) -> int | None:
    """Ingest the seeds if the store is missing or a stale seeds store, then bring metrics up
    to date. A user's own store (documents, never seeded) is never given the seeds: an
    election corpus must not gain five Afghanistan texts because the dashboard was opened.

    Returns the ingest run id, or None when nothing was ingested.
    """
    fingerprint = seeds_fingerprint(actors)
    actor_set = load_actors(actors)
    run_id = None
    if is_users_store(store):
        update_metrics(store, actor_set)
        return None
    if not (store.exists and store.get_meta("seeds_fingerprint") == fingerprint):
        _, run_id = ingest([SEEDS_DIR], store)
        store.set_meta("seeds_fingerprint", fingerprint)
    update_metrics(store, actor_set)
    return run_id
