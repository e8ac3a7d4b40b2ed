"""One document's analysis, and its rows for the store's metric tables.

The rows follow the tables as store.schema declares them: the per-document row is the
metric core's `DocumentFigures`, the mention and attribution rows are built in the column
order of schema.MENTIONS and schema.ATTRIBUTIONS (tested against it).
"""

from __future__ import annotations

import dataclasses
import json

import pyarrow as pa

from compute.model import engine_id, sentiment_model
from corpus.clean import clean
from metrics.actors import ActorSet
from metrics.document import METRICS_VERSION, DocumentAnalysis, analyze_document, mask
from metrics.language import ENGLISH, read_language
from store.schema import ATTRIBUTIONS, DOC_METRICS, MENTIONS
from store.store import DocumentText

Batch = tuple[list[tuple], list[tuple], list[tuple]]


def analysis_key(actors: ActorSet, engine: str) -> str:
    """What a document's stored metrics depend on besides its text."""
    return f"{actors.config_hash}:{METRICS_VERSION}:{engine_id(engine)}"


def analyse_text(
    text: str, actors: ActorSet, engine: str = "model", residue: list[tuple[int, int]] | None = None
) -> DocumentAnalysis:
    """Analyse a document; `residue` spans come from the store when ingest already found
    them, else cleaning finds them here."""
    if residue is None:
        residue = [(r.start, r.end) for r in clean(text).removals]
    return analyze_document(text, actors, english_only(text, residue), sentiment_model(engine))


def english_only(text: str, residue: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans to blank before the English-only metrics: scraper residue, paragraphs in
    another language, and the whole text when most of it is in another language (such a
    document is counted, not scored)."""
    lang = read_language(mask(text, residue))
    if lang.language != ENGLISH:
        return [(0, len(text))]
    return [*residue, *((a, b) for a, b, _ in lang.other)]


def rows_for(doc_id: str, key: str, a: DocumentAnalysis) -> Batch:
    """The document's row of each metric table (doc_metrics, mentions, attributions)."""
    figures = (doc_id, key, *dataclasses.astuple(a.figures()))
    spans = a.sentences
    mentions = [
        (
            doc_id, key, m.actor, m.alias, m.label, m.start, m.end, m.sentence,
            spans[m.sentence].start if spans else m.start,
            spans[m.sentence].end if spans else m.end,
            m.voice, m.sentiment, m.score, m.role, m.resolution, m.reason, m.speaker_actor,
            m.candidates, m.left, m.right, m.confidence, m.rule,
        )
        for m in a.mentions
    ]  # fmt: skip
    attributions = [
        (
            doc_id, key, x.kind, x.cue, x.cue_span[0], x.cue_span[1], x.speaker,
            x.speaker_span[0] if x.speaker_span else None,
            x.speaker_span[1] if x.speaker_span else None,
            x.resolved_speaker, x.content_span[0], x.content_span[1], x.source_type,
            x.stance, x.sentence,
        )
        for x in a.attributions
    ]  # fmt: skip
    return [figures], mentions, attributions


def analyse_batch(docs: list[DocumentText], actors: ActorSet, engine: str, key: str) -> Batch:
    """Rows for a batch of stored documents: the unit a worker computes."""
    out: Batch = ([], [], [])
    for doc_id, text, removals in docs:
        residue = [(r["start"], r["end"]) for r in json.loads(removals)]
        for rows, new in zip(
            out, rows_for(doc_id, key, analyse_text(text, actors, engine, residue)), strict=True
        ):
            rows.extend(new)
    return out


def batch_tables(batch: Batch) -> dict[str, pa.Table]:
    """A computed batch as one Arrow table per metric table, named like the tables."""
    return {
        table.name: table.arrow(rows)
        for table, rows in zip((DOC_METRICS, MENTIONS, ATTRIBUTIONS), batch, strict=True)
    }


def compute_batch(
    docs: list[DocumentText], actors: ActorSet, engine: str, key: str
) -> dict[str, pa.Table]:
    """A batch computed and already in Arrow form: workers return these, so the process that
    writes only inserts them (and Arrow tables cross process boundaries as buffers)."""
    return batch_tables(analyse_batch(docs, actors, engine, key))
