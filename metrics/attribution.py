"""Who is quoted, how, and how the reporting verb frames them.

Finds direct quotations (straight and curly quotes), reported speech with a reporting verb,
and "according to"; for each, the cue, the speaker and content spans (offsets into the text
as given), the kind, the source type (named person, institutional, anonymous, unresolved),
and the verb's stance (neutral "said" vs loaded "claimed", "admitted", "insisted").

Quote pairing never crosses a line break, so an unbalanced quote mark ends at its paragraph
instead of swallowing the rest of the document.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from metrics.segment import Span, sentences, words

Kind = Literal["direct", "indirect", "according-to"]
SpeakerType = Literal["named", "institutional", "anonymous", "unresolved"]
Stance = Literal["neutral", "loaded"]

NEUTRAL_VERBS = frozenset(
    "say says said tell tells told add adds added state states stated note notes noted "
    "explain explains explained announce announces announced declare declares declared "
    "report reports reported write writes wrote reply replies replied comment comments "
    "commented remark remarks remarked continue continues continued ask asks asked "
    "mention mentions mentioned confirm confirms confirmed "
    "recall recalls recalled tweet tweets tweeted predict predicts predicted estimate "
    "estimates estimated indicate indicates indicated suggest suggests suggested reiterate "
    "reiterates reiterated repeat repeats repeated promise promises promised pledge pledges "
    "pledged assure assures assured urge urges urged".split()
)
LOADED_VERBS = frozenset(
    "claim claims claimed allege alleges alleged admit admits admitted insist insists insisted "
    "concede concedes conceded boast boasts boasted warn warns warned threaten threatens "
    "threatened vow vows vowed deny denies denied acknowledge acknowledges acknowledged "
    "confess confesses confessed complain complains complained argue argues argued "
    "stress stresses stressed emphasize emphasizes emphasized "
    "emphasise emphasises emphasised lament laments lamented accuse accuses accused "
    "blame blames blamed caution cautions cautioned".split()
)
# "X rejected the plan, saying that ...": a participle after a comma reports the speech of
# the clause's subject.
PARTICIPLES = frozenset(
    "saying adding noting warning claiming alleging asking insisting arguing stressing "
    "urging accusing promising describing explaining stating calling".split()
)
VERBS = NEUTRAL_VERBS | LOADED_VERBS
_VERB_ALT = "|".join(sorted(VERBS, key=len, reverse=True))
VERB_RE = re.compile(rf"\b(?:{_VERB_ALT}|pointed out|points out)\b")
# The named subject a sentence opens with, before a verb in the past tense: the speaker of
# a participle later in it ("Mujahid rejected the report, saying ...").
_LEAD_SUBJECT = re.compile(
    r"\s*(?P<sp>(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s+(?:has\s+|have\s+|had\s+)?[a-z]+ed\b"
)
_PARTICIPLE = re.compile(
    r",\s+(?P<verb>" + "|".join(sorted(PARTICIPLES, key=len, reverse=True)) + r")\b\s+(?:that\s+)?"
)

ANONYMOUS_HEADS = frozenset(
    "official officials analyst analysts resident residents source sources report reports "
    "witness witnesses expert experts observer observers diplomat diplomats people locals "
    "critics insiders commanders commander someone some many others villagers eyewitnesses "
    "media rumours rumors".split()
)
INSTITUTION_WORDS = frozenset(
    "ministry ministries spokesman spokesperson spokeswoman spokesmen embassy government "
    "office department army police agency council commission military forces administration "
    "services intelligence un nato pentagon taliban emirate statement committee court "
    "parliament times bbc newsnight reuters ap afp efe newspaper radio television tv "
    "organization organisation group front movement mission palace authorities authority "
    "leadership command headquarters cabinet presidency white house".split()
)
PRONOUNS = frozenset("he she they it we i you his her their this that who which".split())
DETERMINERS = frozenset(
    "the a an some several many two three few most other local senior western foreign afghan "
    "american british u.s. us one another".split()
)
_OPEN_CURLY, _CLOSE_CURLY = "“«„", "”»"
_SPEAKER_AFTER = re.compile(  # used with .match: anchored at the quote's end
    rf"\s*[,.]?\s*(?:(?P<verb1>{_VERB_ALT})\s+(?P<sp1>[^.;!?\n“”\"]{{2,120}}?)"
    rf"|(?P<sp2>[^.;!?\n“”\",]{{2,80}}?)\s+(?P<verb2>{_VERB_ALT}))(?=[.,;!?]|\s*$|\s+(?:in|on|at|to|during|after)\b)",
)
_SPEAKER_BEFORE = re.compile(
    rf"(?P<sp>[A-Z][^.;!?\n“”\"]{{1,80}}?)\s+(?P<verb>{_VERB_ALT})\s*[:,]?\s*$"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<sp>[^.,;!?\n“”\"]{2,100})", re.I)
# "according to the teachings of Islam" means "in line with", not "as reported by".
NOT_SOURCES = re.compile(
    r"^(?:the\s+|its\s+|their\s+|our\s+|his\s+|her\s+)?(?:teachings?|principles?|laws?|rules?|"
    r"guidance|sharia|terms|agreement|plan|schedule|constitution|tradition|customs?|values|"
    r"wishes|will|instructions?|orders?|needs?|standards?|procedures?|criteria)\b",
    re.I,
)
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (or the end of the paragraph when unbalanced)
    balanced: bool

    @property
    def content(self) -> Span:
        return Span(self.start + 1, self.end - 1 if self.balanced else self.end)


@dataclass(frozen=True)
class Attribution:
    kind: Kind
    cue: str
    cue_span: tuple[int, int]
    speaker: str | None
    speaker_span: tuple[int, int] | None
    content_span: tuple[int, int]
    source_type: SpeakerType
    stance: Stance
    sentence: int
    resolved_speaker: str | None = None  # the antecedent of "he said", where found

    @property
    def who(self) -> str | None:
        return self.resolved_speaker or self.speaker


@dataclass(frozen=True)
class AttributionSummary:
    n_words: int
    n_attributions: int
    per_1000_words: float | None
    quoted_word_share: float | None
    by_kind: dict[str, int]
    by_source_type: dict[str, int]
    by_stance: dict[str, int]
    speakers: tuple[tuple[str, int], ...]


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Quotation spans, paired within each line; an unclosed curly quote ends at the line end."""
    quotes: list[Quote] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        open_at: int | None = None
        straight_at: int | None = None
        for i, ch in enumerate(body):
            if ch in _OPEN_CURLY and open_at is None and straight_at is None:
                open_at = i
            elif ch in _CLOSE_CURLY and open_at is not None:
                quotes.append(Quote(pos + open_at, pos + i + 1, True))
                open_at = None
            elif ch == '"' and open_at is None:
                if straight_at is None:
                    straight_at = i
                else:
                    quotes.append(Quote(pos + straight_at, pos + i + 1, True))
                    straight_at = None
        if open_at is not None and len(body) - open_at > 1:
            quotes.append(Quote(pos + open_at, pos + len(body), False))
        pos += len(line)
    return tuple(quotes)


