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

from metrics.segment import Inside, Span, sentences, words

Kind = Literal["direct", "indirect", "according-to"]
SpeakerType = Literal["named", "institutional", "anonymous", "document", "unresolved"]
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
WEAK_VERBS = frozenset(
    "add adds added note notes noted report reports reported write writes wrote continue "
    "continues continued repeat repeats repeated confirm confirms confirmed deny denies denied "
    "recall recalls recalled mention mentions mentioned reply replies replied comment comments "
    "commented remark remarks remarked ask asks asked state states stated promise promises "
    "promised tell tells condemn condemns condemned reject rejects rejected".split()
)
# Verbs that report a stance, a finding or an order rather than speech ("residents described
# ...", "the ministry condemned ...", "a poll found ..."): reported speech only, never a
# quote's cue on their own.
CLAIM_VERBS = frozenset(
    "believe believes believed describe describes described condemn condemns condemned reject "
    "rejects rejected expect expects expected order orders ordered instruct instructs "
    "instructed".split()
)
# Words before which a verb form is a noun or an infinitive ("requests for comment", "every
# claim", "declined to comment"): no report.
NOT_BEFORE_VERB = frozenset(
    "for to of the a an his her their its our no any every each this that these those such "
    "my your".split()
)
FINDING_VERBS = frozenset("show shows showed find finds found".split())
DOCUMENT_WORDS = frozenset(
    "report reports poll polls survey surveys study studies statement statements letter letters "
    "email emails document documents data figures records record investigation investigations "
    "information order decree memo findings analysis video footage census audit filing filings "
    "assessment review transcript transcripts cable cables tally count research wiretaps "
    "intercepts leaks documentary".split()
)
_INDIRECT_ALT = "|".join(sorted(VERBS | CLAIM_VERBS | FINDING_VERBS, key=len, reverse=True))
INDIRECT_RE = re.compile(
    rf"\b(?:(?:calls|called|call)\s+on|(?:points|pointed|point)\s+(?:out|to)|{_INDIRECT_ALT})\b"
)
# The named subject a sentence opens with, before a verb in the past tense: the speaker of
# a participle later in it ("Mujahid rejected the report, saying ...").
_LEAD_SUBJECT = re.compile(
    r"\s*(?P<sp>(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s+(?:has\s+|have\s+|had\s+)?[a-z]+ed\b"
)
_PARTICIPLE = re.compile(
    r",\s+(?P<verb>" + "|".join(sorted(PARTICIPLES, key=len, reverse=True)) + r")\b\s+(?:that\s+)?"
)

