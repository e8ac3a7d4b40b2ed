"""Read-side queries for the dashboard: filters become SQL, aggregation happens in DuckDB.

Only the rows a chart needs come back (one row per group for estimates, counts for the
naming and attribution charts, a page of sentences for the evidence view), never whole
tables. Estimates use documents as the sampling unit (metrics.aggregate).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from aggregates.view import ViewFilter
from metrics.aggregate import TONE_BOUNDS, mean_interval, t_interval
from store import Store, StoredDocument
from store.schema import CREDITED, FIGURE_COLUMNS, FIGURES, TONE


def _key(con) -> str:
    row = con.execute("SELECT value FROM meta WHERE key = 'analysis_key'").fetchone()
    return row[0] if row else ""


def _query(store: Store, sql: str, params: Sequence = ()) -> pd.DataFrame:
    with store.connect(read_only=True) as con:
        key = _key(con)
        return con.execute(
            sql.replace("{KEY}", "?"), [key, *params] if "{KEY}" in sql else list(params)
        ).df()


DOCUMENT_LIST = (
    "id", "origin", "source", "source_type", "date", "date_precision", "title", "author",
    "n_chars", "language",
)  # fmt: skip


def all_documents(store: Store) -> pd.DataFrame:
    """Every document's listing (no text), in source, date, id order."""
    return store.documents(DOCUMENT_LIST)


def ingest_issues(store: Store) -> pd.DataFrame:
    """Every ingest run's report lines."""
    return store.issues()


def document(store: Store, doc_id: str) -> StoredDocument | None:
    """One document with its text and residue."""
    return store.document(doc_id)


def corpus_options(store: Store) -> dict:
    """What the filters can offer: sources with their types, date bounds, document counts.
    (A source listed under several types is shown with the type of its latest document.)"""
    sources = _query(
        store,
        "SELECT source, last(source_type ORDER BY date ASC NULLS LAST, id) AS source_type "
        "FROM documents GROUP BY source ORDER BY source",
    )
    types = _query(store, "SELECT DISTINCT source_type FROM documents ORDER BY source_type")
    languages = _query(
        store, "SELECT DISTINCT coalesce(language, 'en') AS language FROM documents ORDER BY 1"
    )
    span = _query(
        store,
        "SELECT min(date) AS lo, max(date) AS hi, count(*) AS n, "
        "count(*) FILTER (WHERE date IS NULL) AS undated FROM documents",
    ).iloc[0]
    return {
        "sources": sources["source"].tolist(),
        "source_types": types["source_type"].tolist(),
        "source_type_of": dict(zip(sources["source"], sources["source_type"], strict=True)),
        "date_min": pd.Timestamp(span["lo"]).date() if pd.notna(span["lo"]) else None,
        "date_max": pd.Timestamp(span["hi"]).date() if pd.notna(span["hi"]) else None,
        "n_documents": int(span["n"]),
        "n_undated": int(span["undated"]),
        "group_colors": json.loads(store.get_meta("group_colors") or "{}"),
        "languages": languages["language"].tolist(),
        "analysis_key": store.get_meta("analysis_key") or "",
        "n_reprints": int(
            _query(store, "SELECT count(*) AS n FROM reprints WHERE NOT canonical").iloc[0]["n"]
        ),
    }


def _metric_column(metric: str) -> str:
    if metric not in FIGURES:
        raise ValueError(f"not a document metric: {metric}")
    return f"m.{metric}"


def metric_values(
    store: Store, f: ViewFilter, metric: str, sample: int | None = None
) -> pd.DataFrame:
    """One document metric per scored document in the view (id, source, source_type, title,
    n_words, value). With `sample`, at most that many, chosen by a hash of the id: a fixed
    pseudo-random subset that does not reshuffle when the view changes."""
    where, params = f.where()
    col = _metric_column(metric)
    order = "hash(d.id), d.id" if sample else "d.source, d.date, d.id"
    limit = f" LIMIT {int(sample)}" if sample else ""
    return _query(
        store,
        f"SELECT d.id, d.source, d.source_type, d.title, m.n_words, {col} AS value "
        f"FROM documents d JOIN doc_metrics m ON m.doc_id = d.id AND m.analysis_key = {{KEY}} "
        f"WHERE {where} AND {col} IS NOT NULL AND NOT isnan({col}) ORDER BY {order}{limit}",
        params,
    )