def source_type(speaker: str | None) -> str:
    """Named person, institutional, anonymous, or unresolved (a pronoun, nothing).

    A span naming a person ("Taliban spokesman Zabiullah Mujahid") is named, whatever role
    it also gives; a name-less office or body ("the Ministry of Interior", "the spokesman of
    the Taliban") is institutional; a name-less generic ("analysts", "a U.S. defense
    official", "reports") is anonymous.
    """
    if not speaker:
        return "unresolved"
    core = speaker.split(",")[0].strip()
    tokens = re.findall(r"[\w.’'-]+", core)
    lowered = [t.lower().strip("’'") for t in tokens]
    if not tokens or (len(tokens) == 1 and lowered[0] in PRONOUNS):
        return "unresolved"
    kept = [t for t, lo in zip(tokens, lowered, strict=True) if lo not in DETERMINERS]
    kept_lower = {t.lower() for t in kept}
    institution = bool(kept_lower & INSTITUTION_WORDS)
    if _has_person_name(kept, institution):
        return "named"
    if institution:
        return "institutional"
    if kept_lower & ANONYMOUS_HEADS:
        return "anonymous"
    return "unresolved"


def _is_name_token(t: str) -> bool:
    lower = t.lower()
    return (
        t[:1].isupper()
        and not t.isupper()
        and lower not in ANONYMOUS_HEADS
        and lower not in INSTITUTION_WORDS
        and lower not in PRONOUNS
        and lower not in DETERMINERS
    )


