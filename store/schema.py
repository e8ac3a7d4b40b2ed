"""Every table of the store, declared once, as the record types its rows are.

A table is a list of record dataclasses whose fields are its columns, in order. The SQL
definitions, the Arrow schemas that batches are inserted with, and the column lists that
reads and writes name all derive from these declarations. The per-document metric table
takes its columns from the metric core's own `DocumentFigures`, so adding a document metric
is one field there (and its computation), nothing here.

A field's SQL type follows from its Python type (str TEXT, int INTEGER, float DOUBLE, date
DATE, datetime TIMESTAMP; `Sql("BIGINT")` where a wider one is needed); a field that cannot be
None is NOT NULL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any

import pyarrow as pa

from metrics.document import DocumentFigures

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Sql:
    """A column type other than the one its Python type gives."""

    type: str


_SQL = {
    str: "TEXT", int: "INTEGER", float: "DOUBLE", dt.date: "DATE", dt.datetime: "TIMESTAMP",
    bool: "BOOLEAN", bytes: "BLOB",
}  # fmt: skip
_ARROW = {
    "TEXT": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "BLOB": pa.binary(),
}


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    nullable: bool

    @property
    def arrow(self) -> pa.DataType:
        return _ARROW[self.sql]


def _column(name: str, hint: Any) -> Column:
    sql = None
    if typing.get_origin(hint) is Annotated:
        hint, *extras = typing.get_args(hint)
        sql = next((e.type for e in extras if isinstance(e, Sql)), None)
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(hint))
        (hint,) = args
    return Column(name, sql or _SQL[hint], nullable)


def columns_of(*records: type) -> tuple[Column, ...]:
    """The columns of record dataclasses, in field order."""
    out: list[Column] = []
    for record in records:
        hints = typing.get_type_hints(record, include_extras=True)
        out += [_column(f.name, hints[f.name]) for f in dataclasses.fields(record)]
    return tuple(out)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self) -> str:
        parts = [f"{c.name} {c.sql}{'' if c.nullable else ' NOT NULL'}" for c in self.columns]
        if self.primary_key:
            parts.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(parts)});"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, c.arrow) for c in self.columns])

    def arrow(self, rows: list[tuple]) -> pa.Table:
        """Rows (tuples in column order) as an Arrow table of this table's types: a batch
        in which, say, no document is long enough for SMOG still has a float column."""
        data = list(zip(*rows, strict=True)) if rows else [[] for _ in self.columns]
        return pa.Table.from_arrays(
            [pa.array(v, type=c.arrow) for c, v in zip(self.columns, data, strict=True)],
            schema=self.arrow_schema(),
        )


def table(name: str, *records: type, primary_key: tuple[str, ...] = ()) -> Table:
    return Table(name, columns_of(*records), primary_key)


# ---- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    key: str
    value: str | None


@dataclass(frozen=True)
class Document:
    """A document as ingest stores it. `id` is a hash of the text as given; `removals` is
    the JSON list of the scraper residue cleaning found (offsets into `text`)."""

    id: str
    origin: str
    source: str
    source_type: str
    date: dt.date | None
    title: str | None
    author: str | None
    signature: str | None
    url: str | None
    encoding: str | None
    text: str
    removals: str
    n_chars: int
    date_precision: str | None = None  # "day", "month" or "year": as precise as given
    language: str | None = None  # the language of most of its letters (ISO 639-1)


# The fields of a document that its file or manifest row (not its text) decide: a document
# whose text is stored already is "updated" when one of these changed.
METADATA = (
    "source",
    "source_type",
    "date",
    "date_precision",
    "title",
    "author",
    "signature",
    "url",
)


@dataclass(frozen=True)
class Provenance:
    run_id: int
    ingested_at: dt.datetime


@dataclass(frozen=True)
class IngestRunRow:
    run_id: int
    started_at: dt.datetime
    inputs: str
    n_added: int | None
    n_updated: int | None
    n_unchanged: int | None
    n_rejected: int | None
    n_warnings: int | None


@dataclass(frozen=True)
class IngestFile:
    """What a re-ingest needs to skip a file it read before (see corpus.ingest)."""

    path: str
    size: Annotated[int, Sql("BIGINT")]
    mtime_ns: Annotated[int, Sql("BIGINT")]
    key: str
    record: str


@dataclass(frozen=True)
class IngestIssue:
    run_id: int
    severity: str
    file: str
    line: int | None
    message: str
    doc_id: str | None


@dataclass(frozen=True)
class MetricKey:
    """Metric rows belong to a document and an analysis key (actors-config hash, metrics
    version, sentiment engine): a document is recomputed only when either changes."""

    doc_id: str
    analysis_key: str


@dataclass(frozen=True)
class Mention:
    actor: str
    alias: str
    label: str
    start_char: int
    end_char: int
    sentence: int
    sent_start: int
    sent_end: int
    voice: str
    sentiment: str
    score: float
    role: str  # speaker, target or own-quote (metrics.roles)
    resolution: str  # name, context, document (credited) or other, ambiguous (metrics.resolve)
    reason: str | None
    speaker_actor: str | None  # the actor whose words hold the mention
    candidates: str  # the actors listing the alias, space-separated
    left_word: str | None  # the capitalised words beside it, for the alias audit
    right_word: str | None
    confidence: float  # the model's probability of `sentiment` (metrics.actor_sentiment)
    rule: str | None  # the composition rule that bounded the score (metrics.composition)


# The SQL condition a mention row meets when it counts for its actor, and when it counts
# toward tone toward its actor (the text evaluates the actor; not the actor speaking).
CREDITED = "resolution IN ('name', 'context', 'document')"
TONE = f"{CREDITED} AND role = 'target'"


@dataclass(frozen=True)
class AttributionRow:
    kind: str
    cue: str
    cue_start: int
    cue_end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    resolved_speaker: str | None
    content_start: int
    content_end: int
    source_type: str
    stance: str
    sentence: int


@dataclass(frozen=True)
class DocumentFilters:
    """A document's filter columns, copied into the summaries to spare the charts a join."""

    source: str
    source_type: str
    date: dt.date | None


