"""One document, fully analysed: the unit the store persists and the CLI prints.

All offsets index the text exactly as given. Residue spans (found by the corpus cleaner and
passed in) are blanked with spaces of the same length before analysis, so no metric counts
them and every offset still points into the original.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from metrics.actor_sentiment import score_mention
from metrics.actors import ActorSet, find_mentions
from metrics.attribution import Attribution, AttributionSummary, find_attributions, summarise
from metrics.emotive import Emotive, emotive
from metrics.readability import Readability, readability
from metrics.segment import Inside, Span, sentences, space_cuts, words

METRICS_VERSION = "1"


@dataclass(frozen=True)
class MentionRecord:
    actor: str
    alias: str
    label: str
    start: int
    end: int
    sentence: int
    voice: str  # "author" or "quoted"
    sentiment: str
    score: float


@dataclass(frozen=True)
class DocumentAnalysis:
    n_words: int
    sentences: tuple[Span, ...]
    mentions: tuple[MentionRecord, ...]
    attributions: tuple[Attribution, ...]
    attribution: AttributionSummary
    readability: Readability
    emotive: Emotive

    def naming(self) -> dict[tuple[str, str, str], int]:
        """(actor, alias, label) -> count: how this document names each actor."""
        return dict(Counter((m.actor, m.alias, m.label) for m in self.mentions))


def mask(text: str, residue: Sequence[tuple[int, int]]) -> str:
    """Blank residue spans with spaces (newlines kept), preserving every offset."""
    if not residue:
        return text
    chars = list(text)
    for start, end in residue:
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _readable_text(masked: str) -> str:
    """Masked text with blanked lines dropped, as a reader would see it (for readability)."""
    lines = [ln for ln in masked.splitlines() if ln.strip()]
    return re.sub(r"[ \t]{2,}", " ", "\n".join(lines))


def analyze_document(
    text: str,
    actors: ActorSet,
    residue: Sequence[tuple[int, int]] = (),
    engine: str = "model",
) -> DocumentAnalysis:
    masked = mask(text, residue)
    spans = sentences(masked)
    attributions = find_attributions(masked, spans)
    reported = Inside([a.content_span for a in attributions])
    direct = [a.content_span for a in attributions if a.kind == "direct"]
    mentions: list[MentionRecord] = []
    sent_idx = 0
    for m in find_mentions(masked, actors):
        while sent_idx < len(spans) - 1 and spans[sent_idx].end <= m.start:
            sent_idx += 1
        sent = spans[sent_idx] if spans else Span(0, len(masked))
        if not sent.start <= m.start < sent.end:
            sent = Span(masked.rfind("\n", 0, m.start) + 1, m.end)
        sentence_text = masked[sent.start : sent.end]
        scored = score_mention(sentence_text, m.start - sent.start, m.end - sent.start, engine)
        voice = "quoted" if reported.holds(m.start) else "author"
        mentions.append(
            MentionRecord(
                m.actor,
                m.alias,
                m.label,
                m.start,
                m.end,
                sent_idx,
                voice,
                scored.label,
                scored.score,
            )
        )
    n_words = sum(len(words(masked[a:b])) for a, b in space_cuts(masked))
    return DocumentAnalysis(
        n_words=n_words,
        sentences=spans,
        mentions=tuple(mentions),
        attributions=attributions,
        attribution=summarise(masked, attributions, n_words),
        readability=readability(_readable_text(masked)),
        emotive=emotive(masked, spans, direct),
    )