def _has_person_name(tokens: list[str], institution: bool) -> bool:
    """Two capitalised name tokens in a row, or one alone where no institution is named."""
    run = best = 0
    for t in tokens:
        run = run + 1 if _is_name_token(t) else 0
        best = max(best, run)
    return best >= 2 or (best == 1 and not institution)


def stance(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ing") and (v[:-3] in LOADED_VERBS or v[:-3] + "e" in LOADED_VERBS):
        return "loaded"  # "warning", "arguing"
    return "loaded" if v in LOADED_VERBS or v.startswith("point") else "neutral"


def _sentence_index(spans: tuple[Span, ...], offset: int) -> int:
    """The sentence holding `offset`, else the last one starting before it, else 0 (spans
    are sorted and disjoint, so a binary search finds it)."""
    i = bisect.bisect_right(spans, offset, key=lambda s: s.start) - 1
    return max(i, 0)


class _Covered:
    """Spans already taken by an attribution; `holds(x)` asks whether any covers x.

    Questions come in rising order, so a sweep answers each in amortised constant time: x is
    covered iff the largest end among spans starting at or before x lies beyond x. (A scan
    of every span per reporting verb made long documents quadratic.)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._all = list(spans)
        self._pending = sorted(spans)
        self._next = 0
        self._reach = -1
        self._last = -1

    def add(self, start: int, end: int) -> None:
        self._all.append((start, end))
        if start <= self._last:
            self._reach = max(self._reach, end)
        else:
            bisect.insort(self._pending, (start, end), lo=self._next)

    def holds(self, x: int) -> bool:
        if x < self._last:  # out of order (never, with sorted sentences): ask every span
            return any(a <= x < b for a, b in self._all)
        self._last = x
        while self._next < len(self._pending) and self._pending[self._next][0] <= x:
            self._reach = max(self._reach, self._pending[self._next][1])
            self._next += 1
        return self._reach > x


LEADING_NOISE = frozenset(
    "and but since when after as while because if that so then also yet or where once".split()
)
TRAILING_NOISE = frozenset(
    "has have had will would also is was were are previously recently later then again "
    "publicly repeatedly once already has".split()
)
AUXILIARIES = frozenset(
    "has have had will would also reportedly repeatedly publicly previously recently later "
    "then again once".split()
)


def _clean_speaker(text: str, start: int, raw: str) -> tuple[str, tuple[int, int]] | None:
    """Trim a speaker span to its noun phrase: no leading "since", no trailing "has"."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", raw)]
    while tokens and raw[tokens[0][0] : tokens[0][1]].lower().strip(",") in LEADING_NOISE:
        tokens.pop(0)
    while tokens and raw[tokens[-1][0] : tokens[-1][1]].lower().strip(",") in TRAILING_NOISE:
        tokens.pop()
    if not tokens:
        return None
    a, b = tokens[0][0], tokens[-1][1]
    while b > a and raw[b - 1] in ",:;":
        b -= 1
    if b <= a:
        return None
    return raw[a:b], (start + a, start + b)


_SUBJECT_TOKEN = re.compile(r"[\w’'.-]+|[,;:]")


