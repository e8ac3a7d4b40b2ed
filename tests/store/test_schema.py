"""The schema is declared once: tables follow the record types, and what is written matches."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from metrics.document import DocumentFigures
from store import schema
from store.schema import DOC_METRICS, TABLES, Column


def test_the_per_document_table_is_the_metric_cores_figures() -> None:
    """Adding a field to DocumentFigures adds the column: nothing else lists them."""
    figures = [f.name for f in dataclasses.fields(DocumentFigures)]
    assert DOC_METRICS.names == ("doc_id", "analysis_key", *figures)
    assert set(schema.FIGURES) < set(figures) and "readability_missing" not in schema.FIGURES


COLUMNS = [
    ("text-not-null", "documents", "source", Column("source", "TEXT", False)),
    ("optional-date", "documents", "date", Column("date", "DATE", True)),
    ("wide-integer", "ingest_files", "size", Column("size", "BIGINT", False)),
    ("optional-float", "doc_metrics", "smog_index", Column("smog_index", "DOUBLE", True)),
    ("count", "doc_metrics", "n_mentions", Column("n_mentions", "INTEGER", False)),
    ("optional-speaker", "attributions", "speaker", Column("speaker", "TEXT", True)),
]


@pytest.mark.parametrize(
    "table, name, expected", [c[1:] for c in COLUMNS], ids=[c[0] for c in COLUMNS]
)
def test_column_types_follow_the_record_types(table: str, name: str, expected: Column) -> None:
    columns = {t.name: {c.name: c for c in t.columns} for t in TABLES}
    assert columns[table][name] == expected


def test_the_definitions_create_every_table_and_arrow_rows_insert() -> None:
    con = duckdb.connect()
    con.execute("\n".join(t.ddl() for t in TABLES))
    for table in TABLES:
        described = [r[0] for r in con.execute(f"DESCRIBE {table.name}").fetchall()]
        assert tuple(described) == table.names
    row = ("d1", "k", *[None] * (len(DOC_METRICS.columns) - 2))
    row = tuple(v if v is not None or c.nullable else (0 if c.sql == "INTEGER" else "x")
                for v, c in zip(row, DOC_METRICS.columns, strict=True))  # fmt: skip
    arrow = DOC_METRICS.arrow([row])
    con.register("incoming", arrow)
    con.execute("INSERT INTO doc_metrics BY NAME SELECT * FROM incoming")
    assert con.execute("SELECT doc_id, smog_index FROM doc_metrics").fetchall() == [("d1", None)]
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO doc_metrics BY NAME SELECT * FROM incoming")  # primary key
