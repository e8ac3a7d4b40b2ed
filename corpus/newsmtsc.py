"""Reading a NewsMTSC-format labelled file (the sentiment evaluation data) from disk."""

from __future__ import annotations

from pathlib import Path

from metrics.evaluation import Example, parse_newsmtsc


def read_newsmtsc(path: Path) -> list[Example]:
    """The file's labelled targets; EvalDataError names the file and line of a bad row."""
    with path.open(encoding="utf-8") as handle:
        return parse_newsmtsc(handle, str(path))
