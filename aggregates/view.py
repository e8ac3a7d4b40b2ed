"""The view an analyst selects: which documents and actors every aggregate covers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ViewFilter:
    """The shared view: empty tuples mean "all". Hashable, so it can key a cache."""

    sources: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    actors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # ISO 639-1; a document with none stored is English
    # count each reprint family once: its copies (all but the canonical member) left out
    one_per_family: bool = True

    def where(self, alias: str = "d") -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if self.sources:
            clauses.append(f"{alias}.source IN ({', '.join('?' * len(self.sources))})")
            params.extend(self.sources)
        if self.source_types:
            clauses.append(f"{alias}.source_type IN ({', '.join('?' * len(self.source_types))})")
            params.extend(self.source_types)
        dated: list[str] = []
        if self.date_from:
            dated.append(f"{alias}.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            dated.append(f"{alias}.date <= ?")
            params.append(self.date_to)
        if dated:
            inside = " AND ".join(dated)
            undated = f" OR {alias}.date IS NULL" if self.include_undated else ""
            clauses.append(f"(({inside}){undated})")
        elif not self.include_undated:
            clauses.append(f"{alias}.date IS NOT NULL")
        if self.languages:
            if alias == "d":
                clauses.append(
                    f"coalesce({alias}.language, 'en') IN ({', '.join('?' * len(self.languages))})"
                )
                params.extend(self.languages)
            elif "en" not in self.languages:
                # summaries hold only English text: other languages are counted, not scored
                clauses.append("FALSE")
        if self.one_per_family:
            column = "id" if alias == "d" else "doc_id"
            clauses.append(
                f"{alias}.{column} NOT IN (SELECT doc_id FROM reprints WHERE NOT canonical)"
            )
        return (" AND ".join(clauses) or "TRUE"), params

    def actor_clause(self, alias: str = "m") -> tuple[str, list]:
        if not self.actors:
            return "TRUE", []
        return f"{alias}.actor IN ({', '.join('?' * len(self.actors))})", list(self.actors)