def metric_coverage(store: Store, f: ViewFilter, metric: str) -> dict:
    """Documents in the view, how many a metric scored, and one reason given for the rest."""
    where, params = f.where()
    col = _metric_column(metric)
    scored = f"{col} IS NOT NULL AND NOT isnan({col})"
    frame = _query(
        store,
        f"SELECT count(*) AS n_docs, count(*) FILTER (WHERE {scored}) AS n_scored, "
        f"min(m.readability_missing) FILTER (WHERE NOT ({scored})) AS missing "
        f"FROM documents d JOIN doc_metrics m ON m.doc_id = d.id AND m.analysis_key = {{KEY}} "
        f"WHERE {where}",
        params,
    )
    row = frame.iloc[0]
    reasons = json.loads(row["missing"]) if isinstance(row["missing"], str) else {}
    return {
        "n_docs": int(row["n_docs"]),
        "n_scored": int(row["n_scored"]),
        "reason": reasons.get(metric, ""),
    }


def find_documents(
    store: Store, f: ViewFilter, search: str = "", limit: int = 500
) -> tuple[pd.DataFrame, int]:
    """Documents in the view whose title, origin, source or id contain `search` (any case):
    the first `limit` in source, date, id order, and how many match in all."""
    where, params = f.where()
    needle = search.strip().lower()
    if needle:
        fields = ("d.title", "d.origin", "d.source", "d.id")
        where += " AND (" + " OR ".join(f"contains(lower({c}), ?)" for c in fields) + ")"
        params = [*params, *[needle] * len(fields)]
    frame = _query(
        store,
        "SELECT d.id, d.origin, d.source, d.date, d.date_precision, d.title, "
        "count(*) OVER () AS total "
        f"FROM documents d WHERE {where} ORDER BY d.source, d.date, d.id LIMIT {int(limit)}",
        params,
    )
    total = int(frame["total"].iloc[0]) if len(frame) else 0
    return frame.drop(columns="total"), total


def document_metrics(store: Store, doc_id: str) -> dict | None:
    """The stored per-document metrics of one document under the current key."""
    cols = ", ".join(FIGURE_COLUMNS)
    frame = _query(
        store,
        f"SELECT {cols} FROM doc_metrics WHERE analysis_key = {{KEY}} AND doc_id = ?",
        [doc_id],
    )
    return frame.iloc[0].to_dict() if len(frame) else None


def naming(store: Store, f: ViewFilter) -> pd.DataFrame:
    """How each source names each actor: mentions and documents per alias and label."""
    where, params = f.where("m")
    actor_sql, actor_params = f.actor_clause()
    return _query(
        store,
        "SELECT m.source, m.source_type, m.actor, m.alias, m.label, "
        "CAST(sum(m.n) AS BIGINT) AS n, count(*) AS n_docs FROM naming_by_doc m "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {actor_sql} "
        "GROUP BY ALL ORDER BY m.source, m.actor, n DESC",
        [*params, *actor_params],
    )


def attributions(store: Store, f: ViewFilter) -> pd.DataFrame:
    """Attribution counts per source by kind, source type and verb stance."""
    where, params = f.where()
    return _query(
        store,
        "SELECT d.source, d.source_type, a.kind, a.source_type AS speaker_type, a.stance, "
        "count(*) AS n, count(DISTINCT d.id) AS n_docs "
        "FROM attributions a JOIN documents d ON d.id = a.doc_id "
        f"WHERE a.analysis_key = {{KEY}} AND {where} GROUP BY ALL",
        params,
    )


def top_speakers(store: Store, f: ViewFilter, limit: int = 10) -> pd.DataFrame:
    where, params = f.where()
    return _query(
        store,
        "SELECT source, source_type, speaker, speaker_type, n FROM ("
        "SELECT d.source, d.source_type, coalesce(a.resolved_speaker, a.speaker) AS speaker, "
        "any_value(a.source_type) AS speaker_type, count(*) AS n, "
        "row_number() OVER (PARTITION BY d.source ORDER BY count(*) DESC, "
        "coalesce(a.resolved_speaker, a.speaker)) AS rank "
        "FROM attributions a JOIN documents d ON d.id = a.doc_id "
        f"WHERE a.analysis_key = {{KEY}} AND {where} AND a.speaker IS NOT NULL "
        "AND a.source_type <> 'unresolved' GROUP BY d.source, d.source_type, 3"
        f") WHERE rank <= {int(limit)} ORDER BY source, n DESC",
        params,
    )


EVIDENCE_ORDERS = {
    "strongest": "abs({s}) DESC",
    "most negative": "{s} ASC",
    "most positive": "{s} DESC",
}


