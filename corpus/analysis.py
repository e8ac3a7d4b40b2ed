"""Metrics computed at ingest and persisted per document, per mention, per attribution.

Rows are keyed by document id (a hash of the text) and an analysis key (actors-config hash,
metrics version, sentiment engine), so a document is recomputed only when its text or the
configuration changes, and re-ingesting an unchanged corpus computes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from corpus.clean import clean
from corpus.store import Store
from metrics.actors import ActorSet
from metrics.document import METRICS_VERSION, DocumentAnalysis, analyze_document

METRIC_SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_metrics (
    doc_id TEXT, analysis_key TEXT,
    n_words INTEGER, n_sentences INTEGER, mean_sentence_length DOUBLE,
    flesch_reading_ease DOUBLE, flesch_kincaid_grade DOUBLE, gunning_fog DOUBLE,
    smog_index DOUBLE, coleman_liau_index DOUBLE, dale_chall DOUBLE, readability_missing TEXT,
    n_attributions INTEGER, attributions_per_1000 DOUBLE, quoted_word_share DOUBLE,
    n_direct INTEGER, n_indirect INTEGER, n_according_to INTEGER,
    n_named INTEGER, n_institutional INTEGER, n_anonymous INTEGER, n_unresolved INTEGER,
    n_loaded INTEGER, strong_share DOUBLE, mean_sentence_tone DOUBLE,
    exclamations_per_1000 DOUBLE, first_plural_per_1000 DOUBLE, n_mentions INTEGER,
    PRIMARY KEY (doc_id, analysis_key)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT, analysis_key TEXT, actor TEXT, alias TEXT, label TEXT,
    start_char INTEGER, end_char INTEGER, sentence INTEGER, sent_start INTEGER, sent_end INTEGER,
    voice TEXT, sentiment TEXT, score DOUBLE
);
CREATE TABLE IF NOT EXISTS attributions (
    doc_id TEXT, analysis_key TEXT, kind TEXT, cue TEXT, cue_start INTEGER, cue_end INTEGER,
    speaker TEXT, speaker_start INTEGER, speaker_end INTEGER, resolved_speaker TEXT,
    content_start INTEGER, content_end INTEGER, source_type TEXT, stance TEXT, sentence INTEGER
);
"""
Progress = Callable[[int, int], None]


def analysis_key(actors: ActorSet, engine: str) -> str:
    return f"{actors.config_hash}:{METRICS_VERSION}:{engine}"


def analyse_text(
    text: str, actors: ActorSet, engine: str = "model", residue: list[tuple[int, int]] | None = None
) -> DocumentAnalysis:
    """Analyse a document; `residue` spans come from the store when ingest already found them."""
    if residue is None:
        residue = [(r.start, r.end) for r in clean(text).removals]
    return analyze_document(text, actors, residue, engine)