ANONYMOUS_HEADS = frozenset(
    "official officials analyst analysts resident residents source sources "
    "witness witnesses expert experts observer observers diplomat diplomats people locals "
    "critics insiders commanders commander someone some many others villagers eyewitnesses "
    "media rumours rumors question questioner moderator host audience".split()
)
INSTITUTION_WORDS = frozenset(
    "ministry ministries spokesman spokesperson spokeswoman spokesmen embassy government "
    "office department army police agency council commission military forces administration "
    "services intelligence un nato pentagon taliban emirate committee court state nations "
    "parliament times bbc newsnight reuters ap afp efe newspaper radio television tv "
    "organization organisation group front movement mission palace authorities authority "
    "leadership command headquarters cabinet presidency white house".split()
)
# People a report may cite without a name ("residents of the area said", "aid groups said").
PERSON_NOUNS = frozenset(
    "traders trader groups envoys envoy investigators investigator supporters supporter "
    "ministers minister officer officers activists activist lawmakers lawmaker leaders leader "
    "members member director chief president secretary ambassador negotiator negotiators "
    "advisor adviser advisers advisors aide aides voters students women men families farmers "
    "doctors teachers journalists reporters researchers scholars clerics elders fighters "
    "soldiers governor mayor judge lawyer lawyers prosecutors prosecutor workers staff "
    "employees relatives victims survivors neighbours neighbors colleagues man woman sides "
    "side person people spokesman spokeswoman spokesperson delegation circles protesters "
    "refugees migrants citizens mullah imam cleric elder senator congressman candidate "
    "campaign".split()
)
PRONOUNS = frozenset("he she they it we i you his her their this that who which".split())
DETERMINERS = frozenset(
    "the a an some several many two three few most other local senior western foreign afghan "
    "american british u.s. us one another".split()
)
_OPEN_CURLY, _CLOSE_CURLY = "“«„", "”»"
_CUE_END = r"(?=[.,;!?]|\s*$|\s+(?:in|on|at|to|during|after)\b)"
# "..., he told reporters." / "..., Mujahid told Reuters.": the verb may take its listener
_CUE_END_LISTENER = (
    r"(?=[.,;!?]|\s*$|\s+(?:in|on|at|to|during|after|reporters|journalists)\b|\s+[A-Z])"
)
_SPEAKER_AFTER = re.compile(  # used with .match: anchored at the quote's end
    rf"\s*[,.]?\s*(?:(?P<verb1>{_VERB_ALT})\s+(?P<sp1>[^.;!?\n“”\"]{{2,120}}?){_CUE_END}"
    rf"|(?P<sp2>[^.;!?\n“”\",]{{2,80}}?)\s+(?P<verb2>{_VERB_ALT}){_CUE_END_LISTENER})",
)
_SPEAKER_BEFORE = re.compile(
    rf"(?P<sp>[A-Z][^.;!?\n“”\"]{{1,80}}?)\s+(?P<verb>{_VERB_ALT})\s*[:,]?\s*$"
)
_GOES_ON = re.compile(r"^,\s*(?:\S+\s+){2}\S")
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


# Role nouns: one holder of an office is the institution speaking ("the spokesman", "a
# Foreign Office spokeswoman"); several unnamed ones are anonymous ("former ministers").
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister president secretary ambassador envoy "
    "director chief governor mayor judge prosecutor negotiator delegation commander "
    "mujahideen insurgents militants rebels".split()
)
# Places that speak for their governments ("Islamabad has long accused ...").
PLACES = frozenset(
    "afghanistan pakistan iran india china russia britain france germany turkey qatar tajikistan "
    "uzbekistan turkmenistan america kabul islamabad tehran moscow beijing washington london "
    "doha delhi ankara dushanbe tashkent paris berlin brussels kandahar herat states "
    "kingdom".split()
)
_SEGMENT_CUT = re.compile(
    r"(?<![\w-])(?:of|in|from|at|on|with|for|by|near|familiar|led|based|known|who|which|that|"
    r"close|now|across)(?![\w-])",
    re.I,
)


def source_type(speaker: str | None) -> str:
    """Named person, institutional, anonymous, document, or unresolved (a pronoun, nothing).

    A span naming a person anywhere in it ("Taliban spokesman Zabiullah Mujahid", "the
    spokesman, Zabiullah Mujahid") is named. Otherwise the head noun of its first phrase
    decides: a report, poll or statement is a document; unnamed people ("officials",
    "a Taliban district official", "traders on both sides", "former ministers") are
    anonymous; one office, body or place ("the spokesman", "the Ministry of Interior",
    "Islamabad", "Islamic State") is institutional.
    """
    if not speaker:
        return "unresolved"
    if speaker.isupper() and len(speaker) > 4:
        speaker = speaker.title()  # a transcript's "RAKHIMOVA:" or "MR. SMITH:"
    segments = [x.strip() for x in speaker.split(",") if x.strip()]
    if not segments:
        return "unresolved"
    if any(_names_person(x) for x in segments):
        return "named"
    first = _SEGMENT_CUT.split(segments[0])[0] or segments[0]
    tokens = [t for t in re.findall(r"[\w.’'-]+", first) if t.lower() not in DETERMINERS]
    if not tokens:  # "several of his former ministers": the noun after "of"
        tokens = re.findall(r"[\w.’'-]+", segments[0])
    if not tokens:
        return "unresolved"
    while len(tokens) > 1 and re.fullmatch(r"[a-z]+ed", tokens[-1]):
        tokens.pop()  # "information received"
    head = tokens[-1]
    low = head.lower().strip("’'")
    if low in PRONOUNS:
        return "unresolved"
    if low in DOCUMENT_WORDS:
        return "document"
    if low in ANONYMOUS_HEADS or low in PERSON_NOUNS - ROLE_NOUNS:
        return "anonymous"
    if low in ROLE_NOUNS or low in INSTITUTION_WORDS or low in PLACES:
        return "institutional"
    if any(t.lower() in INSTITUTION_WORDS or t.lower() in PLACES for t in tokens):
        return "institutional"  # "Islamic State", "the Foreign Office"
    if _is_name_token(head):
        return "named"  # a surname alone: "Wallace said"
    return "unresolved"