def evidence_totals(
    store: Store, f: ViewFilter, actor: str, source: str, voice: str | None = None
) -> dict:
    """Tone toward `actor` in `source` over the whole view (not only the sentences shown):
    the same figure, by the same definition and interval, as the charts' cell for that
    source and actor (`tone_estimates`), with its mentions and documents."""
    n, micro = _voice_columns(voice)
    where, params = f.where("m")
    sql = (
        f"SELECT m.actor AS actor, m.doc_id, ({micro}) / ({n}) / 1e6 AS value, {n} AS items "
        "FROM tone_by_doc m "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND m.actor = ? AND m.source = ? "
        f"AND {n} > 0"
    )
    est = _estimate(store, sql, [*params, actor, source], ("actor",), TONE_BOUNDS)
    if est.empty:
        return {"n": 0, "n_docs": 0, "mean": None, "low": None, "high": None,
                "small_sample": True}  # fmt: skip
    row = est.iloc[0]
    return {
        "n": int(row["n_items"]),
        "n_docs": int(row["n_docs"]),
        "mean": float(row["mean"]),
        "low": None if pd.isna(row["low"]) else float(row["low"]),
        "high": None if pd.isna(row["high"]) else float(row["high"]),
        "small_sample": bool(row["small_sample"]),
    }


EVIDENCE_KINDS = {
    "tone": TONE,
    "speaks": f"{CREDITED} AND role = 'speaker'",
    "own-quote": f"{CREDITED} AND role = 'own-quote'",
    "left out": f"NOT ({CREDITED})",
}


def evidence(
    store: Store,
    f: ViewFilter,
    actor: str | None,
    source: str | None,
    voice: str | None = None,
    limit: int = 200,
    order: str = "strongest",
    kind: str = "tone",
) -> pd.DataFrame:
    """Mentions with their sentence text and offsets within it: the `limit` strongest
    (largest |score|), most negative or most positive, in that order. `kind` picks which:
    those counted in tone toward the actor (default), those where the actor speaks or is in
    its own quote, or the alias matches left out (another entity, ambiguous), which list
    under every actor that has the alias."""
    if kind not in EVIDENCE_KINDS:
        raise ValueError(f"unknown kind '{kind}' (choose from {', '.join(EVIDENCE_KINDS)})")
    if order not in EVIDENCE_ORDERS:
        raise ValueError(f"unknown order '{order}' (choose from {', '.join(EVIDENCE_ORDERS)})")
    score_order = EVIDENCE_ORDERS[order]
    where, params = f.where()
    extra, extra_params = [EVIDENCE_KINDS[kind].replace("role", "m.role")], []
    if actor and kind == "left out":
        extra.append("list_contains(string_split(m.candidates, ' '), ?)")
        extra_params.append(actor)
    elif actor:
        extra.append("m.actor = ?")
        extra_params.append(actor)
    if source:
        extra.append("d.source = ?")
        extra_params.append(source)
    if voice:
        extra.append("m.voice = ?")
        extra_params.append(voice)
    extra_sql = " AND ".join(["TRUE", *extra])
    # pick the mentions first and read document text only for those: joining the text of
    # every candidate mention would read the whole corpus to show a page of sentences
    return _query(
        store,
        "WITH top AS (SELECT d.id AS doc_id, d.source, d.source_type, d.date, d.date_precision, "
        "d.title, m.actor, m.alias, m.label, m.voice, m.sentiment, m.score, m.sentence, "
        "m.start_char, m.end_char, m.sent_start, m.sent_end, m.role, m.resolution, m.reason, "
        "m.speaker_actor, m.confidence, m.rule, m.corrected, m.corrected_by, "
        "m.model_sentiment, m.model_score "
        "FROM mentions_read m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {extra_sql} "
        f"ORDER BY {score_order.format(s='m.score')}, d.id, m.start_char LIMIT {int(limit)}) "
        "SELECT top.doc_id, top.source, top.source_type, top.date, top.date_precision, "
        f"{CITED_TITLE} AS title, "
        "top.actor, "
        "top.alias, top.label, top.voice, top.sentiment, top.score, top.sentence, "
        "substr(t.text, top.sent_start + 1, top.sent_end - top.sent_start) AS sentence_text, "
        "top.start_char - top.sent_start AS mention_start, "
        "top.end_char - top.sent_start AS mention_end, top.sent_start, top.sent_end, "
        "top.role, top.resolution, top.reason, top.speaker_actor, top.confidence, top.rule, "
        "top.corrected, top.corrected_by, top.model_sentiment, top.model_score "
        "FROM top JOIN documents t ON t.id = top.doc_id "
        f"ORDER BY {score_order.format(s='top.score')}, top.doc_id, top.start_char",
        [*params, *extra_params],
    )