def rows_for(doc_id: str, key: str, a: DocumentAnalysis) -> tuple[dict, list[tuple], list[tuple]]:
    r, at, em = a.readability, a.attribution, a.emotive
    st = at.by_source_type
    metrics = {
        "doc_id": doc_id,
        "analysis_key": key,
        "n_words": a.n_words,
        "n_sentences": len(a.sentences),
        "mean_sentence_length": r.mean_sentence_length,
        "flesch_reading_ease": r.flesch_reading_ease,
        "flesch_kincaid_grade": r.flesch_kincaid_grade,
        "gunning_fog": r.gunning_fog,
        "smog_index": r.smog_index,
        "coleman_liau_index": r.coleman_liau_index,
        "dale_chall": r.dale_chall,
        "readability_missing": json.dumps(r.missing),
        "n_attributions": at.n_attributions,
        "attributions_per_1000": at.per_1000_words,
        "quoted_word_share": at.quoted_word_share,
        "n_direct": at.by_kind.get("direct", 0),
        "n_indirect": at.by_kind.get("indirect", 0),
        "n_according_to": at.by_kind.get("according-to", 0),
        "n_named": st.get("named", 0),
        "n_institutional": st.get("institutional", 0),
        "n_anonymous": st.get("anonymous", 0),
        "n_unresolved": st.get("unresolved", 0),
        "n_loaded": at.by_stance.get("loaded", 0),
        "strong_share": em.strong_share,
        "mean_sentence_tone": em.mean_sentence_tone,
        "exclamations_per_1000": em.exclamations_per_1000,
        "first_plural_per_1000": em.first_plural_per_1000,
        "n_mentions": len(a.mentions),
    }
    mentions = [
        (
            doc_id,
            key,
            m.actor,
            m.alias,
            m.label,
            m.start,
            m.end,
            m.sentence,
            a.sentences[m.sentence].start if a.sentences else m.start,
            a.sentences[m.sentence].end if a.sentences else m.end,
            m.voice,
            m.sentiment,
            m.score,
        )
        for m in a.mentions
    ]
    attributions = [
        (
            doc_id,
            key,
            x.kind,
            x.cue,
            x.cue_span[0],
            x.cue_span[1],
            x.speaker,
            x.speaker_span[0] if x.speaker_span else None,
            x.speaker_span[1] if x.speaker_span else None,
            x.resolved_speaker,
            x.content_span[0],
            x.content_span[1],
            x.source_type,
            x.stance,
            x.sentence,
        )
        for x in a.attributions
    ]
    return metrics, mentions, attributions


def _analyse_all(
    docs: Iterable[tuple[str, str, str]], actors: ActorSet, engine: str, key: str
) -> Iterator[tuple[dict, list, list]]:
    for doc_id, text, removals in docs:
        residue = [(r["start"], r["end"]) for r in json.loads(removals)]
        yield rows_for(doc_id, key, analyse_text(text, actors, engine, residue))


def update_metrics(
    store: Store, actors: ActorSet, engine: str = "model", progress: Progress | None = None
) -> int:
    """Compute metrics for documents that lack them under the current key; one transaction."""
    store.initialise()
    key = analysis_key(actors, engine)
    with store.connect() as con:
        con.execute(METRIC_SCHEMA)
        todo = con.execute(
            "SELECT id, text, removals FROM documents WHERE id NOT IN "
            "(SELECT doc_id FROM doc_metrics WHERE analysis_key = ?) ORDER BY id",
            [key],
        ).fetchall()
        stale = con.execute(
            "SELECT count(*) FROM doc_metrics WHERE analysis_key <> ?", [key]
        ).fetchone()[0]
    if not todo and not stale:
        store.set_meta("analysis_key", key)
        return 0
    metric_rows: list[dict] = []
    mention_rows: list[tuple] = []
    attribution_rows: list[tuple] = []
    for i, (metrics, mentions, attributions) in enumerate(
        _analyse_all(todo, actors, engine, key), start=1
    ):
        metric_rows.append(metrics)
        mention_rows.extend(mentions)
        attribution_rows.extend(attributions)
        if progress:
            progress(i, len(todo))
    with store.connect() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("doc_metrics", "mentions", "attributions"):
                con.execute(f"DELETE FROM {table} WHERE analysis_key <> ?", [key])
            if metric_rows:
                frame = pd.DataFrame(metric_rows)
                con.register("incoming_metrics", frame)
                con.execute(
                    f"INSERT INTO doc_metrics ({', '.join(frame.columns)}) "
                    "SELECT * FROM incoming_metrics"
                )
                con.unregister("incoming_metrics")
            if mention_rows:
                con.executemany(
                    "INSERT INTO mentions VALUES (" + ", ".join(["?"] * 13) + ")", mention_rows
                )
            if attribution_rows:
                con.executemany(
                    "INSERT INTO attributions VALUES (" + ", ".join(["?"] * 15) + ")",
                    attribution_rows,
                )
            con.execute("INSERT OR REPLACE INTO meta VALUES ('analysis_key', ?)", [key])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return len(todo)
