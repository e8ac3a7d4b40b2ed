"""The ingest report: every input ends up as a document or as a line here, with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

# rejected: not stored (unreadable, empty, bad row); duplicate: the same text as another
# input; skipped: not read as a document (hidden, a link out of the folder, a support file);
# warning: stored, with something to check (no source type, an unparseable date).
Severity = Literal["rejected", "duplicate", "skipped", "warning", "reprint"]
Status = Literal["added", "updated", "unchanged"]


@dataclass(frozen=True)
class Issue:
    """One rejection or warning, located by file and line (or CSV/JSONL row)."""

    severity: Severity
    file: str
    line: int | None
    message: str
    doc_id: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class DocSummary:
    id: str
    origin: str
    source: str
    source_type: str
    status: Status
    encoding: str
    residue: tuple[str, ...]


@dataclass
class IngestReport:
    documents: list[DocSummary] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def add_issue(
        self,
        severity: Severity,
        file: str,
        line: int | None,
        message: str,
        doc_id: str | None = None,
    ) -> None:
        self.issues.append(Issue(severity, file, line, message, doc_id))

    def count(self, status: Status) -> int:
        return sum(1 for d in self.documents if d.status == status)

    @property
    def rejections(self) -> list[Issue]:
        return [i for i in self.issues if i.severity in ("rejected", "duplicate")]

    @property
    def skipped(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "skipped"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def reprints(self) -> list[Issue]:
        """Documents of this ingest found to be copies (or originals) of others."""
        return [i for i in self.issues if i.severity == "reprint"]

    def by_source(self) -> Counter[tuple[str, str]]:
        return Counter((d.source, d.source_type) for d in self.documents)

    def by_source_type(self) -> Counter[str]:
        return Counter(d.source_type for d in self.documents)