def quote_spans(store: Store, doc_ids: Sequence[str]) -> pd.DataFrame:
    if not doc_ids:
        return pd.DataFrame(columns=["doc_id", "content_start", "content_end", "kind"])
    marks = ", ".join("?" * len(doc_ids))
    return _query(
        store,
        "SELECT doc_id, content_start, content_end, kind, cue_start, cue_end, speaker_start, "
        "speaker_end, speaker, source_type, stance, cue FROM attributions "
        f"WHERE analysis_key = {{KEY}} AND doc_id IN ({marks}) ORDER BY doc_id, cue_start",
        list(doc_ids),
    )


def document_mentions(store: Store, doc_id: str) -> pd.DataFrame:
    return _query(
        store,
        "SELECT actor, alias, label, start_char, end_char, voice, sentiment, score, role, "
        "resolution, reason, speaker_actor, candidates, confidence, rule, corrected, "
        "model_sentiment "
        "FROM mentions_read WHERE analysis_key = {KEY} AND doc_id = ? ORDER BY start_char",
        [doc_id],
    )


def weekly_counts(store: Store, f: ViewFilter) -> pd.DataFrame:
    where, params = f.where()
    return _query(
        store,
        "SELECT d.source, d.source_type, date_trunc('week', d.date) AS week, count(*) AS n "
        f"FROM documents d WHERE {where} AND d.date IS NOT NULL GROUP BY ALL ORDER BY week",
        params,
    )


# How Evidence cites a document: its title, else its opening words (a wire reprint often has
# no title, and a content hash tells an analyst nothing)
CITED_TITLE = (
    "coalesce(nullif(trim(top.title), ''), regexp_extract(regexp_replace(regexp_replace("
    "left(t.text, 160), '^\\s*(\\[[^\\]]{1,20}\\]\\s*)+', ''), '\\s+', ' ', 'g'), "
    "'^\\s*(.{1,70})(\\s|$)', 1) || '…')"
)
GROUP_COLUMNS = {"source": "{doc}.source", "source_type": "{doc}.source_type", "actor": "m.actor"}
ESTIMATE_COLUMNS = ["mean", "low", "high", "n_docs", "n_items", "small_sample"]


def _group_sql(by: Sequence[str], allowed: Sequence[str], doc: str = "d") -> list[str]:
    """Group columns; `doc` is the alias holding the document columns (source, type)."""
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)} (choose from {', '.join(allowed)})")
    return [f"{GROUP_COLUMNS[b].format(doc=doc)} AS {b}" for b in by if b in GROUP_COLUMNS]


