"""The role of each credited mention: the actor speaking, the actor's own words, or the actor
written about; and, for mentions inside words an actor speaks, that speaker (actor -> actor
stance).

Why: tone toward an actor must come from text that evaluates the actor. "'I will be your
champion,' Trump said" is Trump speaking, and "...Trump called out the press" is the tone of
Trump's attack, not of the text toward Trump. Roles:
- speaker: the mention is the source of a quotation or reported speech (inside the speaker
  of an attribution, "according to X"), a transcript label ("CLINTON: ..." on two or more
  lines of a document), or the subject of a verb of saying or evaluating right after it
  ("the Taliban rejected", "Trump called out", "Mujahid warned"; not after a preposition,
  not in the passive, not with a possessive);
- own-quote: inside words attributed to the same actor;
- target: everything else, including inside another speaker's words.
Words attributed to an actor are the content of its attributions (a pronoun speaker takes
the actor of the speaker it was resolved to), the rest of a transcript turn, and the rest of
the sentence after its verb of saying or evaluating.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from metrics.attribution import VERBS, Attribution
from metrics.resolve import Resolved
from metrics.segment import Span

Role = Literal["speaker", "target", "own-quote"]
ROLES: tuple[Role, ...] = ("target", "speaker", "own-quote")

ACT_VERBS = VERBS | frozenset(
    """accuse accuses accused slam slams slammed criticise criticises criticised criticize
    criticizes criticized condemn condemns condemned denounce denounces denounced praise
    praises praised hail hails hailed welcome welcomes welcomed thank thanks thanked blame
    blames blamed called calls urge urges urged demand demands demanded reject rejects
    rejected dismiss dismisses dismissed mock mocks mocked ridicule ridicules ridiculed
    insult insults insulted pledge pledges pledged promise promises promised tweet tweets
    tweeted decry decries decried deplore deplores deplored lambast lambasts lambasted
    applaud applauds applauded commend commends commended reiterate reiterates reiterated
    suggest suggests suggested""".split()
)
_VERB_ALT = "|".join(sorted(ACT_VERBS, key=len, reverse=True))
_FILLER = (
    r"has|have|had|also|again|then|later|once|now|always|never|already|just|not|n[o']t|"
    r"\w+ly|on\s+\w+day|campaign|administration|aides|team|camp|spokesm[ae]n|spokesperson|"
    r"officials|government|has\s+not|hasn[’']t|have\s+not|haven[’']t|did\s+not|didn[’']t|"
    r"does\s+not|doesn[’']t|declined\s+to|refused\s+to"
)
_ACT = re.compile(
    rf"(?:[ \t]+(?:{_FILLER})){{0,3}}[ \t]+"
    rf"(?:{_VERB_ALT}|lashed out|hit out|fired back|shot back|hit back|brushed off)\b"
)
# "X: ..." at the start of a line or sentence: a caption or headline giving X's words.
_LABEL = re.compile(r":[ \t]+\S")
_LABEL_LEAD = re.compile(r"(?:^|[\n.!?][ \t]*)(?:[A-Z][\w.'’-]*[ \t]+){0,4}$")
# the speaker's apposition after it: "said Mujahid, the main spokesperson for the Taliban"
_APPOSITION = re.compile(r",[ \t]+(?:the|a|an)[ \t]+[^.,;:!?\n“”\"]{1,80}")
_PREPOSITION = re.compile(
    r"\b(?:of|to|by|for|against|with|from|about|on|at|in|into|over|toward|towards|"
    r"between|among|than|like)[ \t]+(?:the[ \t]+)?$",
    re.I,
)
_TURN = re.compile(r"^[ \t]*((?:[A-Z][A-Z.'’-]*[ \t]+){0,3}[A-Z][A-Z'’-]+)[ \t]*:[ \t]", re.M)
LOOK = 48


@dataclass(frozen=True)
class RoleInfo:
    """`speaker_actor`: the actor whose words contain the mention, None in the outlet's
    voice or another speaker's."""

    role: Role
    speaker_actor: str | None


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    actor: str | None


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the span holding `pos`; spans sorted by start. The nearest start before
    `pos` is checked first, then a few more (spans rarely nest)."""
    k = bisect.bisect_right(starts, pos) - 1
    for j in range(k, max(k - 4, -1), -1):
        if spans[j][0] <= pos < spans[j][1]:
            return j
    return None


def assign_roles(
    text: str,
    spans: Sequence[Span],
    attributions: Sequence[Attribution],
    resolved: Sequence[Resolved],
) -> tuple[RoleInfo, ...]:
    """One RoleInfo per resolved mention (in order). Mentions not credited to an actor get
    the role their position gives but are counted nowhere."""
    credited = [r for r in resolved if r.counted]
    starts = [r.mention.start for r in credited]

    def actor_in(lo: int, hi: int) -> str | None:
        k = bisect.bisect_left(starts, lo)
        return credited[k].actor if k < len(credited) and starts[k] < hi else None

    speakers: set[int] = set()  # start offsets of speaker mentions

    def mark(lo: int, hi: int) -> None:
        k = bisect.bisect_left(starts, lo)
        while k < len(credited) and starts[k] < hi:
            speakers.add(starts[k])
            k += 1

    segments: list[_Segment] = []
    by_name: dict[str, str] = {}
    for a in attributions:
        actor = None
        if a.speaker_span:
            mark(*a.speaker_span)
            s_hi = a.speaker_span[1]
            if s_hi <= a.cue_span[0]:  # "X, a negotiator for President Ghani, said"
                mark(s_hi, a.cue_span[0])
            appositive = _APPOSITION.match(text, s_hi, min(len(text), s_hi + 2 * LOOK))
            if appositive:
                mark(s_hi, appositive.end())
            actor = actor_in(*a.speaker_span)
            if actor and a.speaker:
                by_name[a.speaker] = actor
        if actor is None and a.resolved_speaker:
            actor = by_name.get(a.resolved_speaker)
        segments.append(_Segment(a.content_span[0], a.content_span[1], actor))

    turns = list(_TURN.finditer(text))
    if len(turns) >= 2:
        for i, t in enumerate(turns):
            end = turns[i + 1].start() if i + 1 < len(turns) else len(text)
            mark(t.start(1), t.end(1))
            segments.append(_Segment(t.end(), end, actor_in(t.start(1), t.end(1))))

    sentence_ends = [s.end for s in spans]
    for r in credited:
        m = r.mention
        if m.start in speakers:
            continue
        label = _LABEL.match(text, m.end, min(len(text), m.end + 4))
        if label and _LABEL_LEAD.search(text, max(0, m.start - LOOK), m.start):
            line_end = text.find("\n", m.end)
            speakers.add(m.start)
            segments.append(_Segment(m.end, len(text) if line_end < 0 else line_end, r.actor))
            continue
        act = _ACT.match(text, m.end, min(len(text), m.end + 3 * LOOK))
        if act is None or _PREPOSITION.search(text, max(0, m.start - LOOK), m.start):
            continue
        speakers.add(m.start)
        k = bisect.bisect_right(sentence_ends, act.end())
        end = sentence_ends[k] if k < len(sentence_ends) else len(text)
        segments.append(_Segment(act.end(), end, r.actor))

    segments.sort(key=lambda s: (s.start, -s.end))
    seg_starts = [s.start for s in segments]
    seg_spans = [(s.start, s.end) for s in segments]
    out = []
    for r in resolved:
        pos = r.mention.start
        j = _inside(seg_starts, seg_spans, pos)
        speaker = segments[j].actor if j is not None else None
        if pos in speakers and r.counted:
            role: Role = "speaker"
        elif speaker is not None and speaker == r.actor:
            role = "own-quote"
        else:
            role = "target"
        out.append(RoleInfo(role, speaker))
    return tuple(out)
