"""A typed wrapper around vaderSentiment, built once per process.

vaderSentiment re-reads its lexicon file on every construction and returns dicts; this is the
one border where its output becomes our dataclass.
"""

from __future__ import annotations

import functools
import math
import string
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)


@dataclass(frozen=True)
class Polarity:
    neg: float
    neu: float
    pos: float
    compound: float


NEUTRAL = Polarity(0.0, 1.0, 0.0, 0.0)


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def lexicon() -> dict[str, float]:
    """Word -> valence (-4..4) of VADER's lexicon (lower-case keys)."""
    return analyzer().lexicon


_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation


def _negated(word: str) -> bool:
    """vaderSentiment's `negated([word])` for one word, without rebuilding its lists."""
    lowered = str(word).lower()
    return lowered in _NEGATE or "n't" in lowered


@functools.cache
def _single_char_emojis() -> frozenset[str]:
    """VADER's one-character emojis, all outside ASCII: only text holding one needs VADER's
    own emoji rewriting."""
    return frozenset(k for k in analyzer().emojis if len(k) == 1)


def _negation_check(valence: float, low: list[str], start_i: int, i: int) -> float:
    if start_i == 0 and _negated(low[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this")) or (
            low[i - 1] == "so" or low[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, low: list[str], i: int) -> float:
    sequences = (
        f"{low[i - 1]} {low[i]}",
        f"{low[i - 2]} {low[i - 1]} {low[i]}",
        f"{low[i - 2]} {low[i - 1]}",
        f"{low[i - 3]} {low[i - 2]} {low[i - 1]}",
        f"{low[i - 3]} {low[i - 2]}",
    )
    for seq in sequences:
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (sequences[3], sequences[4], sequences[2]):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _valence(lexicon: dict[str, float], words: list[str], low: list[str], i: int, cap: bool):
    item, item_low = words[i], low[i]
    valence = lexicon[item_low]
    if item_low == "no" and i != len(words) - 1 and low[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and low[i - 1] == "no")
        or (i > 1 and low[i - 2] == "no")
        or (i > 2 and low[i - 3] == "no" and low[i - 1] in ["or", "nor"])
    ):
        valence = lexicon[item_low] * N_SCALAR
    if item.isupper() and cap:
        if valence > 0:
            valence += C_INCR
        else:
            valence -= C_INCR
    for start_i in range(3):
        before = i - (start_i + 1)
        if i > start_i and low[before] not in lexicon:
            # scalar_inc_dec is 0.0 for any word that is not a booster
            s = scalar_inc_dec(words[before], valence, cap) if low[before] in BOOSTER_DICT else 0.0
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, low, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, low, i)
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def polarity_scores(text: str) -> dict[str, float]:
    """VADER's `polarity_scores`, the same numbers from the same rules, with its hot loop
    rewritten: the word list is lowercased once per text instead of once per word checked
    (which made VADER quadratic in sentence length), each distinct token is stripped and
    lowercased once per process, text without emoji skips the character-by-character emoji
    rebuild, the per-word helper calls are inlined, only words in the lexicon are visited
    (every other word scores 0 whatever its context), and a text in which no word has a
    valence (a third of the short windows actor sentiment scores) returns the all-neutral
    result its zero sentiments always produce.
    Tested equal to vaderSentiment's own method."""
    if not text.isascii() and not _single_char_emojis().isdisjoint(text):
        return analyzer().polarity_scores(text)
    text = text.strip()
    tokens = text.split()
    cached = _TOKENS.get
    pairs = [cached(t) or _token(t) for t in tokens]
    low = [lowered for _, lowered in pairs]
    lex = lexicon()
    if lex.keys().isdisjoint(low):
        # no word carries a valence, so every sentiment is 0 whatever the context rules say
        return dict(_ALL_NEUTRAL) if tokens else _score([], 0, text)
    words = [word for word, _ in pairs]
    n_upper = sum(1 for w in words if w.isupper())
    cap = 0 < len(words) - n_upper < len(words)
    last = len(words) - 1
    hits: list[tuple[int, float]] = []
    for i, item_low in enumerate(low):
        if item_low not in lex or item_low in BOOSTER_DICT:
            continue
        if i < last and item_low == "kind" and low[i + 1] == "of":
            continue
        hits.append((i, _valence(lex, words, low, i, cap)))
    if "but" in low:
        sentiments: list[float] = [0] * len(words)
        for i, value in hits:
            sentiments[i] = value
        sentiments = SentimentIntensityAnalyzer._but_check(words, sentiments)
        return _score(sentiments, len(words), text)
    return _score([value for _, value in hits], len(words), text)


_ALL_NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
_TOKENS: dict[str, tuple[str, str]] = {}
_TOKENS_MAX = 50_000  # a few MB; news vocabulary repeats well within it


def _token(token: str) -> tuple[str, str]:
    """A whitespace token as VADER reads it (stripped of punctuation unless that leaves two
    characters or fewer) and lowercased. Remembered, since news reuses its words."""
    stripped = token.strip(_PUNCTUATION)
    word = token if len(stripped) <= 2 else stripped
    if len(_TOKENS) >= _TOKENS_MAX:
        _TOKENS.clear()
    _TOKENS[token] = pair = (word, word.lower())
    return pair


def _score(values: list[float], n_words: int, text: str) -> dict[str, float]:
    """VADER's `score_valence` over the sentiments of `n_words` words, given only the values
    of the words that can differ from 0, in word order: the others add nothing to any sum
    and count as neutral, so the sums are the same floats."""
    if not n_words:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(values))
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct = ep_count * 0.292 + qm_amplifier
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    compound = normalize(sum_s)
    pos_sum = neg_sum = 0.0
    non_zero = 0
    for score in values:
        if score > 0:
            pos_sum += float(score) + 1
            non_zero += 1
        elif score < 0:
            neg_sum += float(score) - 1
            non_zero += 1
    neu_count = n_words - non_zero
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "neg": round(math.fabs(neg_sum / total), 3),
        "neu": round(math.fabs(neu_count / total), 3),
        "pos": round(math.fabs(pos_sum / total), 3),
        "compound": round(compound, 4),
    }


@functools.lru_cache(maxsize=65_536)
def polarity(text: str) -> Polarity:
    """VADER scores of a text; empty or blank text is exactly neutral."""
    if not text or not text.strip():
        return NEUTRAL
    s = polarity_scores(text)
    return Polarity(s["neg"], s["neu"], s["pos"], s["compound"])