def _estimate(
    store: Store,
    per_doc_sql: str,
    params: list,
    by: Sequence[str],
    bounds: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Per group, in DuckDB: n, item count, mean and spread of the per-document values; the
    t interval needs nothing else, so nothing per document leaves DuckDB."""
    keys = ", ".join(by)
    scored = (
        f"WITH v AS ({per_doc_sql}) SELECT * FROM v WHERE value IS NOT NULL AND NOT isnan(value)"
    )
    stats = _query(
        store,
        f"WITH s AS ({scored}) SELECT {keys}, count(*) AS n_docs, sum(items) AS n_items, "
        f"avg(value) AS mean, stddev_samp(value) AS sd FROM s GROUP BY ALL ORDER BY {keys}",
        params,
    )
    out = []
    for r in stats.itertuples(index=False):
        group = tuple(getattr(r, b) for b in by)
        sd = None if pd.isna(r.sd) else float(r.sd)
        est = t_interval(float(r.mean), sd, int(r.n_docs), int(r.n_items), bounds=bounds)
        out.append(
            {**dict(zip(by, group, strict=True)), "mean": est.mean, "low": est.low,
             "high": est.high, "n_docs": est.n_docs, "n_items": est.n_items,
             "small_sample": est.small_sample}
        )  # fmt: skip
    return pd.DataFrame(out, columns=[*by, *ESTIMATE_COLUMNS])


VOICES = {
    None: ("m.n_author + m.n_quoted", "m.micro_author + m.micro_quoted"),
    "author": ("m.n_author", "m.micro_author"),
    "quoted": ("m.n_quoted", "m.micro_quoted"),
}


def _voice_columns(voice: str | None) -> tuple[str, str]:
    """tone_by_doc's mention count and score sum (in millionths) for a voice (None: both)."""
    if voice not in VOICES:
        raise ValueError(f"unknown voice '{voice}' (choose from author, quoted)")
    return VOICES[voice]


def tone_estimates(
    store: Store, f: ViewFilter, by: Sequence[str], voice: str | None = None
) -> pd.DataFrame:
    """Mean mention score toward actors per group: each document's value is the mean score
    of its mentions in the group (items: mentions), then documents are averaged. Read from
    the per-document summaries (store.schema.TONE_BY_DOC), not from every mention:
    grouped by actor, each summary row already is one document's value."""
    n, micro = _voice_columns(voice)
    where, params = f.where("m")
    actor_sql, actor_params = f.actor_clause()
    groups = _group_sql(by, ("source", "source_type", "actor"), doc="m")
    if "actor" in by:
        value, items, tail = f"({micro}) / ({n}) / 1e6", n, ""
    else:
        value, items, tail = f"sum({micro}) / sum({n}) / 1e6", f"sum({n})", " GROUP BY ALL"
    sql = (
        f"SELECT {', '.join(groups)}, m.doc_id, {value} AS value, {items} AS items "
        "FROM tone_by_doc m "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {actor_sql} AND {n} > 0{tail}"
    )
    return _estimate(store, sql, [*params, *actor_params], by, TONE_BOUNDS)


def metric_estimates(
    store: Store,
    f: ViewFilter,
    by: Sequence[str],
    metrics: Sequence[str],
    items: str | None = None,
) -> pd.DataFrame:
    """Means of per-document metrics per group (and per metric, in a `metric` column);
    items are the documents, or the sum of the `items` column when one is named."""
    unknown = [c for c in [*metrics, *([items] if items else [])] if c not in FIGURES]
    if unknown:
        raise ValueError(f"not a document metric: {', '.join(unknown)}")
    where, params = f.where()
    groups = _group_sql([b for b in by if b != "metric"], ("source", "source_type", "metric"))
    columns = ", ".join(f"CAST(m.{c} AS DOUBLE) AS {c}" for c in metrics)
    item_sql = f"m.{items}" if items else "1"
    inner = (
        f"SELECT {', '.join(groups)}, d.id AS doc_id, {item_sql} AS items, {columns} "
        "FROM documents d JOIN doc_metrics m ON m.doc_id = d.id AND m.analysis_key = {KEY} "
        f"WHERE {where}"
    )
    sql = f"UNPIVOT ({inner}) ON {', '.join(metrics)} INTO NAME metric VALUE value"
    out = _estimate(store, sql, params, [*by] if "metric" in by else [*by, "metric"])
    # a rate or share cannot be negative: its interval is cut at 0 (said on Methodology)
    counts = out["metric"].map(_never_negative).astype(bool)
    out.loc[counts, "low"] = pd.to_numeric(out.loc[counts, "low"], errors="coerce").clip(lower=0)
    return out if "metric" in by or len(metrics) > 1 else out.drop(columns="metric")


def _never_negative(metric: str) -> bool:
    return metric.endswith(("_per_1000", "_share")) or metric.startswith("n_")


def view_counts(store: Store, f: ViewFilter) -> dict[str, Any]:
    """Documents in the view (all, and per source group under "groups") and actor mentions:
    the headline n."""
    where, params = f.where()
    m_where, m_params = f.where("m")
    actor_sql, actor_params = f.actor_clause()
    docs = _query(
        store,
        f"SELECT d.source_type, count(*) AS n FROM documents d WHERE {where} GROUP BY ALL",
        params,
    )
    mentions = _query(
        store,
        "SELECT CAST(coalesce(sum(m.n_author + m.n_quoted), 0) AS BIGINT) AS n "
        f"FROM tone_by_doc m WHERE m.analysis_key = {{KEY}} AND {m_where} AND {actor_sql}",
        [*m_params, *actor_params],
    )
    groups = {str(r.source_type): int(r.n) for r in docs.itertuples()}
    return {
        "documents": sum(groups.values()),
        "mentions": int(mentions["n"].iloc[0]) if len(mentions) else 0,
        "groups": dict(sorted(groups.items())),
    }


def alias_audit(store: Store, f: ViewFilter) -> pd.DataFrame:
    """Per alias (as each actor lists it): matches in the view, how many were credited to
    the actor, found to be another entity, or left ambiguous."""
    where, params = f.where()
    return _query(
        store,
        "SELECT m.actor, m.alias, count(*) AS n, "
        f"count(*) FILTER (WHERE {CREDITED.replace('resolution', 'm.resolution')}) AS credited, "
        "count(*) FILTER (WHERE m.resolution = 'other') AS other_entity, "
        "count(*) FILTER (WHERE m.resolution = 'ambiguous') AS ambiguous, "
        "count(*) FILTER (WHERE m.resolution IN ('context', 'document')) AS by_context, "
        "count(DISTINCT m.doc_id) AS n_docs "
        "FROM mentions_read m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.analysis_key = {{KEY}} AND {where} GROUP BY ALL ORDER BY m.actor, n DESC",
        params,
    )


def alias_neighbours(store: Store, f: ViewFilter, limit: int = 5) -> pd.DataFrame:
    """The capitalised words most often right before (side 'left') and after ('right')
    each alias, with how many of those matches were still credited to the actor: where a
    collision ("Bill ___", "___ Foundation") shows."""
    where, params = f.where()
    credited = CREDITED.replace("resolution", "m.resolution")
    return _query(
        store,
        "SELECT actor, alias, side, word, n, credited FROM ("
        "SELECT m.actor, m.alias, s.side, s.word, count(*) AS n, "
        f"count(*) FILTER (WHERE {credited}) AS credited, "
        "row_number() OVER (PARTITION BY m.actor, m.alias, s.side ORDER BY count(*) DESC, "
        "s.word) AS rank "
        "FROM mentions_read m JOIN documents d ON d.id = m.doc_id, "
        "LATERAL (SELECT 'left' AS side, m.left_word AS word UNION ALL "
        "SELECT 'right', m.right_word) s "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND s.word IS NOT NULL "
        "GROUP BY m.actor, m.alias, s.side, s.word"
        f") WHERE rank <= {int(limit)} ORDER BY actor, alias, side, n DESC, word",
        params,
    )


def alias_examples(store: Store, f: ViewFilter, per_alias: int = 3) -> pd.DataFrame:
    """A few matches of each alias with their sentence, left-out ones first (the ones an
    analyst should check), then in document order."""
    where, params = f.where()
    return _query(
        store,
        "WITH top AS (SELECT * FROM (SELECT m.doc_id, m.actor, m.alias, m.resolution, "
        "m.reason, m.role, m.start_char, m.end_char, m.sent_start, m.sent_end, d.source, "
        "row_number() OVER (PARTITION BY m.actor, m.alias ORDER BY "
        f"({CREDITED.replace('resolution', 'm.resolution')}), m.doc_id, m.start_char) AS rank "
        "FROM mentions_read m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.analysis_key = {{KEY}} AND {where}) WHERE rank <= {int(per_alias)}) "
        "SELECT top.actor, top.alias, top.doc_id, top.source, top.resolution, top.reason, "
        "top.role, substr(t.text, top.sent_start + 1, top.sent_end - top.sent_start) "
        "AS sentence_text, top.start_char - top.sent_start AS mention_start, "
        "top.end_char - top.sent_start AS mention_end "
        "FROM top JOIN documents t ON t.id = top.doc_id ORDER BY top.actor, top.alias, top.rank",
        params,
    )


def stance_values(store: Store, f: ViewFilter) -> pd.DataFrame:
    """Actor -> actor stance, per document: for each (speaker actor, target actor) pair,
    the mean score of the target's mentions inside words the speaker is reported to say
    (quotes, reported speech, its verbs of saying or evaluating), with the document's
    source and type. One row per document and pair: documents are the sampling unit."""
    where, params = f.where()
    actor_sql, actor_params = f.actor_clause()
    credited = CREDITED.replace("resolution", "m.resolution")
    return _query(
        store,
        "SELECT d.id AS doc_id, d.source, d.source_type, m.speaker_actor AS speaker, "
        "m.actor AS target, avg(m.score) AS value, count(*) AS items, "
        "count(*) FILTER (WHERE m.sentiment = 'negative') AS n_negative, "
        "count(*) FILTER (WHERE m.sentiment = 'positive') AS n_positive "
        "FROM mentions_read m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {credited} "
        "AND m.speaker_actor IS NOT NULL AND m.speaker_actor <> m.actor "
        f"AND ({actor_sql} OR m.speaker_actor IN (SELECT unnest(?::VARCHAR[]))) "
        "GROUP BY ALL ORDER BY d.source, speaker, target, d.id",
        [*params, *actor_params, list(f.actors)],
    )


def stance_evidence(
    store: Store, f: ViewFilter, speaker: str, target: str, limit: int = 50
) -> pd.DataFrame:
    """The sentences behind one actor -> actor stance: the target's mentions inside the
    speaker's words, strongest first."""
    where, params = f.where()
    credited = CREDITED.replace("resolution", "m.resolution")
    return _query(
        store,
        "WITH top AS (SELECT d.id AS doc_id, d.source, d.source_type, d.title, m.actor, "
        "m.speaker_actor, m.sentiment, m.score, m.start_char, m.end_char, m.sent_start, "
        "m.sent_end FROM mentions_read m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {credited} "
        "AND m.speaker_actor = ? AND m.actor = ? "
        f"ORDER BY abs(m.score) DESC, d.id, m.start_char LIMIT {int(limit)}) "
        f"SELECT top.* REPLACE ({CITED_TITLE} AS title), "
        "substr(t.text, top.sent_start + 1, top.sent_end - top.sent_start) "
        "AS sentence_text, top.start_char - top.sent_start AS mention_start, "
        "top.end_char - top.sent_start AS mention_end "
        "FROM top JOIN documents t ON t.id = top.doc_id ORDER BY abs(top.score) DESC",
        [*params, speaker, target],
    )


def stance_estimates(
    store: Store, f: ViewFilter, by: Sequence[str] = ("source_type",)
) -> pd.DataFrame:
    """Actor -> actor stance per group: the mean over documents of each document's mean
    score of the target inside the speaker's words, with its interval (documents are the
    unit, as for every estimate), mentions, and how many of them read negative and
    positive."""
    unknown = [b for b in by if b not in ("source", "source_type")]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)} (choose from source, source_type)")
    values = stance_values(store, f)
    keys = [*by, "speaker", "target"]
    rows = []
    for group, frame in values.groupby(keys, sort=True):
        items = int(frame["items"].sum())
        est = mean_interval(frame["value"].tolist(), items, TONE_BOUNDS)
        rows.append(
            {**dict(zip(keys, group, strict=True)), "mean": est.mean, "low": est.low,
             "high": est.high, "n_docs": est.n_docs, "n_items": est.n_items,
             "small_sample": est.small_sample, "n_negative": int(frame["n_negative"].sum()),
             "n_positive": int(frame["n_positive"].sum())}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=[*keys, *ESTIMATE_COLUMNS, "n_negative", "n_positive"])


