"""Actor alias lists compiled into one matcher, and the mentions it finds.

Why one combined pattern: a corpus is matched against dozens of aliases, and a single
alternation (longest alternatives first) finds the leftmost-longest name in one pass, so
"Islamic Emirate of Afghanistan" beats "Afghanistan" and "Taliban regime" beats "regime"
without a second overlap-resolution step.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LABELS = ("neutral", "self-designation", "laudatory", "pejorative")


class ActorConfigError(ValueError):
    """The actors configuration is malformed; the message names the actor and alias."""


@dataclass(frozen=True)
class Alias:
    actor: str
    alias: str
    label: str
    pattern: str
    case_sensitive: bool


@dataclass(frozen=True)
class Actor:
    key: str
    name: str
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class Mention:
    """One name of one actor, with offsets into the text as given."""

    actor: str
    alias: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class ActorSet:
    actors: tuple[Actor, ...]
    config_hash: str
    _regex: re.Pattern[str] | None = field(compare=False, repr=False)
    _by_group: tuple[Alias, ...] = field(compare=False, repr=False)

    def name_of(self, key: str) -> str:
        for actor in self.actors:
            if actor.key == key:
                return actor.name
        return key

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(a.key for a in self.actors)


def _literal_pattern(text: str) -> str:
    parts = []
    for ch in text:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch == "-":
            parts.append(r"[-\s]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def compile_actors(config: Mapping[str, Any]) -> ActorSet:
    """Validate a parsed actors.toml and build the matcher.

    Raises ActorConfigError naming the actor and alias for anything it cannot use, so a user
    editing the file learns which line to fix instead of getting a regex traceback.
    """
    raw_actors = config.get("actors")
    if not isinstance(raw_actors, Mapping) or not raw_actors:
        raise ActorConfigError("actors config: no [actors.<key>] tables found")
    actors: list[Actor] = []
    all_aliases: list[Alias] = []
    for key, spec in raw_actors.items():
        if not isinstance(spec, Mapping):
            raise ActorConfigError(f"actor '{key}': expected a table")
        name = str(spec.get("name") or key)
        raw_aliases = spec.get("aliases", [])
        if not isinstance(raw_aliases, list) or not raw_aliases:
            raise ActorConfigError(f"actor '{key}': needs a non-empty 'aliases' list")
        aliases: list[Alias] = []
        for i, raw in enumerate(raw_aliases, start=1):
            if isinstance(raw, str):
                raw = {"text": raw}
            if not isinstance(raw, Mapping):
                raise ActorConfigError(f"actor '{key}', alias #{i}: expected a string or table")
            label = str(raw.get("label", "neutral"))
            if label not in LABELS:
                raise ActorConfigError(
                    f"actor '{key}', alias #{i}: label '{label}' is not one of {', '.join(LABELS)}"
                )
            if "regex" in raw:
                body = str(raw["regex"])
                display = str(raw.get("name") or body)
                case_sensitive = bool(raw.get("case_sensitive", True))
                if body.startswith("(?i)"):
                    body, case_sensitive = body[4:], False
                try:
                    compiled = re.compile(body)
                except re.error as exc:
                    raise ActorConfigError(
                        f"actor '{key}', alias '{display}': invalid regex: {exc}"
                    ) from None
                if compiled.match(""):
                    raise ActorConfigError(
                        f"actor '{key}', alias '{display}': pattern matches the empty string"
                    )
                if compiled.groups:
                    raise ActorConfigError(
                        f"actor '{key}', alias '{display}': use (?:...) instead of capturing groups"
                    )
            elif "text" in raw:
                display = str(raw["text"]).strip()
                if not display:
                    raise ActorConfigError(f"actor '{key}', alias #{i}: empty alias text")
                body = _literal_pattern(display)
                case_sensitive = bool(raw.get("case_sensitive", False))
            else:
                raise ActorConfigError(f"actor '{key}', alias #{i}: needs 'text' or 'regex'")
            aliases.append(Alias(key, display, label, body, case_sensitive))
        actors.append(Actor(str(key), name, tuple(aliases)))
        all_aliases.extend(aliases)

    ordered = sorted(all_aliases, key=lambda a: len(a.alias), reverse=True)
    alternatives = []
    for alias in ordered:
        body = alias.pattern if alias.case_sensitive else f"(?i:{alias.pattern})"
        alternatives.append(f"({body})")
    try:
        regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    except re.error as exc:  # a regex alias whose groups break the alternation
        raise ActorConfigError(f"actors config: aliases do not combine: {exc}") from None
    canonical = json.dumps(
        [
            [a.key, a.name, [[x.alias, x.label, x.pattern, x.case_sensitive] for x in a.aliases]]
            for a in actors
        ],
        sort_keys=True,
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return ActorSet(tuple(actors), digest, regex, tuple(ordered))


def find_mentions(text: str, actors: ActorSet) -> tuple[Mention, ...]:
    """Every actor mention in `text`, left to right, non-overlapping, longest name first."""
    if not text or actors._regex is None:
        return ()
    out = []
    for m in actors._regex.finditer(text):
        alias = actors._by_group[m.lastindex - 1]  # type: ignore[operator]
        out.append(Mention(alias.actor, alias.alias, alias.label, m.start(), m.end()))
    return tuple(out)
