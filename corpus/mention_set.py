"""Reading a labelled mention set (eval/mentions/): documents, labels and actors per domain.

The set's `set.toml` names, per domain, its actors file and its labels file; documents.jsonl
holds the texts and candidate spans. Errors name the file and line.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from corpus.actors_config import load_actors
from corpus.clean import clean
from metrics.actors import ActorSet
from metrics.evaluation import GoldMention


class MentionSetError(ValueError):
    """The labelled set is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Domain:
    name: str
    actors: ActorSet
    documents: tuple[tuple[str, tuple[tuple[int, int], ...], tuple[GoldMention, ...]], ...]


def _jsonl(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise MentionSetError(f"{path}: cannot read: {exc.strerror or exc}") from None
    rows = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MentionSetError(f"{path}:{no}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise MentionSetError(f"{path}:{no}: expected an object")
        rows.append(row)
    return rows


def read_labels(path: Path) -> dict[str, dict]:
    """id -> label row; a row without id, actor, role or speaker is an error."""
    out = {}
    for no, row in enumerate(_jsonl(path), start=1):
        missing = [k for k in ("id", "actor", "role", "speaker") if k not in row]
        if missing:
            raise MentionSetError(f"{path}: label #{no}: missing {', '.join(missing)}")
        out[str(row["id"])] = row
    return out


def read_mention_set(directory: Path) -> tuple[list[Domain], dict[str, dict] | None]:
    """The domains of the set, and the second annotator's labels (None when absent)."""
    config_path = directory / "set.toml"
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MentionSetError(f"{config_path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MentionSetError(f"{config_path}: invalid TOML: {exc}") from None
    docs = _jsonl(directory / "documents.jsonl")
    domains = []
    for name, spec in config.get("domains", {}).items():
        actors = load_actors(directory / spec["actors"])
        labels = read_labels(directory / spec["labels"])
        documents = []
        for doc in (d for d in docs if d.get("domain") == name):
            text = doc["text"]
            golds = []
            for span in doc["spans"]:
                row = labels.get(span["id"])
                if row is None:
                    raise MentionSetError(
                        f"{directory / spec['labels']}: no label for {span['id']}"
                    )
                golds.append(
                    GoldMention(span["id"], span["start"], span["end"], str(row["actor"]),
                                str(row["role"]), str(row["speaker"]))
                )  # fmt: skip
            residue = tuple((r.start, r.end) for r in clean(text).removals)
            documents.append((text, residue, tuple(golds)))
        domains.append(Domain(name, actors, tuple(documents)))
    second = config.get("agreement", {}).get("labels")
    return domains, (read_labels(directory / second) if second else None)
