"""A document's rows are in the column order the schema declares, value by value."""

from __future__ import annotations

import dataclasses

from compute.analyse import analyse_text, batch_tables, rows_for
from corpus.actors_config import load_actors
from store.schema import ATTRIBUTIONS, DOC_METRICS, MENTIONS
from tests.conftest import seed_text


def test_rows_follow_the_schema_column_by_column() -> None:
    analysis = analyse_text(seed_text("004"), load_actors())
    figures, mentions, attributions = rows_for("doc", "key", analysis)
    (doc_row,) = figures
    assert dict(zip(DOC_METRICS.names, doc_row, strict=True)) == {
        "doc_id": "doc", "analysis_key": "key", **dataclasses.asdict(analysis.figures())
    }  # fmt: skip
    assert len(mentions) == len(analysis.mentions) > 5
    for row, m in zip(mentions, analysis.mentions, strict=True):
        named = dict(zip(MENTIONS.names, row, strict=True))
        sentence = analysis.sentences[m.sentence]
        assert (named["actor"], named["start_char"], named["end_char"]) == (m.actor, m.start, m.end)
        assert (named["sent_start"], named["sent_end"]) == (sentence.start, sentence.end)
        assert (named["voice"], named["score"]) == (m.voice, m.score)
    assert len(attributions) == len(analysis.attributions) > 0
    for row, a in zip(attributions, analysis.attributions, strict=True):
        named = dict(zip(ATTRIBUTIONS.names, row, strict=True))
        assert (named["kind"], named["cue_start"], named["content_end"]) == (
            a.kind, a.cue_span[0], a.content_span[1]
        )  # fmt: skip
        assert (named["source_type"], named["stance"]) == (a.source_type, a.stance)


def test_batch_tables_carry_the_schema_types() -> None:
    analysis = analyse_text(seed_text("000"), load_actors())
    tables = batch_tables(rows_for("doc", "key", analysis))
    for table in (DOC_METRICS, MENTIONS, ATTRIBUTIONS):
        assert tables[table.name].schema == table.arrow_schema()