@dataclass(frozen=True)
class ToneSummary:
    """Per document and actor: the mentions that count toward tone (credited, role target)
    and the sum of their scores in millionths, by voice (scores are stored rounded to six
    decimals, so the integer sums are exact); and how often the actor speaks."""

    actor: str
    n_author: int
    micro_author: Annotated[int, Sql("BIGINT")]
    n_quoted: int
    micro_quoted: Annotated[int, Sql("BIGINT")]
    n_speaks: int  # credited mentions where the actor speaks (not in the tone counts)


@dataclass(frozen=True)
class NamingSummary:
    actor: str
    alias: str
    label: str
    n: int


@dataclass(frozen=True)
class Label:
    """One analyst's reading of one item the model scored (see corpus.labels). Rows are
    only ever added: relabelling adds a row, so the history stays."""

    kind: str  # "tone" or "attribution"
    item: str  # the item's key: "doc_id:start:end:actor" for a tone mention
    label: str
    labeller: str
    labelled_at: str  # ISO 8601
    model_version: str
    model_label: str
    text_hash: str


@dataclass(frozen=True)
class Fingerprint:
    """A document's near-duplicate fingerprint (metrics.reprints): its shingle count and
    MinHash, kept so a later ingest compares new documents without re-reading old ones."""

    doc_id: str
    n_shingles: int
    hashes: bytes


@dataclass(frozen=True)
class Band:
    """One LSH band key of a document: documents sharing a key are reprint candidates."""

    doc_id: str
    band: int
    key: Annotated[int, Sql("BIGINT")]


@dataclass(frozen=True)
class ReprintMember:
    """A document that belongs to a reprint family (families of two or more only); `family`
    is the id of its canonical member (earliest, else longest)."""

    doc_id: str
    family: str
    canonical: bool


