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
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

LABELS = ("neutral", "self-designation", "laudatory", "pejorative")


class ActorConfigError(ValueError):
    """The actors configuration is malformed; the message names the actor and alias."""


@dataclass(frozen=True)
class Alias:
    """One name. A generic alias ("government", "the group") names its actor only in
    context; `shared` lists every (actor, label) that lists the same name, this one first."""

    actor: str
    alias: str
    label: str
    pattern: str
    case_sensitive: bool
    generic: bool = False
    shared: tuple[tuple[str, str], ...] = ()

    @property
    def candidates(self) -> tuple[tuple[str, str], ...]:
        return self.shared or ((self.actor, self.label),)


@dataclass(frozen=True)
class Actor:
    """`exclude`: patterns of names that contain an alias but are someone or something else
    ("Bill Clinton"); `given_names`: first names the actor's own longer names put before a
    one-word alias (surname -> the words before it), lower-cased."""

    key: str
    name: str
    aliases: tuple[Alias, ...]
    exclude: tuple[str, ...] = ()
    given_names: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Mention:
    """One name of one actor, with offsets into the text as given. A generic alias's
    mention carries every actor that lists it in `candidates`; `actor` is the first."""

    actor: str
    alias: str
    label: str
    start: int
    end: int
    generic: bool = False
    candidates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ActorSet:
    actors: tuple[Actor, ...]
    config_hash: str
    _regex: re.Pattern[str] | None = field(compare=False, repr=False)
    _by_group: tuple[Alias, ...] = field(compare=False, repr=False)
    _dispatch: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _dispatch_groups: tuple[Alias, ...] = field(default=(), compare=False, repr=False)
    _exclude: tuple[tuple[str, re.Pattern[str]], ...] = field(default=(), compare=False, repr=False)

    def actor(self, key: str) -> Actor | None:
        return next((a for a in self.actors if a.key == key), None)

    @property
    def exclusions(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(actor, compiled exclude patterns) for the actors that have any."""
        return self._exclude

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


def _exclude_pattern(key: str, i: int, raw: Any) -> str:
    """One `exclude` entry as a pattern: a string is literal text (matched like a text
    alias, ignoring case), a table gives `text` or `regex`."""
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, Mapping) or not ("text" in raw or "regex" in raw):
        raise ActorConfigError(
            f"actor '{key}', exclude #{i}: expected a string or a table with text or regex"
        )
    if "text" in raw:
        text = str(raw["text"]).strip()
        if not text:
            raise ActorConfigError(f"actor '{key}', exclude #{i}: empty text")
        return f"(?i:{_literal_pattern(text)})"
    body = str(raw["regex"])
    try:
        compiled = re.compile(body)
    except re.error as exc:
        raise ActorConfigError(f"actor '{key}', exclude '{body}': invalid regex: {exc}") from None
    if compiled.match(""):
        raise ActorConfigError(f"actor '{key}', exclude '{body}': pattern matches the empty string")
    return f"(?:{body})"


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def _given_names(name: str, aliases: list[Alias]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each one-word alias that is a capitalised word (a surname, if the actor is a
    person), the words that precede it in the actor's longer names: "Hillary Clinton" and
    "Clinton" give clinton -> (hillary,). Acronyms (all capitals) are not surnames."""
    out = []
    longer = [name] + [a.alias for a in aliases if "regex:" not in a.pattern]
    for alias in aliases:
        word = alias.alias
        if alias.generic or " " in word or not _NAME_WORD.fullmatch(word) or word.isupper():
            continue
        given: set[str] = set()
        for full in longer:
            parts = full.split()
            if (
                len(parts) >= 2
                and parts[-1].lower() == word.lower()
                and all(_NAME_WORD.fullmatch(p) for p in parts[:-1])
            ):
                given.update(p.lower() for p in parts[:-1] if len(p.rstrip(".")) > 1)
        if given:
            out.append((word.lower(), tuple(sorted(given))))
    return tuple(out)


def compile_actors(config: Mapping[str, Any]) -> ActorSet:
    """Validate a parsed actors.toml and build the matcher.

    Raises ActorConfigError naming the actor and alias for anything it cannot use, so a user
    editing the file learns which line to fix instead of getting a regex traceback. The same
    alias listed under several actors becomes one generic alias with all of them as
    candidates: context decides between them (metrics.resolve), never the file's order.
    """
    raw_actors = config.get("actors")
    if not isinstance(raw_actors, Mapping) or not raw_actors:
        raise ActorConfigError("actors config: no [actors.<key>] tables found")
    actors: list[Actor] = []
    all_aliases: list[Alias] = []
    by_form: dict[str, list[Alias]] = {}
    texts: list[Alias] = []
    excludes: list[tuple[str, re.Pattern[str]]] = []
    for key, spec in raw_actors.items():
        if not isinstance(spec, Mapping):
            raise ActorConfigError(f"actor '{key}': expected a table")
        name = str(spec.get("name") or key)
        raw_aliases = spec.get("aliases", [])
        if not isinstance(raw_aliases, list) or not raw_aliases:
            raise ActorConfigError(f"actor '{key}': needs a non-empty 'aliases' list")
        raw_exclude = spec.get("exclude", [])
        if not isinstance(raw_exclude, list):
            raise ActorConfigError(f"actor '{key}': 'exclude' must be a list")
        exclude = tuple(_exclude_pattern(key, i, r) for i, r in enumerate(raw_exclude, 1))
        if exclude:
            excludes.append((str(key), re.compile("|".join(exclude))))
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
            form = (
                "regex:" + body if "regex" in raw else " ".join(display.replace("-", " ").split())
            )
            alias = Alias(key, display, label, body, case_sensitive, bool(raw.get("generic")))
            same = _same_form(by_form, str(key), form, alias)
            if same is None or same.actor != key:  # the same name twice for one actor: once
                by_form.setdefault(form.lower(), []).append(alias)
            aliases.append(alias)
            if "regex" not in raw:
                texts.append(alias)
        actors.append(Actor(str(key), name, tuple(aliases), exclude, _given_names(name, aliases)))
        all_aliases.extend(aliases)
    _refuse_shared_text(all_aliases, texts)

    merged = _merge_shared(by_form)
    ordered = sorted(merged, key=lambda a: len(a.alias), reverse=True)
    alternatives = []
    for alias in ordered:
        body = alias.pattern if alias.case_sensitive else f"(?i:{alias.pattern})"
        alternatives.append(f"({body})")
    try:
        regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    except re.error as exc:  # a regex alias whose groups break the alternation
        raise ActorConfigError(f"actors config: aliases do not combine: {exc}") from None
    dispatch, dispatch_groups = _dispatch_regex(ordered)
    canonical = json.dumps(
        [
            [
                a.key,
                a.name,
                [[x.alias, x.label, x.pattern, x.case_sensitive, x.generic] for x in a.aliases],
                list(a.exclude),
            ]
            for a in actors
        ],
        sort_keys=True,
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return ActorSet(
        tuple(actors), digest, regex, tuple(ordered), dispatch, dispatch_groups, tuple(excludes)
    )


def _same_form(by_form: dict[str, list[Alias]], key: str, form: str, alias: Alias) -> Alias | None:
    """An alias already listed that matches the same text: `form` is the alias as matching
    reads it (hyphens and runs of spaces alike), compared without case unless both are
    case-sensitive."""
    for other in by_form.get(form.lower(), []):
        other_form = (
            "regex:" + other.pattern
            if form.startswith("regex:")
            else " ".join(other.alias.replace("-", " ").split())
        )
        if form == other_form or not (alias.case_sensitive and other.case_sensitive):
            return other
    return None


def _merge_shared(by_form: dict[str, list[Alias]]) -> list[Alias]:
    """One alias per matched text: a name listed under several actors becomes generic, with
    every (actor, label) as a candidate, so no actor wins it by coming first in the file."""
    out: list[Alias] = []
    for group in by_form.values():
        buckets: list[list[Alias]] = []
        for alias in group:
            for bucket in buckets:
                first = bucket[0]
                if alias.pattern == first.pattern or not (
                    alias.case_sensitive and first.case_sensitive
                ):
                    bucket.append(alias)
                    break
            else:
                buckets.append([alias])
        for bucket in buckets:
            first = bucket[0]
            if len(bucket) == 1:
                out.append(first)
                continue
            shared = tuple((a.actor, a.label) for a in bucket)
            out.append(
                Alias(first.actor, first.alias, first.label, first.pattern,
                      first.case_sensitive, True, shared)
            )  # fmt: skip
    return out


def _form(alias: Alias) -> str:
    return " ".join(alias.alias.replace("-", " ").split()).lower()


def _refuse_shared_text(aliases: list[Alias], texts: list[Alias]) -> None:
    """What merging equal spellings cannot see: a regex alias that matches another actor's
    alias text whole, or a text alias that matches another's under the case folding matching
    uses (the long s matches 's'). Either way a match would go to one of them, so the user
    is asked to write the same name the same way. Where either ignores case, some casing of
    the text is matched by both."""
    text_ids = {id(t) for t in texts}
    for alias in aliases:
        exact = re.compile(alias.pattern)
        folded = re.compile(alias.pattern, re.IGNORECASE)
        for text in texts:
            regex = exact if alias.case_sensitive and text.case_sensitive else folded
            if id(alias) in text_ids and _form(alias) == _form(text):
                continue
            if text.actor != alias.actor and regex.fullmatch(text.alias):
                raise ActorConfigError(
                    f"alias '{text.alias}' is listed under two actors, '{alias.actor}' (as "
                    f"'{alias.alias}') and '{text.actor}': every match would go to one of "
                    "them. Write it as the same text under both (then context decides between "
                    "them) or keep it under one actor"
                )


_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
ASCII = frozenset(chr(i) for i in range(128))


def _first_of(items: list) -> frozenset[str] | None:
    """Characters a parsed pattern can start with (a range reaching past ASCII contributes
    chr(128) as a stand-in for the rest); None when that is not known."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op == sre_constants.LITERAL:
            return frozenset({chr(av)})
        if op == sre_constants.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind == sre_constants.LITERAL:
                    chars.add(chr(value))
                elif kind == sre_constants.RANGE:
                    chars.update(chr(c) for c in range(value[0], min(value[1], 128) + 1))
                elif kind == sre_constants.CATEGORY and value == sre_constants.CATEGORY_SPACE:
                    chars.update(string.whitespace)
                else:
                    return None
            return frozenset(chars)
        if op == sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None
            return _first_of(list(sub))
        if op == sre_constants.BRANCH:
            found: set[str] = set()
            for sub in av[1]:
                first = _first_of(list(sub))
                if first is None:
                    return None
                found |= first
            return frozenset(found)
        if op in _REPEATS and av[0] >= 1:
            return _first_of(list(av[2]))
        return None
    return None


def first_chars(alias: Alias) -> frozenset[str] | None:
    """ASCII characters that can begin a match of `alias` (both cases when it ignores case).

    None when the pattern is too intricate to tell; such an alias is tried everywhere.
    """
    first = _first_of(list(sre_parse.parse(alias.pattern)))
    if first is None:
        return None
    if alias.case_sensitive:
        return first & ASCII
    # Under IGNORECASE a non-ASCII letter such as the Kelvin sign folds onto ASCII 'k'.
    if any(not c.isascii() for c in first):
        return None
    return frozenset(c.lower() for c in first) | frozenset(c.upper() for c in first)


def _dispatch_regex(ordered: list[Alias]) -> tuple[re.Pattern[str] | None, tuple[Alias, ...]]:
    """The combined pattern, split into one branch per possible first character.

    At any position exactly one branch's lookahead can pass (the branches are keyed by the
    character there, plus one branch for non-ASCII characters holding every alias), and each
    branch keeps the aliases that can start with that character in the longest-first order of
    the plain pattern, so matches are the same as the plain pattern's while each position
    tries a handful of aliases instead of all of them.
    """
    if not ordered:
        return None, ()
    firsts = [first_chars(a) for a in ordered]
    keys = sorted(set().union(*(f for f in firsts if f is not None)))
    branches: list[str] = []
    groups: list[Alias] = []

    def branch(guard: str, members: list[Alias]) -> None:
        if not members:
            return
        alts = []
        for alias in members:
            body = alias.pattern if alias.case_sensitive else f"(?i:{alias.pattern})"
            alts.append(f"({body})")
            groups.append(alias)
        branches.append(f"(?={guard})(?:" + "|".join(alts) + ")")

    for key in keys:
        members = [a for a, f in zip(ordered, firsts, strict=True) if f is None or key in f]
        branch(re.escape(key), members)
    branch(r"[^\x00-\x7f]", ordered)
    unknown = [a for a, f in zip(ordered, firsts, strict=True) if f is None]
    if unknown:
        excluded = "".join(re.escape(k) for k in keys)
        guard = f"[\x00-\x7f](?<![{excluded}])" if excluded else "[\x00-\x7f]"
        branch(guard, unknown)
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)"), tuple(groups)
    except re.error:
        return None, ()


def _mentions(text: str, regex: re.Pattern[str], groups: tuple[Alias, ...]) -> tuple[Mention, ...]:
    out = []
    for m in regex.finditer(text):
        alias = groups[m.lastindex - 1]  # type: ignore[operator]
        out.append(
            Mention(alias.actor, alias.alias, alias.label, m.start(), m.end(), alias.generic,
                    alias.candidates)
        )  # fmt: skip
    return tuple(out)


def find_mentions(text: str, actors: ActorSet) -> tuple[Mention, ...]:
    """Every actor mention in `text`, left to right, non-overlapping, longest name first."""
    if not text or actors._regex is None:
        return ()
    if actors._dispatch is not None:
        return _mentions(text, actors._dispatch, actors._dispatch_groups)
    return _mentions(text, actors._regex, actors._by_group)


def find_mentions_plain(text: str, actors: ActorSet) -> tuple[Mention, ...]:
    """The same mentions from the single plain alternation: the reference for tests."""
    if not text or actors._regex is None:
        return ()
    return _mentions(text, actors._regex, actors._by_group)