def speaks(store: Store, f: ViewFilter) -> pd.DataFrame:
    """How often each actor speaks (is the source of a quote, reported speech or a verb of
    saying) per source, beside the mentions that count toward tone toward it."""
    where, params = f.where("m")
    actor_sql, actor_params = f.actor_clause()
    return _query(
        store,
        "SELECT m.source, m.source_type, m.actor, CAST(sum(m.n_speaks) AS BIGINT) AS speaks, "
        "CAST(sum(m.n_author + m.n_quoted) AS BIGINT) AS tone_mentions, "
        "count(*) FILTER (WHERE m.n_speaks > 0) AS n_docs_speaking FROM tone_by_doc m "
        f"WHERE m.analysis_key = {{KEY}} AND {where} AND {actor_sql} "
        "GROUP BY ALL ORDER BY m.source, m.actor",
        [*params, *actor_params],
    )


# ---- validation (issue 17) --------------------------------------------------------------------

# Characters of text shown around an item to label: enough to judge it, not the document.
CONTEXT_CHARS = 240


def validation_candidates(store: Store, f: ViewFilter, kind: str) -> pd.DataFrame:
    """Every item of the view an analyst could label, as (item, grp, stratum) keys only (so a
    large corpus samples without reading its text): tone mentions counted toward an actor
    (stratum: the actor), or attributions (stratum: their source type). The model's own
    rows, before any analyst's correction."""
    where, params = f.where()
    if kind == "tone":
        actor_sql, actor_params = f.actor_clause("m")
        return _query(
            store,
            "SELECT m.doc_id || ':' || m.start_char || ':' || m.end_char || ':' || m.actor "
            "AS item, d.source_type AS grp, m.actor AS stratum "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id "
            f"WHERE m.analysis_key = {{KEY}} AND {where} AND {actor_sql} "
            f"AND m.{CREDITED.replace(' AND ', ' AND m.')} AND m.role = 'target'",
            [*params, *actor_params],
        )
    if kind == "attribution":
        return _query(
            store,
            "SELECT a.doc_id || ':' || a.content_start || ':' || a.content_end AS item, "
            "d.source_type AS grp, a.source_type AS stratum "
            "FROM attributions a JOIN documents d ON d.id = a.doc_id "
            f"WHERE a.analysis_key = {{KEY}} AND {where}",
            params,
        )
    raise ValueError(f"unknown kind '{kind}' (choose from tone, attribution)")