def _names_person(segment: str) -> bool:
    """A person's name heads the phrase: two name words in a row with no institution among
    them ("Zabiullah Mujahid", not "United Nations" or "Islamic State"), a role followed by a
    name ("Taliban spokesman Zabiullah Mujahid", "Secretary of Defense Ben Wallace"), or a
    lone name word ("Gulbuddin")."""
    whole = [t for t in re.findall(r"[\w.’'-]+", segment) if t.lower() not in DETERMINERS]
    head = _SEGMENT_CUT.split(segment)[0] or segment
    tokens = [t for t in re.findall(r"[\w.’'-]+", head) if t.lower() not in DETERMINERS]
    if not tokens:
        return False
    if _trailing_name(whole) and any(t.lower() in ROLE_NOUNS for t in tokens):
        return True
    run = best = 0
    for t in tokens:
        run = run + 1 if _is_name_token(t) and t.lower() not in PLACES else 0
        best = max(best, run)
    if best >= 2:
        return not any(
            t.lower() in INSTITUTION_WORDS or t.lower() in ROLE_NOUNS for t in tokens
        ) or _trailing_name(tokens)
    return len(tokens) == 1 and _is_name_token(tokens[0]) and tokens[0].lower() not in PLACES


def _trailing_name(tokens: list[str]) -> bool:
    """The phrase ends in two name words after something else ("... Zabiullah Mujahid")."""
    return len(tokens) >= 3 and all(
        _is_name_token(t) and t.lower() not in PLACES for t in tokens[-2:]
    )