def _plausible_subject_end(text: str, end: int) -> bool:
    """The word before a reporting verb (at `end` in `text`) must end a speaker: a name, a
    pronoun, "officials", an institution ("the ministry"), skipping auxiliaries ("has
    vowed"). This keeps nouns ("there are reports") and inanimate subjects ("victories
    reveal") out. Only the last words are tokenised: a window that widens while it holds
    nothing but auxiliaries (its first token may be cut, so it is not trusted)."""
    size = 200
    while True:
        lo = max(0, end - size)
        tokens = _SUBJECT_TOKEN.findall(text, lo, end)[1 if lo else 0 :]
        while tokens and tokens[-1].lower() in AUXILIARIES:
            tokens.pop()
        if tokens or lo == 0:
            break
        size *= 4
    if not tokens:
        return False
    word = tokens[-1]
    lower = word.lower()
    if word in ",;:":
        return True
    return (
        word[:1].isupper()
        or lower in PRONOUNS
        or lower in ANONYMOUS_HEADS
        or lower in INSTITUTION_WORDS
    )


_VERB_LONGEST = max(map(len, VERBS))
_SPEAKER_MAX = 81  # what _SPEAKER_BEFORE's speaker group can hold


def _speaker_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """`_SPEAKER_BEFORE.search` of text[lo:hi] (offsets into `text`), started only where a
    match can start: it must end with a reporting verb (then spaces, one ':' or ','), so it
    begins at most a speaker's length before the verb and the spaces in front of it.
    Searching the whole line before every quote made long paragraphs quadratic."""
    e = hi
    while e > lo and text[e - 1].isspace():
        e -= 1
    if e > lo and text[e - 1] in ":,":
        e -= 1
        while e > lo and text[e - 1].isspace():
            e -= 1
    start = None
    for length in range(1, _VERB_LONGEST + 1):
        v = e - length
        if v <= lo:
            break
        if text[v:e] in VERBS:
            w = v
            while w > lo and text[w - 1].isspace():
                w -= 1
            start = w - _SPEAKER_MAX if start is None else min(start, w - _SPEAKER_MAX)
    if start is None:
        return None
    return _SPEAKER_BEFORE.search(text, max(start, lo), hi)


def find_attributions(text: str, spans: tuple[Span, ...] | None = None) -> tuple[Attribution, ...]:
    """Direct, indirect and according-to attributions in `text` (offsets into it)."""
    if not text.strip():
        return ()
    spans = spans if spans is not None else sentences(text)
    found: list[Attribution] = []
    covered: list[tuple[int, int]] = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    for q in find_quotes(text):
        content = q.content
        if len(words(text[content.start : content.end])) < MIN_QUOTE_WORDS:
            continue
        k = bisect.bisect_left(breaks, q.end)
        line_end = breaks[k] if k < len(breaks) else len(text)
        k = bisect.bisect_left(breaks, q.start)
        line_start = breaks[k - 1] + 1 if k > 0 else 0
        m = _SPEAKER_AFTER.match(text, q.end, line_end)
        speaker = cue = None
        if m:
            verb_group = "verb1" if m.group("verb1") else "verb2"
            sp_group = "sp1" if m.group("verb1") else "sp2"
            cue = (m.group(verb_group), (m.start(verb_group), m.end(verb_group)))
            speaker = _clean_speaker(text, m.start(sp_group), m.group(sp_group))
            if speaker and len(words(speaker[0])) > 14:
                speaker = None
        else:
            mb = _speaker_before(text, line_start, q.start)
            if mb:
                cue = (mb.group("verb"), (mb.start("verb"), mb.end("verb")))
                speaker = _clean_speaker(text, mb.start("sp"), mb.group("sp"))
        if cue is None:
            cue = ("quotation", (q.start, q.start + 1))
        found.append(
            Attribution(
                "direct",
                cue[0],
                cue[1],
                speaker[0] if speaker else None,
                speaker[1] if speaker else None,
                (content.start, content.end),
                source_type(speaker[0] if speaker else None),
                stance(cue[0]) if cue[0] != "quotation" else "neutral",
                _sentence_index(spans, q.start),
            )
        )
        covered.append((q.start, q.end))
        covered.append(cue[1])
    cover = _Covered(covered)
    according_in: set[int] = set()
    for idx, sent in enumerate(spans):
        s_text = text[sent.start : sent.end]
        for m in _ACCORDING.finditer(s_text):
            if NOT_SOURCES.match(m.group("sp")):
                continue
            raw_start = sent.start + m.start("sp")
            speaker = _clean_speaker(text, raw_start, m.group("sp"))
            content = (
                (sent.start, sent.start + m.start())
                if m.start() > 3
                else (sent.start + m.end(), sent.end)
            )
            according_in.add(idx)
            found.append(
                Attribution(
                    "according-to",
                    "according to",
                    (sent.start + m.start(), sent.start + m.start() + 12),
                    speaker[0] if speaker else None,
                    speaker[1] if speaker else None,
                    content,
                    source_type(speaker[0] if speaker else None),
                    "neutral",
                    idx,
                )
            )
        for m in VERB_RE.finditer(s_text):
            if cover.holds(sent.start + m.start()):
                continue
            if idx in according_in:
                continue
            if not _plausible_subject_end(s_text, m.start()):
                continue
            attribution = _indirect(text, sent, idx, m)
            if attribution is not None:
                found.append(attribution)
                cover.add(sent.start, sent.end)
                break
        for m in _PARTICIPLE.finditer(s_text):
            at = sent.start + m.start("verb")
            if m.end() >= len(s_text.rstrip(" .!?")):
                continue
            # "X confirmed the closure, adding that ...": the first report ends at the comma
            host = next(
                (i for i in range(len(found) - 1, -1, -1)
                 if found[i].kind == "indirect" and found[i].sentence == idx
                 and found[i].content_span[0] < at < found[i].content_span[1]),
                None,
            )  # fmt: skip
            if host is not None:
                h = found[host]
                found[host] = dataclasses.replace(
                    h, content_span=(h.content_span[0], sent.start + m.start())
                )
            elif cover.holds(at):
                continue
            lead = _LEAD_SUBJECT.match(s_text)
            speaker = (
                _clean_speaker(text, sent.start + lead.start("sp"), lead.group("sp"))
                if lead
                else None
            )
            verb = m.group("verb")
            found.append(
                Attribution(
                    "indirect",
                    verb,
                    (at, at + len(verb)),
                    speaker[0] if speaker else None,
                    speaker[1] if speaker else None,
                    (sent.start + m.end(), sent.start + len(s_text.rstrip(" .!?\n"))),
                    source_type(speaker[0] if speaker else None),
                    stance(verb),
                    idx,
                )
            )
            cover.add(at, sent.end)
    found.extend(_transcript_turns(text, spans, cover))
    return _resolve_pronouns(tuple(sorted(found, key=lambda a: a.cue_span[0])))


