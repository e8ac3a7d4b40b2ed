"""Stories of the current view and comparisons held within them (issue 18).

Stories are grouped over the view's documents (metrics.stories) when asked: TF-IDF of the
cleaned texts, so a user's threshold and date window apply at once. The matched comparison
of two groups takes, per story that both cover, the difference of their mean document
values, then the mean of those differences with a t interval over stories: the same event on
both sides of every difference.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from aggregates.queries import CITED_TITLE, VOICES, _query
from aggregates.view import ViewFilter
from metrics.aggregate import TONE_BOUNDS, mean_interval
from metrics.document import mask
from metrics.stories import THRESHOLD, WINDOW_DAYS, StoryDoc, nearest_pairs, story_groups
from store import Store

TITLE = CITED_TITLE.replace("top.", "d.").replace("t.text", "d.text")


# A raw tone gap this large is worth checking against the same stories.
RAW_GAP = 0.1


def _story_docs(store: Store, f: ViewFilter) -> list[StoryDoc]:
    where, params = f.where()
    rows = _query(
        store,
        f"SELECT d.id, d.date, d.text, d.removals FROM documents d WHERE {where} ORDER BY d.id",
        params,
    )
    return [
        StoryDoc(
            r.id,
            None if pd.isna(r.date) else pd.Timestamp(r.date).date(),
            mask(r.text, [(x["start"], x["end"]) for x in json.loads(r.removals or "[]")]),
        )
        for r in rows.itertuples(index=False)
    ]


def stories(
    store: Store, f: ViewFilter, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS
) -> pd.DataFrame:
    """(story, doc_id) for every document of the view in a story of two or more; stories
    numbered from 1, largest first."""
    groups = story_groups(_story_docs(store, f), threshold, window_days)
    return pd.DataFrame(
        [(i, d) for i, g in enumerate(groups, start=1) for d in g], columns=["story", "doc_id"]
    )


def story_documents(store: Store, f: ViewFilter, story_map: pd.DataFrame) -> pd.DataFrame:
    """The storied documents' listing (source, group, date, title)."""
    if story_map.empty:
        return pd.DataFrame(
            columns=["story", "doc_id", "source", "source_type", "date", "date_precision", "title"]
        )
    with store.connect(read_only=True) as con:
        con.register("story_map", story_map)
        out = con.execute(
            "SELECT s.story, s.doc_id, d.source, d.source_type, d.date, d.date_precision, "
            f"{TITLE} AS title "
            "FROM story_map s JOIN documents d ON d.id = s.doc_id "
            "ORDER BY s.story, d.date NULLS LAST, d.source"
        ).df()
        con.unregister("story_map")
    return out


def document_tone(store: Store, f: ViewFilter, voice: str | None = None) -> pd.DataFrame:
    """Each document's tone toward each actor (its mean mention score), with its group."""
    n, micro = VOICES[voice]
    where, params = f.where("m")
    actor_sql, actor_params = f.actor_clause("m")
    return _query(
        store,
        f"SELECT m.doc_id, m.actor, m.source, m.source_type, ({micro}) / ({n}) / 1e6 AS value, "
        f"{n} AS items FROM tone_by_doc m WHERE m.analysis_key = {{KEY}} AND {where} "
        f"AND {actor_sql} AND {n} > 0",
        [*params, *actor_params],
    )


@dataclass(frozen=True)
class Matched:
    actor: str
    a: str
    b: str
    raw_a: float | None  # the groups' raw tone (mean of document values), for the contrast
    raw_b: float | None
    difference: float | None  # mean over stories of (a's mean - b's mean) within the story
    low: float | None
    high: float | None
    n_stories: int
    n_docs: int


