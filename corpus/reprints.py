"""Reprint families kept up to date at ingest (issue 18): fingerprints of the documents that
lack one, their LSH band keys matched against the stored keys in DuckDB, candidates checked
(metrics.reprints), and the families they join or merge rewritten with their canonical
member. Only documents without a fingerprint are read: an ingest of 100 new documents reads
100 texts and looks up their band keys, never the rest of the corpus.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from metrics.document import mask
from metrics.reprints import (
    Fingerprint,
    Member,
    band_keys,
    canonical,
    families,
    fingerprint,
    reprints_among,
)
from store import Store
from store.schema import BANDS, FINGERPRINTS

BATCH = 500
MAX_CANDIDATES = 60


@dataclass(frozen=True)
class FamilyNote:
    """A family an ingest created or changed: for the report."""

    canonical: str
    members: tuple[tuple[str, str, str | None, str | None], ...]  # (id, source, date, title)
    new: tuple[tuple[str, str], ...]  # (id, origin) of the members this ingest added

    def describe(self) -> str:
        """One line: the canonical member and who reprints it, with dates."""
        by_id = {m[0]: m for m in self.members}
        _, source, date, title = by_id[self.canonical]
        copies = [m for m in self.members if m[0] != self.canonical]
        return (
            f"reprint family of {len(self.members)}: “{title or self.canonical}” "
            f"({source}, {date or 'undated'}) reprinted by "
            + ", ".join(f"{m[1]} ({m[2] or 'undated'})" for m in copies)
        )


def _fingerprints(con, ids: list[str]) -> dict[str, Fingerprint]:
    if not ids:
        return {}
    con.register("wanted_ids", pa.table({"doc_id": ids}))
    rows = con.execute(
        "SELECT f.doc_id, f.n_shingles, f.hashes FROM fingerprints f "
        "JOIN wanted_ids w USING (doc_id)"
    ).fetchall()
    con.unregister("wanted_ids")
    return {r[0]: Fingerprint(r[1], np.frombuffer(r[2], dtype=np.uint32)) for r in rows}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def update_reprints(
    store: Store, progress: Callable[[int, int], None] | None = None
) -> list[FamilyNote]:
    """Fingerprint every document that has none, and update the reprint families they
    touch; returns those families."""
    with store.connect(read_only=True) as con:
        todo = [
            r[0]
            for r in con.execute(
                "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM fingerprints) "
                "ORDER BY id"
            ).fetchall()
        ]
    if not todo:
        return []
    pairs: list[tuple[str, str]] = []
    joined = _UnionFind()
    for start in range(0, len(todo), BATCH):
        ids = todo[start : start + BATCH]
        with store.connect(read_only=True) as con:
            con.register("batch_ids", pa.table({"id": ids}))
            texts = con.execute(
                "SELECT d.id, d.text, d.removals FROM documents d JOIN batch_ids b USING (id)"
            ).fetchall()
            con.unregister("batch_ids")
        prints = {}
        for doc_id, text, removals in texts:
            residue = [(r["start"], r["end"]) for r in json.loads(removals or "[]")]
            prints[doc_id] = fingerprint(mask(text, residue))
        fp_rows = {
            "doc_id": list(prints),
            "n_shingles": [fp.n_shingles for fp in prints.values()],
            "hashes": [fp.hashes.astype(np.uint32).tobytes() for fp in prints.values()],
        }
        band_rows: dict[str, list] = {"doc_id": [], "band": [], "key": []}
        for doc_id, fp in prints.items():
            for band, key in enumerate(band_keys(fp)):
                band_rows["doc_id"].append(doc_id)
                band_rows["band"].append(band)
                band_rows["key"].append(key)
        with store.transaction() as con:
            con.register("new_prints", pa.table(fp_rows, schema=FINGERPRINTS.arrow_schema()))
            con.register("new_bands", pa.table(band_rows, schema=BANDS.arrow_schema()))
            # candidates: stored documents (or others of this batch) sharing a band key; a
            # stored family is one node, tried through its three closest members; only the
            # MAX_CANDIDATES closest nodes (most bands shared) are compared, so a document
            # among many look-alikes costs no more than one among few
            found = con.execute(
                "WITH cand AS (SELECT n.doc_id AS a, o.doc_id AS b, count(*) AS shared "
                "FROM new_bands n JOIN "
                "(SELECT * FROM reprint_bands UNION ALL SELECT * FROM new_bands) o "
                "ON o.band = n.band AND o.key = n.key AND o.doc_id <> n.doc_id GROUP BY ALL), "
                "noded AS (SELECT c.a, coalesce(r.family, c.b) AS node, c.b, c.shared "
                "FROM cand c LEFT JOIN reprints r ON r.doc_id = c.b), "
                "best AS (SELECT * FROM noded QUALIFY row_number() OVER "
                "(PARTITION BY a, node ORDER BY shared DESC, b) <= 3) "
                "SELECT a, node, b FROM best QUALIFY dense_rank() OVER "
                "(PARTITION BY a ORDER BY shared DESC, node) <= ? ORDER BY a, node, b",
                [MAX_CANDIDATES],
            ).fetchall()
            # another ingest running at once may have fingerprinted the same documents
            con.execute(
                "INSERT INTO reprint_bands SELECT * FROM new_bands "
                "WHERE doc_id NOT IN (SELECT doc_id FROM fingerprints)"
            )
            con.execute(
                "INSERT INTO fingerprints SELECT * FROM new_prints "
                "WHERE doc_id NOT IN (SELECT doc_id FROM fingerprints)"
            )
            con.unregister("new_prints")
            con.unregister("new_bands")
            others = _fingerprints(con, sorted({b for _, _, b in found if b not in prints}))
        known = {**others, **prints}
        for a, rows in itertools.groupby(found, key=lambda row: row[0]):
            rows = list(rows)
            good = reprints_among(known[a], [known[b] for _, _, b in rows])
            for (_, node, b), ok in zip(rows, good.tolist(), strict=True):
                if ok and joined.find(a) != joined.find(node):
                    joined.union(a, node)
                    pairs.append((a, b))
        if progress:
            progress(min(start + BATCH, len(todo)), len(todo))
    return _merge_families(store, pairs, set(todo))


def _merge_families(store: Store, pairs: list[tuple[str, str]], new: set[str]) -> list[FamilyNote]:
    """Join the found pairs with the families their documents are already in, and rewrite
    each family touched with its canonical member."""
    if not pairs:
        return []
    involved = sorted({x for p in pairs for x in p})
    notes = []
    with store.transaction() as con:
        con.register("involved", pa.table({"doc_id": involved}))
        existing = con.execute(
            "SELECT r.doc_id, r.family FROM reprints r WHERE r.family IN "
            "(SELECT family FROM reprints JOIN involved USING (doc_id))"
        ).fetchall()
        con.unregister("involved")
        groups = families([*pairs, *existing])
        members = sorted({x for g in groups for x in g})
        con.register("members", pa.table({"id": members}))
        info = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT d.id, d.source, CAST(d.date AS TEXT), d.title, d.n_chars, d.origin "
                "FROM documents d JOIN members USING (id)"
            ).fetchall()
        }
        con.unregister("members")
        rows: dict[str, list] = {"doc_id": [], "family": [], "canonical": []}
        for group in groups:
            head = canonical([Member(x, info[x][1], int(info[x][3] or 0)) for x in group])
            for x in sorted(group):
                rows["doc_id"].append(x)
                rows["family"].append(head)
                rows["canonical"].append(x == head)
            notes.append(
                FamilyNote(
                    head,
                    tuple((x, info[x][0], info[x][1], info[x][2]) for x in sorted(group)),
                    tuple((x, info[x][4]) for x in sorted(group & new)),
                )
            )
        con.register("family_rows", pa.table(rows))
        con.execute("DELETE FROM reprints WHERE doc_id IN (SELECT doc_id FROM family_rows)")
        con.execute("INSERT INTO reprints SELECT * FROM family_rows")
        con.unregister("family_rows")
    return notes