def _is_name_token(t: str) -> bool:
    lower = t.lower()
    return (
        t[:1].isupper()
        and not t.isupper()
        and lower not in ANONYMOUS_HEADS
        and lower not in PERSON_NOUNS
        and lower not in ROLE_NOUNS
        and lower not in DOCUMENT_WORDS
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
    while tokens and (
        raw[tokens[0][0] : tokens[0][1]].lower().strip(",") in LEADING_NOISE
        or not any(c.isalnum() for c in raw[tokens[0][0] : tokens[0][1]])
    ):
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
    quotes = find_quotes(text)
    for q in quotes:
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
            if speaker and (len(words(speaker[0])) > 14 or not _plausible(speaker[0])):
                speaker = None
        else:
            mb = _speaker_before(text, line_start, q.start)
            if mb:
                speaker = _clean_speaker(text, mb.start("sp"), mb.group("sp"))
                if speaker and _plausible(speaker[0]):  # not "Editor's note:"
                    cue = (mb.group("verb"), (mb.start("verb"), mb.end("verb")))
                else:
                    speaker = None
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
    found = _join_split_quotes(text, found)
    cover = _Covered(covered)
    quoted = Inside((q.start, q.end) for q in quotes)
    according_in: set[int] = set()
    for idx, sent in enumerate(spans):
        s_text = text[sent.start : sent.end]
        for m in _ACCORDING.finditer(s_text):
            if NOT_SOURCES.match(m.group("sp")):
                continue
            raw_start = sent.start + m.start("sp")
            speaker = _clean_speaker(text, raw_start, m.group("sp"))
            rest = s_text[m.end() :]
            if (
                m.start() > 3
                and s_text[: m.start()].rstrip().endswith(",")
                and _GOES_ON.match(rest)
            ):
                # "... in which, according to our field reports, nineteen were killed"
                lead = len(rest) - len(rest[1:].lstrip()) if rest else 0
                content = (sent.start + m.end() + lead, sent.start + len(s_text.rstrip(" \n.!?")))
            elif m.start() > 3:
                content = (sent.start, sent.start + m.start())
            else:  # "According to reports, the Taliban ..."
                lead = len(rest) - len(rest.lstrip(" ,:"))
                content = (sent.start + m.end() + lead, sent.start + len(s_text.rstrip(" \n.!?")))
            if content[1] <= content[0]:  # "according to X." with nothing reported
                continue
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
        last: int | None = None
        for m in INDIRECT_RE.finditer(s_text):
            at = sent.start + m.start()
            if idx in according_in or quoted.holds(at):
                continue
            if last is not None:
                prev = found[last]
                if not prev.cue_span[1] <= at < prev.content_span[1]:
                    continue
                second = _second_report(text, sent, idx, m, prev)
                if second is None:
                    continue
                attribution, cut = second
                while cut > prev.content_span[0] and text[cut - 1] in " ,;":
                    cut -= 1
                found[last] = replace(prev, content_span=(prev.content_span[0], cut))
                found.append(attribution)
                last = len(found) - 1
                continue
            if cover.holds(at):
                continue
            attribution = _indirect(text, sent, idx, m)
            if attribution is not None:
                found.append(attribution)
                last = len(found) - 1
                cover.add(sent.start, sent.end)
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
    found = _quotes_in_reports(text, found)
    return _resolve_pronouns(tuple(sorted(found, key=lambda a: a.cue_span[0])))


def _quotes_in_reports(text: str, found: list[Attribution]) -> list[Attribution]:
    """A quote with no cue inside reported speech: right after the report's cue and a colon
    ("told Newsnight on the BBC: "...""), it is what the report's speaker said, so the quote
    takes the cue and the report goes; further in ("insisted the insurgents would accept
    peace "if ..."") it is a partial quote of a mixed attribution, so it goes."""
    reports: dict[int, list[tuple[int, int]]] = {}  # sentence: (content start, index)
    for i, a in enumerate(found):
        if a.kind == "indirect":
            reports.setdefault(a.sentence, []).append((a.content_span[0], i))
    for spans in reports.values():
        spans.sort()
    drop: set[int] = set()
    out = list(found)
    for i, q in enumerate(found):
        if q.kind != "direct" or q.cue != "quotation":
            continue
        spans = reports.get(q.sentence, [])
        k = bisect.bisect_right(spans, (q.content_span[0], len(found))) - 1
        if k < 0:
            continue
        host = spans[k][1]
        h = found[host]
        if host in drop or not h.cue_span[1] <= q.content_span[0] < h.content_span[1]:
            continue
        lead = text[h.content_span[0] : q.content_span[0]].rstrip(' “"«„')
        if lead.endswith(":") and len(words(lead)) <= 8:
            out[i] = replace(
                q, cue=h.cue, cue_span=h.cue_span, speaker=h.speaker, speaker_span=h.speaker_span,
                source_type=h.source_type, stance=h.stance,
            )  # fmt: skip
            drop.add(host)
        else:
            drop.add(i)
    return [a for i, a in enumerate(out) if i not in drop]


JOIN_GAP_WORDS = 12


def _join_split_quotes(text: str, found: list[Attribution]) -> list[Attribution]:
    """A quote split around its cue ("... it," he added. "But ...") or continued in the next
    paragraph with no new cue is one attribution: an uncued quote joins the cued one before
    it when only the cue (a few words) lies between them."""
    out: list[Attribution] = []
    for a in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and a.cue == "quotation"
            and prev.cue != "quotation"
            and len(words(text[prev.content_span[1] : a.content_span[0]])) <= JOIN_GAP_WORDS
        ):
            out[-1] = replace(prev, content_span=(prev.content_span[0], a.content_span[1]))
            continue
        out.append(a)
    return out


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