# "RAKHIMOVA: Because ..." / "QUESTION (news agency): ..." at the start of a line: a turn of
# a transcript, when the text has at least two lines labelled in capitals.
_TURN = re.compile(r"^(?P<sp>[A-Z][A-Z.'’ -]{1,40}?(?: \([^)\n]{1,60}\))?):[ \t]+(?=\S)", re.M)


def _transcript_turns(text: str, spans: tuple[Span, ...], cover: _Covered) -> list[Attribution]:
    turns = [m for m in _TURN.finditer(text) if not cover.holds(m.end())]
    if len(turns) < 2:
        return []
    out = []
    for m in turns:
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        speaker = m.group("sp")
        colon = m.end("sp")
        out.append(
            Attribution(
                "direct",
                ":",
                (colon, colon + 1),
                speaker,
                (m.start("sp"), m.end("sp")),
                (m.end(), len(text[:line_end].rstrip())),
                source_type(speaker),
                "neutral",
                _sentence_index(spans, m.start()),
            )
        )
    return out


RESOLVE_WINDOW = 4


def _resolve_pronouns(found: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    """ "he said" takes the source type of the last named speaker a few sentences back."""
    out: list[Attribution] = []
    last_named: Attribution | None = None
    for a in found:
        if (
            a.source_type == "unresolved"
            and a.speaker
            and a.speaker.lower() in ("he", "she")
            and last_named is not None
            and a.sentence - last_named.sentence <= RESOLVE_WINDOW
        ):
            a = replace(a, source_type="named", resolved_speaker=last_named.who)
        if a.source_type == "named":
            last_named = a
        out.append(a)
    return tuple(out)


_SUBJECT_BEFORE = re.compile(r"(?P<sp>(?:[\w.’'-]+\s+){0,6}?[\w.’'-]+)\s*$")
_SUBJECT_WORDS = 7  # what _SUBJECT_BEFORE's speaker can hold
_SUBJECT_CHAR = re.compile(r"[\w.’'-]")
_SPACE = re.compile(r"\s")


def _subject_before(text: str) -> re.Match[str] | None:
    """`_SUBJECT_BEFORE.search(text)`, started only where a match can start: its words and
    spaces run to the end of `text`, so it begins within the last seven words that only
    spaces separate. Searching the whole clause before every reporting verb made a long
    unpunctuated sentence with many verbs quadratic."""
    i = len(text)
    while i and _SPACE.match(text, i - 1):
        i -= 1
    for _ in range(_SUBJECT_WORDS):
        j = i
        while j and _SUBJECT_CHAR.match(text, j - 1):
            j -= 1
        if j == i:
            break
        i = j
        while j and _SPACE.match(text, j - 1):
            j -= 1
        if j == i:
            break
        i = j
    return _SUBJECT_BEFORE.search(text, i)


_THAT = re.compile(r"^\s*(?:that\b)?\s*", re.I)
_TRAILING = re.compile(r"^\s*(?P<sp>[^,.;!?]{2,80}?)\s*[.!?]?\s*$")


def _indirect(text: str, sent: Span, idx: int, m: re.Match[str]) -> Attribution | None:
    s_text = text[sent.start : sent.end]
    verb = m.group(0)
    cue_span = (sent.start + m.start(), sent.start + m.end())
    before = s_text[: m.start()]
    after = s_text[m.end() :]
    clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(" and "), -1) + 1
    subject_text = before[clause_start:]
    tail = after.strip()
    if tail in ("", ".") or re.fullmatch(r"[.!?]", tail):
        # "..., officials said."  content is what precedes the cue's clause
        sm = _subject_before(subject_text)
        if not sm or clause_start == 0:
            return None
        speaker = _clean_speaker(text, sent.start + clause_start + sm.start("sp"), sm.group("sp"))
        content = (sent.start, sent.start + max(clause_start - 1, 0))
    else:
        sm = _subject_before(subject_text)
        if sm and sm.group("sp").strip():
            subject = sm.group("sp")
            speaker = _clean_speaker(text, sent.start + clause_start + sm.start("sp"), subject)
        else:
            trailing = _TRAILING.match(after)
            if not trailing or before.strip():
                return None
            speaker = _clean_speaker(
                text, sent.start + m.end() + trailing.start("sp"), trailing.group("sp")
            )
        that = _THAT.match(after)
        content_start = sent.start + m.end() + (that.end() if that else 0)
        content = (content_start, sent.end)
    if speaker is not None:
        words_ = speaker[0].split()
        if words_[0].lower() in (
            "to",
            "of",
            "by",
            "with",
            "for",
            "was",
            "were",
            "is",
            "be",
            "been",
        ):
            return None
    return Attribution(
        "indirect",
        verb,
        cue_span,
        speaker[0] if speaker else None,
        speaker[1] if speaker else None,
        content,
        source_type(speaker[0] if speaker else None),
        stance(verb),
        idx,
    )


def summarise(
    text: str, attributions: tuple[Attribution, ...], n_words: int | None = None
) -> AttributionSummary:
    """Per-document figures: density per 1,000 words, quoted share, counts, speakers."""
    n = n_words if n_words is not None else len(words(text))
    quoted = sum(
        len(words(text[a.content_span[0] : a.content_span[1]]))
        for a in attributions
        if a.kind == "direct"
    )
    speakers = Counter(a.who for a in attributions if a.who)
    return AttributionSummary(
        n_words=n,
        n_attributions=len(attributions),
        per_1000_words=1000 * len(attributions) / n if n else None,
        quoted_word_share=min(1.0, quoted / n) if n else None,
        by_kind=dict(Counter(a.kind for a in attributions)),
        by_source_type=dict(Counter(a.source_type for a in attributions)),
        by_stance=dict(Counter(a.stance for a in attributions)),
        speakers=tuple(speakers.most_common()),
    )
