"""One document, fully analysed: the unit the store persists and the CLI prints.

All offsets index the text exactly as given. Residue spans (found by the corpus cleaner and
passed in) are blanked with spaces of the same length before analysis, so no metric counts
them and every offset still points into the original.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from metrics.actor_sentiment import LinearModel, Sentiment, score_mention
from metrics.actors import ActorSet, find_mentions
from metrics.attribution import Attribution, AttributionSummary, find_attributions, summarise
from metrics.emotive import Emotive, emotive
from metrics.readability import Readability, readability
from metrics.resolve import Resolution, resolve
from metrics.roles import Role, assign_roles
from metrics.segment import Inside, Span, sentences, space_cuts, words

METRICS_VERSION = "5"
Voice = Literal["author", "quoted"]  # in the outlet's own words, or inside reported speech


@dataclass(frozen=True)
class MentionRecord:
    actor: str
    alias: str
    label: str
    start: int
    end: int
    sentence: int
    voice: Voice
    sentiment: Sentiment
    score: float
    role: Role = "target"
    resolution: Resolution = "name"
    reason: str | None = None  # why it was credited by context, or left out
    speaker_actor: str | None = None  # the actor whose words contain it
    candidates: str = ""  # space-separated actors that list the alias
    left: str | None = None  # the capitalised words right beside it (for the alias audit)
    right: str | None = None
    confidence: float = 1.0  # the model's probability of `sentiment` (1.0: rules engine)
    rule: str | None = None  # the composition rule that bounded the score, if any

    @property
    def counted(self) -> bool:
        """Credited to `actor` (by its name or by context), not another entity or unclear."""
        return self.resolution in ("name", "context", "document")

    @property
    def tone(self) -> bool:
        """Counts toward tone toward `actor`: the text evaluates the actor, not the actor's
        own words or its act of speaking."""
        return self.counted and self.role == "target"


@dataclass(frozen=True)
class DocumentFigures:
    """One row of per-document figures: what the store keeps per document and the dashboard
    aggregates. The store's table is made from these fields, so a new document metric is a
    field here and its value in `DocumentAnalysis.figures`."""

    n_words: int
    n_sentences: int
    mean_sentence_length: float | None
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    dale_chall: float | None
    readability_missing: str  # JSON: formula -> why it has no score
    n_attributions: int
    attributions_per_1000: float | None
    quoted_word_share: float | None
    n_direct: int
    n_indirect: int
    n_according_to: int
    n_named: int
    n_institutional: int
    n_anonymous: int
    n_document: int
    n_unresolved: int
    n_loaded: int
    strong_share: float | None
    mean_sentence_tone: float | None
    exclamations_per_1000: float | None
    first_plural_per_1000: float | None
    n_mentions: int  # credited to an actor, whatever the role
    quoted_mention_share: float | None  # of the actor mentions, those inside quoted speech
    n_speaks: int  # credited mentions where the actor speaks
    n_other_entity: int  # alias matches that are someone or something else
    n_ambiguous: int  # generic aliases context could not resolve


@dataclass(frozen=True)
class DocumentAnalysis:
    n_words: int
    sentences: tuple[Span, ...]
    mentions: tuple[MentionRecord, ...]
    attributions: tuple[Attribution, ...]
    attribution: AttributionSummary
    readability: Readability
    emotive: Emotive

    def figures(self) -> DocumentFigures:
        r, at, em = self.readability, self.attribution, self.emotive
        counted = self.counted
        kinds, types, stances = at.by_kind, at.by_source_type, at.by_stance
        return DocumentFigures(
            n_words=self.n_words,
            n_sentences=len(self.sentences),
            mean_sentence_length=r.mean_sentence_length,
            flesch_reading_ease=r.flesch_reading_ease,
            flesch_kincaid_grade=r.flesch_kincaid_grade,
            gunning_fog=r.gunning_fog,
            smog_index=r.smog_index,
            coleman_liau_index=r.coleman_liau_index,
            dale_chall=r.dale_chall,
            readability_missing=json.dumps(r.missing),
            n_attributions=at.n_attributions,
            attributions_per_1000=at.per_1000_words,
            quoted_word_share=at.quoted_word_share,
            n_direct=kinds.get("direct", 0),
            n_indirect=kinds.get("indirect", 0),
            n_according_to=kinds.get("according-to", 0),
            n_named=types.get("named", 0),
            n_institutional=types.get("institutional", 0),
            n_anonymous=types.get("anonymous", 0),
            n_document=types.get("document", 0),
            n_unresolved=types.get("unresolved", 0),
            n_loaded=stances.get("loaded", 0),
            strong_share=em.strong_share,
            mean_sentence_tone=em.mean_sentence_tone,
            exclamations_per_1000=em.exclamations_per_1000,
            first_plural_per_1000=em.first_plural_per_1000,
            n_mentions=len(counted),
            quoted_mention_share=(
                sum(m.voice == "quoted" for m in counted) / len(counted) if counted else None
            ),
            n_speaks=sum(m.role == "speaker" for m in counted),
            n_other_entity=sum(m.resolution == "other" for m in self.mentions),
            n_ambiguous=sum(m.resolution == "ambiguous" for m in self.mentions),
        )

    @property
    def counted(self) -> tuple[MentionRecord, ...]:
        return tuple(m for m in self.mentions if m.counted)

    def naming(self) -> dict[tuple[str, str, str], int]:
        """(actor, alias, label) -> count: how this document names each actor (credited
        mentions only)."""
        return dict(Counter((m.actor, m.alias, m.label) for m in self.counted))


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
    model: LinearModel | None = None,
) -> DocumentAnalysis:
    """Every metric of one document. `residue` spans (scraper leftovers) are blanked first,
    keeping offsets; mentions are scored by the sentiment `model`, or by the rules engine
    when it is None."""
    masked = mask(text, residue)
    spans = sentences(masked)
    attributions = find_attributions(masked, spans)
    reported = Inside([a.content_span for a in attributions])
    direct = [a.content_span for a in attributions if a.kind == "direct"]
    found = find_mentions(masked, actors)
    sentence_of: list[int] = []
    sent_idx = 0
    for m in found:
        while sent_idx < len(spans) - 1 and spans[sent_idx].end <= m.start:
            sent_idx += 1
        sentence_of.append(sent_idx)
    resolved = resolve(masked, found, sentence_of, spans, actors)
    roles = assign_roles(masked, spans, attributions, resolved)
    mentions: list[MentionRecord] = []
    for m, r, role, sent_idx in zip(found, resolved, roles, sentence_of, strict=True):
        sent = spans[sent_idx] if spans else Span(0, len(masked))
        if not sent.start <= m.start < sent.end:
            sent = Span(masked.rfind("\n", 0, m.start) + 1, m.end)
        sentence_text = masked[sent.start : sent.end]
        scored = score_mention(sentence_text, m.start - sent.start, m.end - sent.start, model)
        voice: Voice = "quoted" if reported.holds(m.start) else "author"
        mentions.append(
            MentionRecord(
                r.actor, m.alias, r.label, m.start, m.end, sent_idx, voice, scored.label,
                scored.score, role.role, r.resolution, r.reason, role.speaker_actor,
                " ".join(r.candidates), r.left, r.right, scored.confidence, scored.rule,
            )
        )  # fmt: skip
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