def matched_tone(
    tone: pd.DataFrame, story_map: pd.DataFrame, pairs: Sequence[tuple[str, str]]
) -> list[Matched]:
    """For each actor and pair of groups: the raw difference and the same-stories-only one."""
    joined = tone.merge(story_map, on="doc_id", how="inner")
    out = []
    for actor in sorted(tone["actor"].unique()):
        mine = tone[tone["actor"] == actor]
        in_story = joined[joined["actor"] == actor]
        for a, b in pairs:
            raw_a = mine.loc[mine["source_type"] == a, "value"].mean()
            raw_b = mine.loc[mine["source_type"] == b, "value"].mean()
            diffs, docs = [], 0
            for _, s in in_story.groupby("story"):
                va = s.loc[s["source_type"] == a, "value"]
                vb = s.loc[s["source_type"] == b, "value"]
                if len(va) and len(vb):
                    diffs.append(float(va.mean() - vb.mean()))
                    docs += len(va) + len(vb)
            est = mean_interval(diffs, bounds=(2 * TONE_BOUNDS[0], 2 * TONE_BOUNDS[1]))
            out.append(
                Matched(
                    actor, a, b,
                    None if pd.isna(raw_a) else float(raw_a),
                    None if pd.isna(raw_b) else float(raw_b),
                    est.mean, est.low, est.high, len(diffs), docs,
                )
            )  # fmt: skip
    return out


def disagrees(m: Matched) -> bool:
    """Whether the same-stories gap tells a different story from a raw gap of RAW_GAP or
    more: opposite signs, or a matched interval that holds zero."""
    if m.difference is None or m.raw_a is None or m.raw_b is None:
        return False
    raw = m.raw_a - m.raw_b
    if abs(raw) < RAW_GAP:
        return False
    return raw * m.difference < 0 or (m.low is not None and m.low <= 0 <= m.high)


def _per_story(store: Store, story_map: pd.DataFrame, sql: str) -> pd.DataFrame:
    with store.connect(read_only=True) as con:
        key = con.execute("SELECT value FROM meta WHERE key = 'analysis_key'").fetchall()
        con.register("story_map", story_map)
        out = con.execute(sql, [key[0][0] if key else ""]).df()
        con.unregister("story_map")
    return out


def story_naming(store: Store, f: ViewFilter, story_map: pd.DataFrame) -> pd.DataFrame:
    """Per story, source and name: how many credited mentions use that name."""
    if story_map.empty:
        return pd.DataFrame(columns=["story", "source", "actor", "alias", "n"])
    return _per_story(
        store,
        story_map,
        "SELECT s.story, m.source, m.actor, m.alias, sum(m.n) AS n FROM naming_by_doc m "
        "JOIN story_map s ON s.doc_id = m.doc_id WHERE m.analysis_key = ? GROUP BY ALL "
        "ORDER BY s.story, m.source, n DESC",
    )


def story_speakers(store: Store, f: ViewFilter, story_map: pd.DataFrame) -> pd.DataFrame:
    """Per story and source: who is quoted (resolved speaker, else the speaker as found), of
    what kind, how often."""
    if story_map.empty:
        return pd.DataFrame(columns=["story", "source", "speaker", "source_kind", "n"])
    return _per_story(
        store,
        story_map,
        "SELECT s.story, d.source, coalesce(a.resolved_speaker, a.speaker) AS speaker, "
        "a.source_type AS source_kind, count(*) AS n FROM attributions a "
        "JOIN story_map s ON s.doc_id = a.doc_id JOIN documents d ON d.id = a.doc_id "
        "WHERE a.analysis_key = ? AND coalesce(a.resolved_speaker, a.speaker) IS NOT NULL "
        "GROUP BY ALL ORDER BY s.story, d.source, n DESC",
    )


def closest_pairs(store: Store, f: ViewFilter, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """The most similar pairs of documents in two different groups (at most 2,000
    documents in view), with their similarity: how far apart the groups' stories are."""
    docs = _story_docs(store, f)
    pairs = nearest_pairs(docs, k=200, window_days=window_days)
    if not pairs:
        return pd.DataFrame(columns=["a", "b", "similarity"])
    frame = pd.DataFrame(pairs, columns=["a", "b", "similarity"])
    info = _query(store, f"SELECT d.id, d.source, d.source_type, {TITLE} AS title FROM documents d")
    info = info.set_index("id")
    for side in ("a", "b"):
        for col in ("source", "source_type", "title"):
            frame[f"{side}_{col}"] = info.loc[frame[side], col].to_numpy()
    return frame[frame["a_source_type"] != frame["b_source_type"]].head(3)