def validation_item(store: Store, kind: str, item: str) -> dict[str, Any] | None:
    """What the Validate page shows for one item: its text with context, offsets of the
    parts to highlight (relative to `text`), and the model's reading (shown only after the
    analyst's label)."""
    parts = item.split(":", 3)
    if kind == "tone" and len(parts) == 4:
        doc_id, start, end, actor = parts
        rows = _query(
            store,
            "SELECT m.doc_id, m.actor, m.alias, m.label, m.voice, m.sentiment, m.score, "
            "m.start_char, m.end_char, m.sent_start, m.sent_end, d.source, d.source_type, "
            "d.date, d.date_precision, d.title, "
            f"substr(d.text, greatest(m.sent_start - {CONTEXT_CHARS}, 0) + 1, "
            f"m.sent_end - greatest(m.sent_start - {CONTEXT_CHARS}, 0)) AS text, "
            f"greatest(m.sent_start - {CONTEXT_CHARS}, 0) AS offset "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.analysis_key = {KEY} AND m.doc_id = ? AND m.start_char = ? "
            "AND m.end_char = ? AND m.actor = ? LIMIT 1",
            [doc_id, int(start), int(end), actor],
        )
        if rows.empty:
            return None
        r = rows.iloc[0].to_dict()
        off = int(r["offset"])
        if off > 0:  # start the context at a word, not inside one
            cut = next((i + 1 for i, ch in enumerate(r["text"]) if ch.isspace()), 0)
            cut = min(cut, int(r["sent_start"]) - off)
            r["text"], off = r["text"][cut:], off + cut
            r["offset"] = off
        r["marks"] = [
            (int(r["sent_start"]) - off, int(r["sent_end"]) - off, "sentence"),
            (int(r["start_char"]) - off, int(r["end_char"]) - off, "target"),
        ]
        r["sentence_text"] = r["text"][int(r["sent_start"]) - off :]
        r["model"] = f"{r['sentiment']} ({r['score']:+.2f})"
        r["model_label"] = r["sentiment"]
        return r
    if kind == "attribution" and len(parts) >= 3:
        doc_id, start, end = parts[0], parts[1], parts[2]
        rows = _query(
            store,
            "SELECT a.doc_id, a.kind, a.cue, a.cue_start, a.cue_end, a.speaker, "
            "a.speaker_start, a.speaker_end, a.resolved_speaker, a.content_start, "
            "a.content_end, a.source_type AS speaker_type, d.source, d.source_type, d.date, "
            "d.date_precision, d.title, least(a.content_start, a.cue_start, "
            "coalesce(a.speaker_start, a.cue_start)) AS lo, greatest(a.content_end, a.cue_end, "
            "coalesce(a.speaker_end, a.cue_end)) AS hi, d.text AS doc_text "
            "FROM attributions a JOIN documents d ON d.id = a.doc_id "
            "WHERE a.analysis_key = {KEY} AND a.doc_id = ? AND a.content_start = ? "
            "AND a.content_end = ? LIMIT 1",
            [doc_id, int(start), int(end)],
        )
        if rows.empty:
            return None
        r = rows.iloc[0].to_dict()
        text = r.pop("doc_text")
        off = max(int(r["lo"]) - CONTEXT_CHARS // 2, 0)
        if off > 0:  # start and end the context at a word, not inside one
            off = min(
                next((i + 1 for i in range(off, int(r["lo"])) if text[i].isspace()), off),
                int(r["lo"]),
            )
        stop = min(int(r["hi"]) + CONTEXT_CHARS // 2, len(text))
        if stop < len(text):
            stop = max(
                next((i for i in range(stop, int(r["hi"]), -1) if text[i].isspace()), stop),
                int(r["hi"]),
            )
        r["text"], r["offset"] = text[off:stop], off
        marks = [(int(r["content_start"]) - off, int(r["content_end"]) - off, "content")]
        marks.append((int(r["cue_start"]) - off, int(r["cue_end"]) - off, "cue"))
        if not pd.isna(r["speaker_start"]):
            marks.append((int(r["speaker_start"]) - off, int(r["speaker_end"]) - off, "speaker"))
        r["marks"] = marks
        speaker = next(
            (v for v in (r["resolved_speaker"], r["speaker"]) if isinstance(v, str) and v),
            "no speaker found",
        )
        r["model"] = f"{r['kind']} attribution to {speaker} ({r['speaker_type']})"
        r["model_label"] = "attribution"
        return r
    return None


def reprint_families(store: Store) -> pd.DataFrame:
    """Every reprint family's members: the canonical one first, then copies by date."""
    return _query(
        store,
        "SELECT r.family, r.doc_id, r.canonical, d.source, d.source_type, d.date, "
        f"d.date_precision, {CITED_TITLE.replace('top.', 'd.').replace('t.text', 'd.text')} "
        "AS title "
        "FROM reprints r JOIN documents d ON d.id = r.doc_id "
        "ORDER BY r.family, r.canonical DESC, d.date NULLS LAST, d.source, r.doc_id",
    )