META = table("meta", Meta, primary_key=("key",))
DOCUMENTS = table("documents", Document, Provenance, primary_key=("id",))
INGEST_RUNS = table("ingest_runs", IngestRunRow, primary_key=("run_id",))
INGEST_FILES = table("ingest_files", IngestFile, primary_key=("path",))
INGEST_ISSUES = table("ingest_issues", IngestIssue)
DOC_METRICS = table(
    "doc_metrics", MetricKey, DocumentFigures, primary_key=("doc_id", "analysis_key")
)
MENTIONS = table("mentions", MetricKey, Mention)
ATTRIBUTIONS = table("attributions", MetricKey, AttributionRow)
TONE_BY_DOC = table("tone_by_doc", MetricKey, DocumentFilters, ToneSummary)
NAMING_BY_DOC = table("naming_by_doc", MetricKey, DocumentFilters, NamingSummary)
LABELS = table("labels", Label)
FINGERPRINTS = table("fingerprints", Fingerprint, primary_key=("doc_id",))
BANDS = table("reprint_bands", Band)
REPRINTS = table("reprints", ReprintMember, primary_key=("doc_id",))

TABLES = (
    META, DOCUMENTS, INGEST_RUNS, INGEST_FILES, INGEST_ISSUES,
    DOC_METRICS, MENTIONS, ATTRIBUTIONS, TONE_BY_DOC, NAMING_BY_DOC, LABELS,
    FINGERPRINTS, BANDS, REPRINTS,
)  # fmt: skip
# An analyst's latest tone label of a mention ("doc_id:start:end:actor") overrides the model
# for it everywhere the dashboard reads mentions: a label counts as a certain reading (-1, 0,
# +1 on the model's scale, where a score is the signed probability of its label) and "wrong
# actor" removes the mention. `mentions_read` is the mentions table as every aggregate sees
# it; `corrected` says which rows an analyst's label changed, `model_*` keep the model's own.
# The document id is a hash of its text, so a label never moves to a changed document.
CORRECTION_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
VIEWS = (
    "CREATE OR REPLACE VIEW corrections AS SELECT "
    "regexp_extract(item, '^([^:]+):([0-9]+):([0-9]+):(.+)$', 1) AS doc_id, "
    "CAST(regexp_extract(item, '^([^:]+):([0-9]+):([0-9]+):(.+)$', 2) AS INTEGER) "
    "AS start_char, "
    "CAST(regexp_extract(item, '^([^:]+):([0-9]+):([0-9]+):(.+)$', 3) AS INTEGER) AS end_char, "
    "regexp_extract(item, '^([^:]+):([0-9]+):([0-9]+):(.+)$', 4) AS actor, "
    "label, labeller, labelled_at FROM labels "
    "WHERE kind = 'tone' AND regexp_matches(item, '^[^:]+:[0-9]+:[0-9]+:.+$') "
    "QUALIFY row_number() OVER (PARTITION BY item ORDER BY labelled_at DESC, rowid DESC) = 1;\n"
    "CREATE OR REPLACE VIEW mentions_read AS SELECT m.* REPLACE ("
    "coalesce(c.label, m.sentiment) AS sentiment, "
    "CASE c.label "
    + " ".join(f"WHEN '{k}' THEN {v}" for k, v in CORRECTION_SCORES.items())
    + " ELSE m.score END AS score), "
    "c.label IS NOT NULL AS corrected, c.labeller AS corrected_by, "
    "m.sentiment AS model_sentiment, m.score AS model_score "
    "FROM mentions m LEFT JOIN corrections c ON c.doc_id = m.doc_id "
    "AND c.start_char = m.start_char AND c.end_char = m.end_char AND c.actor = m.actor "
    "WHERE c.label IS DISTINCT FROM 'wrong actor';"
)
# What the compute stage writes per document, and the summaries derived from its mentions.
METRIC_TABLES = (DOC_METRICS, MENTIONS, ATTRIBUTIONS)
SUMMARY_TABLES = (TONE_BY_DOC, NAMING_BY_DOC)
# Per-document metric columns: all of them, and those the dashboard may aggregate (numbers).
FIGURE_COLUMNS = tuple(c.name for c in columns_of(DocumentFigures))
FIGURES = tuple(c.name for c in columns_of(DocumentFigures) if c.sql != "TEXT")