# Words of a title that run into a name ("Secretary of Defense Ben Wallace"), never part of it.
TITLE_WORDS = frozenset(
    "defense defence state foreign interior affairs justice finance health education general "
    "lieutenant colonel major captain sergeant mr mrs ms dr prof sen rep gov mawlawi sheikh "
    "esteemed amir deputy acting senior former".split()
)


def person_name(speaker: str | None) -> str | None:
    """The person's name in a speaker span ("Taliban spokesman Zabiullah Mujahid" gives
    "Zabiullah Mujahid", "Gulbuddin, another resident" gives "Gulbuddin"): the longest run
    of two or more name words in its first segment with a name, titles left out."""
    if not speaker:
        return None
    for segment in speaker.split(","):
        tokens = re.findall(r"[\w’'.-]+", segment)
        best: list[str] = []
        run: list[str] = []
        for t in tokens:
            ok = _is_name_token(t) and t.lower().rstrip(".") not in TITLE_WORDS
            run = [*run, t] if ok and t.lower() not in PLACES else []
            if len(run) > len(best):
                best = run
        if len(best) >= 2:
            return " ".join(best)
        if len(tokens) == 1 and best:
            return best[0]  # a lone name: "Gulbuddin, another resident of Puli Alam"
    return None


def _resolve_pronouns(found: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    """Who each speaker is: a named speaker resolves to the person's name (the role stays in
    `speaker` as the description); a surname alone ("Mujahid") to the full name given
    earlier; "he said" / "she said" to the last named speaker a few sentences back, and a
    quote with no cue to the last quoted speaker a few sentences back."""
    out: list[Attribution] = []
    last_named: Attribution | None = None
    last_direct: Attribution | None = None
    full_names: dict[str, str] = {}
    for a in found:
        if a.source_type == "named" and a.resolved_speaker is None:
            name = person_name(a.speaker)
            if name and " " not in name:
                name = full_names.get(name.lower(), name)
            elif name:
                full_names[name.split()[-1].lower()] = name
            if name:
                a = replace(a, resolved_speaker=name)
            else:
                tokens = [t for t in re.findall(r"[\w’'.-]+", a.speaker or "") if _is_name_token(t)]
                known = full_names.get(tokens[-1].lower()) if len(tokens) == 1 else None
                if known:
                    a = replace(a, resolved_speaker=known)
        elif (
            a.source_type == "unresolved"
            and a.speaker
            and a.speaker.lower() in ("he", "she")
            and last_named is not None
            and a.sentence - last_named.sentence <= RESOLVE_WINDOW
        ):
            a = replace(a, source_type="named", resolved_speaker=last_named.who)
        elif (
            a.kind == "direct"
            and a.cue == "quotation"
            and last_direct is not None
            and a.sentence - last_direct.sentence <= RESOLVE_WINDOW
        ):
            # a bare quote goes on with the last quoted speaker, as news convention has it
            a = replace(a, source_type=last_direct.source_type, resolved_speaker=last_direct.who)
        if a.source_type == "named":
            last_named = a
        if a.kind == "direct" and a.who:
            last_direct = a
        out.append(a)
    return tuple(out)


_TOKEN = re.compile(r"[\w’'.-]+|[,;:()“”\"]")
SUBJECT_WINDOW = 250  # characters before a verb searched for its subject (keeps it linear)
SUBJECT_WORDS = 10
NEGATIONS = frozenset("not never n't didn't didn’t doesn't doesn’t don't don’t did does".split())
STRIP_BEFORE_VERB = AUXILIARIES | frozenset(
    "long initially often already still now too first earlier immediately also always have has "
    "had".split()
)
CLAUSE_BREAKS = frozenset(
    "and but while whereas as because after before when since though although if that which "
    "who whom where so or than".split()
)
COORDINATORS = frozenset("and but while whereas ;".split())
CUT_WORDS = frozenset(
    "of on in from at for with by who which that whose led based near close familiar across "
    "to".split()
)
COPULAS = frozenset("is are was were be been being there am".split())
DEMONSTRATIVES = frozenset("this these those that such what which it's".split())
SUBJECT_PRONOUNS = frozenset("he she they it".split())
OWN_VOICE = frozenset("we i you".split())
_NO_CLAUSE = re.compile(r"^\s*(?:and|or|but|nor|then)\b", re.I)


@dataclass(frozen=True)
class _Subject:
    """What stands before a reporting verb: a subject phrase (`span`, offsets into the
    sentence), a comma (an appositive or an inverted "..., said the aide"), "and" (a second
    verb of the same subject), or nothing (the clause starts with the verb). `boundary` is
    the word or mark the phrase starts after, and where it starts."""

    kind: Literal["subject", "comma", "and", "start"]
    span: tuple[int, int] | None = None
    boundary: str = ""
    boundary_at: int = 0


def _tokens_before(s_text: str, v: int) -> list[re.Match[str]]:
    lo = max(0, v - SUBJECT_WINDOW)
    toks = list(_TOKEN.finditer(s_text, lo, v))
    return toks[1:] if lo and toks else toks  # the first may be cut by the window


def _subject(s_text: str, v: int) -> _Subject | None:
    """The subject of the reporting verb at `v` in the sentence `s_text`; None when the verb is
    negated ("did not confirm") or nothing before it can be a subject. Reads at most
    SUBJECT_WINDOW characters back, so many verbs in a long sentence stay linear."""
    toks = _tokens_before(s_text, v)
    while toks:
        low = toks[-1].group().lower()
        if low in NEGATIONS:
            return None
        if low in STRIP_BEFORE_VERB or (low.endswith("ly") and len(low) > 4):
            toks.pop()
            continue
        break
    if not toks:
        return _Subject("start")
    last = toks[-1]
    if last.group().lower() in NOT_BEFORE_VERB:
        return None
    if last.group() == ",":
        return _Subject("comma", boundary=",", boundary_at=last.start())
    if last.group().lower() in ("and", ";"):
        return _Subject("and", boundary=last.group().lower(), boundary_at=last.start())
    i = len(toks)
    while i > 0 and len(toks) - i < SUBJECT_WORDS:
        t = toks[i - 1].group()
        if t in ',;:()“”"' or t.lower() in CLAUSE_BREAKS:
            break
        i -= 1
    if i == len(toks):
        return None
    boundary = toks[i - 1] if i > 0 else None
    return _Subject(
        "subject",
        (toks[i].start(), toks[-1].end()),
        boundary.group().lower() if boundary else "",
        boundary.start() if boundary else 0,
    )


def _plausible(phrase: str, finding: bool = False) -> bool:
    """Whether a subject phrase can be a source: a name, a pronoun, people ("residents of
    the area"), an institution or a document, judged on the words before its first
    preposition; never a clause with a copula ("there are reports") or a possessive
    ("Editor's note"). Finding verbs ("shows", "found") take only documents and "it"."""
    tokens = re.findall(r"[\w’'.-]+", phrase)
    if not tokens:
        return False
    lowered = [t.lower() for t in tokens]
    if lowered[-1] in OWN_VOICE:
        return False
    if any(t in COPULAS for t in lowered) or lowered[-1].endswith(("'s", "’s", "'", "’")):
        return False
    head: list[str] = []
    for t in tokens:
        if t.lower() in CUT_WORDS and head:
            break
        head.append(t)
    for t in head:
        low = t.lower()
        if low in DEMONSTRATIVES or low in DETERMINERS:
            continue
        if finding:
            if low in DOCUMENT_WORDS or low == "it":
                return True
            continue
        if (
            low in SUBJECT_PRONOUNS
            or low in ANONYMOUS_HEADS
            or low in PERSON_NOUNS
            or low in INSTITUTION_WORDS
            or low in DOCUMENT_WORDS
            or ((t[:1].isupper() and not t.isupper()) or (len(t) > 1 and t.isupper()))
        ):
            return True
    return False


_THAT = re.compile(r"^\s*(?:that\b)?\s*", re.I)
_OPENS_CLAUSE = re.compile(r"^\s*(?:that\b|[:,]|[“\"])", re.I)
_INVERTED = re.compile(r"^\s*(?P<sp>[^;!?\n“”\"]{2,120}?)\s*[.!?]?\s*$")
_ADVERB_SEGMENT = re.compile(
    r",\s*(?:however|meanwhile|too|also|though|instead|then|in turn)\s*$", re.I
)


def _verb_kind(verb: str) -> str:
    v = verb.lower().split()[0]
    if v in FINDING_VERBS:
        return "finding"
    return "weak" if v in WEAK_VERBS else "strong"


_VERBISH = re.compile(
    r"\b(?:[a-z]+ed|remained|were|was|had|is|are|would|will|has|have|says|said)\b"
)
_LEAD = re.compile(
    r"\s*(?P<sp>(?:[\w’'.-]+\s+){0,9}?[\w’'.-]+)\s+(?:has\s+|have\s+|had\s+)?(?P<v>[a-z]+(?:ed|s))\b"
)


def _lead_subject(s_text: str, limit: int) -> tuple[int, int] | None:
    """The phrase a sentence opens with, before its first verb ("The United Nations mission
    in Afghanistan condemned ..."), when it can be a source and ends before `limit`."""
    m = _LEAD.match(s_text, 0, min(limit, SUBJECT_WINDOW))
    if m is None or not _plausible(m.group("sp")) or re.search(r"[,;:]", m.group("sp")):
        return None
    return m.start("sp"), m.end("sp")


def _speaker(text: str, sent: Span, a: int, b: int) -> tuple[str, tuple[int, int]] | None:
    raw = text[sent.start + a : sent.start + b]
    trimmed = _ADVERB_SEGMENT.sub("", raw)
    return _clean_speaker(text, sent.start + a, trimmed)


def _indirect(
    text: str, sent: Span, idx: int, m: re.Match[str], subject: _Subject | None = None
) -> Attribution | None:
    """Reported speech cued by the verb `m` (offsets into the sentence): "officials said
    ...", "Jane Roe, director of X, wrote that ...", "..., said the aide.", "..., officials
    said."."""
    s_text = text[sent.start : sent.end]
    verb = m.group(0)
    kind = _verb_kind(verb)
    subject = subject or _subject(s_text, m.start())
    if subject is None:
        return None
    after = s_text[m.end() :]
    end = len(s_text.rstrip(" \n.!?"))
    tail_empty = m.end() >= end
    speaker: tuple[str, tuple[int, int]] | None = None
    if subject.kind == "comma":
        inverted = _INVERTED.match(after) if not _THAT.match(after).group().strip() else None
        if (
            inverted
            and len(inverted.group("sp").split()) <= 12
            and not _VERBISH.search(inverted.group("sp"))
            and _plausible(inverted.group("sp"))
        ):
            # "..., said the aide."
            speaker = _speaker(
                text, sent, m.end() + inverted.start("sp"), m.end() + inverted.end("sp")
            )
            content = (sent.start, sent.start + subject.boundary_at)
            return _attribution(verb, sent, idx, m, speaker, content)
        # "Jane Roe, director of speechwriting, wrote that ...": the phrase from the clause's
        # start; its first part must be a source
        toks = _tokens_before(s_text, subject.boundary_at)
        i = len(toks)
        while i > 0 and toks[i - 1].group() not in ';:()“”"':
            i -= 1
        if i == len(toks) or len(toks) - i > 35:
            return None
        a = toks[i].start()
        first = s_text[a : subject.boundary_at].split(",")[0]
        if len(first.split()) > 10 or not _plausible(first, kind == "finding"):
            return None
        speaker = _speaker(text, sent, a, subject.boundary_at)
    elif subject.kind == "subject":
        a, b = subject.span  # type: ignore[misc]
        if not _plausible(s_text[a:b], kind == "finding"):
            return None
        speaker = _speaker(text, sent, a, b)
        if tail_empty:
            # "..., officials said."
            if subject.boundary != ",":
                return None
            content = (sent.start, sent.start + subject.boundary_at)
            return _attribution(verb, sent, idx, m, speaker, content)
    elif subject.kind == "and":
        # "The UN mission condemned the bombing and called on ...": the sentence's subject
        lead = _lead_subject(s_text, subject.boundary_at)
        if lead is None:
            return None
        speaker = _speaker(text, sent, *lead)
    else:
        return None
    if tail_empty or _NO_CLAUSE.match(after):
        return None
    if kind != "strong" and not _OPENS_CLAUSE.match(after):
        return None  # "denied the claims", "continue their propaganda"
    if after.lstrip().startswith(","):
        content = (sent.start, sent.start + end)  # "X, the delegation said, Y"
    else:
        that = _THAT.match(after)
        content = (sent.start + m.end() + (that.end() if that else 0), sent.start + end)
    if content[1] <= content[0]:
        return None
    return _attribution(verb, sent, idx, m, speaker, content)


def _attribution(
    verb: str,
    sent: Span,
    idx: int,
    m: re.Match[str],
    speaker: tuple[str, tuple[int, int]] | None,
    content: tuple[int, int],
) -> Attribution:
    return Attribution(
        "indirect",
        verb,
        (sent.start + m.start(), sent.start + m.end()),
        speaker[0] if speaker else None,
        speaker[1] if speaker else None,
        content,
        source_type(speaker[0] if speaker else None),
        stance(verb),
        idx,
    )


def _second_report(
    text: str, sent: Span, idx: int, m: re.Match[str], previous: Attribution
) -> tuple[Attribution, int] | None:
    """A second report in the sentence of `previous`: "accused X and said Y" (same source) or
    "...; officials said Y" / "..., but the ministry denied that Y" (a new one). Returns it
    and where the previous report's content now ends."""
    s_text = text[sent.start : sent.end]
    subject = _subject(s_text, m.start())
    if subject is None:
        return None
    if subject.kind == "and":
        if _verb_kind(m.group(0)) != "strong" and not _OPENS_CLAUSE.match(s_text[m.end() :]):
            return None
        end = len(s_text.rstrip(" \n.!?"))
        that = _THAT.match(s_text[m.end() :])
        content = (sent.start + m.end() + (that.end() if that else 0), sent.start + end)
        if content[1] <= content[0]:
            return None
        speaker = (previous.speaker, previous.speaker_span) if previous.speaker else None
        found = _attribution(m.group(0), sent, idx, m, speaker, content)  # type: ignore[arg-type]
        found = replace(found, resolved_speaker=previous.resolved_speaker)
        return found, sent.start + subject.boundary_at
    if subject.kind == "subject" and subject.boundary in COORDINATORS:
        found = _indirect(text, sent, idx, m, subject)
        if found is None:
            return None
        return found, sent.start + subject.boundary_at
    return None


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
