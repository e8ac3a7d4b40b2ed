"""Which actor a matched name means, or that it means someone or something else.

A bare alias is only a string match. Before a mention counts toward an actor:
- a name the actor's `exclude` list covers ("Bill Clinton") is another entity;
- a name-forming word after the alias makes it a different thing: "Clinton Foundation",
  "Trump Tower", "Donald Trump Jr.", "Obama Presidential Center". An organisation the actor
  leads ("Trump administration", "Trump campaign") stays the actor's: those words are not
  name-forming here;
- a one-word alias that is a person's surname (the actor has a longer name ending in it, or
  this document writes "Mr."/"President"... before it, or two different first names) preceded
  by a different first name is another person: "Bill Clinton", "Melania Trump". The actor's
  own first names come from its longer names in the actors file, else from the first name
  this document uses most;
- a generic alias ("government", "the group"), and any alias several actors share, goes to
  the candidate actor named nearest before it in the same or the two previous sentences
  (after it, in the same sentence, if none before); failing that, to the actor the same word
  was resolved to elsewhere in the document (one sense per discourse); failing that, when no
  actor at all is named nearby, to the only candidate the document names. Otherwise it is
  ambiguous and left out, with its reason.
Possessives need nothing: "Trump's" matches "Trump" and is the actor.

Every step looks a bounded distance around each mention, and generic resolution keeps the
last and next named mention of each actor, so the whole pass is linear in the document.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from metrics.actors import ActorSet, Mention
from metrics.segment import Span

Resolution = Literal["name", "context", "document", "other", "ambiguous"]
COUNTED: frozenset[str] = frozenset({"name", "context", "document"})
WINDOW_SENTENCES = 2

# Words that may stand capitalised before a surname without being a first name: titles,
# party and nationality words, and function words that open a sentence.
NOT_GIVEN = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady president vice former ex senator sen rep
    representative congressman congresswoman gov governor secretary candidate nominee speaker
    director chairman chairwoman chair chief general gen attorney justice judge leader
    commander minister prime premier ambassador mullah mawlawi maulvi mawlana maulana sheikh
    amir emir spokesman spokeswoman republican republicans democrat democrats democratic gop
    team camp never anti pro presidential first late acting deputy press president-elect
    american americans afghan pakistani british us u.s the a an and but or so yet when while
    after before as if since because though although with without for from in on at by of to
    into about like unlike under over during despite than then there here this that these
    those it its his her their our my your we they he she i you what who whom which why how
    where whether not no nor also even only just both either neither all any each every some
    many most more less few other another such said says told asked monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december today yesterday tonight meanwhile however still
    dear new old young big later earlier instead indeed perhaps maybe soon already finally
    second third last next again once ever always often sometimes thus hence therefore
    yes well oh""".split()
)
HONORIFICS = frozenset(
    """mr mrs ms miss dr president senator sen secretary gov governor rep director candidate
    nominee speaker""".split()
)
NAME_HEADS = (
    "Foundation|Tower|Towers|Hotel|Hotels|Plaza|University|Institute|Library|Center|Centre|"
    "Airport|Stadium|Street|Avenue|Road|Boulevard|Bridge|Hall|Museum|Park|Square|Building|"
    "Organization|Organisation|Corp|Corporation|Inc|Company|Fund|Trust|Prize|Award|"
    "Initiative|Club|Resort|Estate|Winery|Doctrine|Academy|College|School|Network"
)
_AFTER = re.compile(
    rf"(?:,?[ \t]+(?:Jr|Sr)\b\.?|[ \t]+(?:II|III|IV)\b"
    rf"|(?:[ \t]+[A-Z][\w'’&-]*){{0,2}}[ \t]+(?:{NAME_HEADS})\b)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)[ \t\u00a0]+$")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([A-Z][\w'’-]*)")
_INITIAL = re.compile(r"[A-Z]\.")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*")
# "a government", "an Islamic government", "any regime": no particular actor.
_INDEFINITE = re.compile(
    r"\b(?:a|an|any|another|no|every)[ \t]+(?:[\w'’-]+[ \t]+){0,2}[\"“‘]?$", re.I
)
LOOK = 48


@dataclass(frozen=True)
class Resolved:
    """A mention and what it was decided to be. `actor` and `label` are the credited actor's
    (for other and ambiguous mentions, the alias's first actor's); `candidates` the actors
    that list the alias; `left` / `right` the capitalised words right beside it, which the
    alias audit counts."""

    mention: Mention
    actor: str
    label: str
    resolution: Resolution
    reason: str | None
    candidates: tuple[str, ...]
    left: str | None
    right: str | None

    @property
    def counted(self) -> bool:
        return self.resolution in COUNTED


def _word_before(text: str, pos: int) -> tuple[str, int] | None:
    """The word ending right before `pos` (only spaces between), and where it starts."""
    lo = max(0, pos - LOOK)
    m = _WORD_BEFORE.search(text, lo, pos)
    if m is None or m.end() != pos:
        return None
    return m.group(1), m.start(1)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_word(word: str, common: frozenset[str] = frozenset()) -> bool:
    """A capitalised word that could be a first or middle name. A sentence's first word
    (marked '^') must also not be written in lower case elsewhere in the document
    (`common`): "Later Trump said" is not a Mr. Later."""
    opens = word.startswith("^")
    word = word.lstrip("^")
    bare = word.rstrip(".").lower()
    if not _capitalised(word) or len(bare) < 2 or bare in NOT_GIVEN:
        return False
    if bare.endswith(("'s", "’s")):  # a possessive is no first name: "Ghani's government"
        return False
    return not (opens and (bare in common or bare.endswith("ly")))


def _headline(sentence: str) -> bool:
    """Title Case: most words capitalised and no full stop, as in headlines (where capitals
    say nothing about names)."""
    tokens = [w for w in sentence.split() if w[:1].isalpha()]
    if len(tokens) < 4 or sentence.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    return sum(_capitalised(w) for w in tokens) >= 0.7 * len(tokens)


_ABBREVIATION = re.compile(r"(?:[A-Z]|[A-Z][a-z]{1,3})\.")  # "J.", "Mr.", "Sen.", "Gov."
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\n][\"'”’)]*[ \t]*|[\"“‘(][ \t]*)$")


def _first_names(text: str, start: int) -> list[str]:
    """Up to two words before a surname, nearest first, skipping initials ("Donald J.").
    A word ending a sentence ("...weak. Obama") is no first name; a word opening one is one
    only if it does not look like a common word (see `_common`), marked by a leading '^'."""
    out: list[str] = []
    pos = start
    for _ in range(3):
        found = _word_before(text, pos)
        if found is None:
            break
        word, pos = found
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
            break
        if _INITIAL.fullmatch(word):
            continue
        if _OPENS_SENTENCE.search(text, max(0, pos - 4), pos):
            word = "^" + word
        out.append(word)
        if len(out) == 2 or word.startswith("^"):
            break
    return out


def resolve(
    text: str,
    mentions: Sequence[Mention],
    sentence_of: Sequence[int],
    spans: Sequence[Span],
    actors: ActorSet,
) -> tuple[Resolved, ...]:
    """Decide every mention: credited to an actor (by its name, by context, by the
    document's usage) or not (another entity, ambiguous). `sentence_of[i]` is the index in
    `spans` of mention i's sentence."""
    given = {a.key: dict(a.given_names) for a in actors.actors}
    excluded = _excluded_spans(text, actors)
    headline: dict[int, bool] = {}

    def is_headline(idx: int) -> bool:
        if idx not in headline:
            span = spans[idx] if 0 <= idx < len(spans) else Span(0, 0)
            headline[idx] = _headline(text[span.start : span.end])
        return headline[idx]

    # Which one-word aliases this document treats as a person's surname, and the first
    # names it puts before each.
    person: set[str] = set()
    firsts: dict[str, Counter[str]] = {}
    befores: list[list[str]] = []
    lower_words: list[frozenset[str]] = []

    def common() -> frozenset[str]:
        if not lower_words:
            lower_words.append(frozenset(_LOWER_WORD.findall(text)))
        return lower_words[0]

    for m, idx in zip(mentions, sentence_of, strict=True):
        words = _first_names(text, m.start) if not m.generic else []
        alias = text[m.start : m.end].lower()
        if words and words[0].lstrip("^").rstrip(".").lower() in HONORIFICS:
            person.add(alias)
        if words and is_headline(idx) and not words[0].startswith("^"):
            words[0] = "^" + words[0]  # in Title Case every word is capitalised
        if words and words[0].startswith("^") and not _name_word(words[0], common()):
            words = []
        befores.append(words)
        if words and _name_word(words[0]):
            firsts.setdefault(alias, Counter())[words[0].lstrip("^").lower()] += 1
    # two different first names before the same word also mark it as a surname
    person.update(alias for alias, names in firsts.items() if len(names) >= 2)

    out: list[Resolved | None] = []
    for i, m in enumerate(mentions):
        cands = tuple(a for a, _ in m.candidates) or (m.actor,)
        left = _neighbour_left(text, m.start)
        right = _neighbour_right(text, m.end)
        if m.generic:
            out.append(None)
            continue
        reason = _other_entity(
            text, m, befores[i], given.get(m.actor, {}), person, firsts, excluded
        )
        if reason:
            out.append(Resolved(m, m.actor, m.label, "other", reason, cands, left, right))
        else:
            out.append(Resolved(m, m.actor, m.label, "name", None, cands, left, right))
    _resolve_generic(text, mentions, sentence_of, out, excluded)
    return tuple(r for r in out if r is not None)


FUNCTION_WORDS = frozenset(
    "the a an and but or nor so yet of to in on at by for from with as if when while after "
    "before since because though although this that these those it its".split()
)


def _neighbour_left(text: str, start: int) -> str | None:
    """The capitalised word right before an alias, for the audit: not a word ending a
    sentence, not an article or conjunction opening one."""
    found = _word_before(text, start)
    if found is None or not _capitalised(found[0]):
        return None
    word = found[0]
    if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
        return None
    if word.lower() in FUNCTION_WORDS:
        return None
    return word[:30]


def suggest_excludes(
    alias: str, neighbours: Iterable[tuple[str, str, int, int]], own: Iterable[str] = ()
) -> list[str]:
    """`exclude` entries worth a look, from an alias's neighbours (side, word, matches,
    credited): a first name before it or a name-forming word after it that is still being
    credited to the actor ("Bill Clinton", "Clinton Cash"). Titles ("President ___") and
    common words are not suggested, nor the actor's `own` first names, nor a word after it
    seen once. The analyst decides: a suggestion may be the actor."""
    if not alias[:1].isupper():  # a common noun ("terrorists"): context decides, not names
        return []
    mine = {w.lower() for w in own}
    out = []
    for side, word, n, credited in neighbours:
        if credited <= 0 or not _name_word(word) or word.lower() in mine:
            continue
        if side == "right" and n < 2:
            continue
        out.append(f"{word} {alias}" if side == "left" else f"{alias} {word}")
    return out


def _neighbour_right(text: str, end: int) -> str | None:
    m = _WORD_AFTER.match(text, end, min(len(text), end + LOOK))
    return m.group(1)[:30] if m else None


def _excluded_spans(text: str, actors: ActorSet) -> dict[str, tuple[list[int], list[int]]]:
    """Per actor with `exclude` patterns, the spans they match (starts, ends), in order."""
    out = {}
    for actor, regex in actors.exclusions:
        found = [(m.start(), m.end()) for m in regex.finditer(text) if m.end() > m.start()]
        out[actor] = ([s for s, _ in found], [e for _, e in found])
    return out


def _excluded_by(
    excluded: dict[str, tuple[list[int], list[int]]], actor: str, start: int, end: int
) -> bool:
    """Whether an exclude match of `actor` covers [start, end). Matches found left to right
    do not overlap, so only the last one starting at or before `start` can cover it."""
    spans = excluded.get(actor)
    if not spans:
        return False
    k = bisect.bisect_right(spans[0], start) - 1
    return k >= 0 and spans[1][k] >= end


def _other_entity(
    text: str,
    m: Mention,
    before: list[str],
    given: dict[str, tuple[str, ...]],
    person: set[str],
    firsts: dict[str, Counter[str]],
    excluded: dict[str, tuple[list[int], list[int]]],
) -> str | None:
    """Why a named mention is someone or something else, or None when it is the actor."""
    alias_text = text[m.start : m.end]
    if _excluded_by(excluded, m.actor, m.start, m.end):
        return "excluded by the actors file"
    after = _AFTER.match(text, m.end, min(len(text), m.end + 3 * LOOK))
    if after:
        return f"part of another name: '{alias_text}{after.group()}'"
    key = alias_text.lower()
    surname = " " not in alias_text and _capitalised(alias_text) and (key in given or key in person)
    if not surname or not before or not _name_word(before[0]):
        return None
    own = set(given.get(key, ()))
    if not own and key in firsts:
        own = {firsts[key].most_common(1)[0][0]}
    first = before[0].lstrip("^").lower()
    if first in own:
        return None
    if len(before) > 1 and before[1].lstrip("^").lower() in own:  # "Hillary Rodham Clinton"
        return None
    return f"another person: '{before[0].lstrip('^')} {alias_text}'"


def _resolve_generic(
    text: str,
    mentions: Sequence[Mention],
    sentence_of: Sequence[int],
    out: list[Resolved | None],
    excluded: dict[str, tuple[list[int], list[int]]],
) -> None:
    """Fill in the generic mentions (None in `out`) in place."""
    n = len(mentions)
    # For each generic mention, the last named (credited) mention of each actor before it,
    # and the next one after it: one pass each way, per-actor dictionaries of positions.
    last: dict[str, tuple[int, int, str]] = {}
    before: list[dict[str, tuple[int, int, str]] | None] = [None] * n
    any_before: list[int | None] = [None] * n
    latest: int | None = None
    for i, m in enumerate(mentions):
        r = out[i]
        if r is None:
            before[i] = {c: last[c] for c, _ in m.candidates if c in last}
            any_before[i] = latest
        elif r.counted:
            last[r.actor] = (m.start, sentence_of[i], text[m.start : m.end])
            latest = sentence_of[i]
    nxt: dict[str, tuple[int, int, str]] = {}
    after: list[dict[str, tuple[int, int, str]] | None] = [None] * n
    any_after: list[int | None] = [None] * n
    earliest: int | None = None
    for i in range(n - 1, -1, -1):
        m, r = mentions[i], out[i]
        if r is None:
            after[i] = {c: nxt[c] for c, _ in m.candidates if c in nxt}
            any_after[i] = earliest
        elif r.counted:
            nxt[r.actor] = (m.start, sentence_of[i], text[m.start : m.end])
            earliest = sentence_of[i]

    named_in_doc = Counter(r.actor for r in out if r is not None and r.counted)
    pending: list[int] = []
    by_alias: dict[str, set[str]] = {}
    for i, m in enumerate(mentions):
        if out[i] is not None:
            continue
        s = sentence_of[i]
        why = _indefinite(text, m)
        if why:
            out[i] = _left_out(text, m, "other", why)
            continue
        owner = _owner(text, mentions, out, i)
        if owner is not None:
            _set(text, out, i, m, owner, "context",
                 f"another actor's name right before it: "
                 f"'{text[mentions[i - 1].start : m.end]}'")  # fmt: skip
            continue
        near = [
            (pos, actor, name, sent)
            for actor, (pos, sent, name) in (before[i] or {}).items()
            if sent >= s - WINDOW_SENTENCES
        ]
        if near:
            _pos, actor, name, sent = max(near)
            where = "same sentence" if sent == s else f"{s - sent} sentence(s) before"
            _set(text, out, i, m, actor, "context", f"nearest named: '{name}' ({where})")
            by_alias.setdefault(m.alias, set()).add(actor)
            continue
        later = [
            (pos, actor, name) for actor, (pos, sent, name) in (after[i] or {}).items() if sent == s
        ]
        if later:
            _pos, actor, name = min(later)
            why = f"nearest named: '{name}' (later, same sentence)"
            _set(text, out, i, m, actor, "context", why)
            by_alias.setdefault(m.alias, set()).add(actor)
            continue
        pending.append(i)

    for i in pending:
        m, s = mentions[i], sentence_of[i]
        cands = [c for c, _ in m.candidates]
        usage = by_alias.get(m.alias, set()) & set(cands)
        if len(usage) == 1:
            (actor,) = usage
            _set(text, out, i, m, actor, "document", f"this document's other uses of '{m.alias}'")
            continue
        named = [c for c in cands if named_in_doc.get(c)]
        if len(named) == 1:
            _set(
                text,
                out,
                i,
                m,
                named[0],
                "document",
                "the only one of its actors this document names",
            )
            continue
        if named:
            why = "several of its actors are named in this document, none nearby"
        else:
            why = "none of its actors is named in this document"
        out[i] = _left_out(text, m, "ambiguous", why)

    for i, r in enumerate(out):
        if (
            r is not None
            and r.resolution in ("context", "document")
            and _excluded_by(excluded, r.actor, r.mention.start, r.mention.end)
        ):
            out[i] = _left_out(text, r.mention, "other", "excluded by the actors file")


def _indefinite(text: str, m: Mention) -> str | None:
    """An indefinite noun phrase names no particular actor: "an Islamic government", "a
    foreign backed regime", "a “government of peace”"."""
    lead = _INDEFINITE.search(text, max(0, m.start - LOOK), m.start)
    if lead and lead.end() == m.start:
        return f"indefinite: '{(lead.group() + text[m.start : m.end]).strip()}'"
    return None


def _owner(
    text: str, mentions: Sequence[Mention], out: list[Resolved | None], i: int
) -> str | None:
    """The actor whose name stands right before a generic word, as in "the US government":
    the government is the US's whatever actors list "government"."""
    if i == 0 or out[i - 1] is None or not out[i - 1].counted:  # type: ignore[union-attr]
        return None
    if mentions[i].alias.split()[0].lower() in ("the", "a", "an"):  # "Clinton the bureau"
        return None
    prev = mentions[i - 1]
    gap = text[prev.end : mentions[i].start]
    if len(gap) <= 3 and not gap.strip(" \t'’s"):
        return out[i - 1].actor  # type: ignore[union-attr]
    return None


def _left_out(text: str, m: Mention, how: Resolution, why: str) -> Resolved:
    cands = tuple(a for a, _ in m.candidates) or (m.actor,)
    left, right = _neighbour_left(text, m.start), _neighbour_right(text, m.end)
    return Resolved(m, m.actor, m.label, how, why, cands, left, right)


def _set(
    text: str, out: list[Resolved | None], i: int, m: Mention, actor: str, how: Resolution,
    why: str,
) -> None:  # fmt: skip
    label = next((lab for a, lab in m.candidates if a == actor), "neutral")
    cands = tuple(a for a, _ in m.candidates)
    left, right = _neighbour_left(text, m.start), _neighbour_right(text, m.end)
    out[i] = Resolved(m, actor, label, how, why, cands, left, right)
