"""Static word embeddings around the target: what a bag of known words cannot see.

The sparse features know only words seen in training; an embedding places an unseen word
("eradicated", "Khawarij") near words of similar meaning. For each mention the sentence's
subword vectors are mean-pooled over six target-relative regions (the 8 tokens left and
right, the 3 nearest each side, the target's clause and the whole sentence, each without
the target itself), and each pool is scaled to unit length. The vectors and the tokenizer
are passed in (compute.model reads them from the `wordllama` wheel): no I/O here. Tokens are
those of each whitespace-separated word (see _WORD).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

# A sentencepiece tokenizer never merges across whitespace, so a sentence's tokens are its
# words' tokens: each word is encoded once and cached (words repeat; sentences rarely do).
_WORD = re.compile(r"\S+")
POOLS = ("left8", "right8", "clause", "sentence", "left3", "right3")

Encoder = Callable[[str], tuple[list[int], list[tuple[int, int]]]]


@dataclass(frozen=True, eq=False)
class TokenEmbeddings:
    """A subword embedding table and the tokenizer that indexes it (ids and char offsets)."""

    table: np.ndarray  # (vocabulary, dim), float32
    encode: Encoder
    _cached: Callable[[str], _Sentence] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        @functools.lru_cache(maxsize=1 << 16)
        def word(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
            ids, offsets = self.encode(text)
            return tuple(ids), tuple(a for a, _ in offsets), tuple(b for _, b in offsets)

        @functools.lru_cache(maxsize=256)
        def cached(sentence: str) -> _Sentence:
            found = [(m.start(), word(m.group())) for m in _WORD.finditer(sentence)]
            lengths = [len(w[0]) for _, w in found]
            at = np.repeat(np.asarray([a for a, _ in found], dtype=np.int64), lengths)
            ids = np.fromiter(chain.from_iterable(w[0] for _, w in found), np.int64, len(at))
            starts = np.fromiter(chain.from_iterable(w[1] for _, w in found), np.int64, len(at))
            ends = np.fromiter(chain.from_iterable(w[2] for _, w in found), np.int64, len(at))
            rows = self.table[ids].astype(np.float64)
            return _Sentence(starts + at, ends + at, rows)

        object.__setattr__(self, "_cached", cached)

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])

    def sentence(self, sentence: str) -> _Sentence:
        """The sentence's token offsets and vectors, cached: mentions share sentences."""
        return self._cached(sentence)


@dataclass(frozen=True, eq=False)
class _Sentence:
    starts: np.ndarray
    ends: np.ndarray
    rows: np.ndarray  # (tokens, dim) float64: the tokens' vectors in order


def pooled(
    sentence: str, start: int, end: int, lo: int, hi: int, emb: TokenEmbeddings
) -> np.ndarray:
    """The six pools (POOLS order) concatenated: a vector of 6 x dim. Tokens are in text
    order, so each region is one or two runs of consecutive tokens."""
    s = emb.sentence(sentence)
    starts, ends, rows = s.starts, s.ends, s.rows
    n = len(starts)
    left_end = int(np.searchsorted(ends, start, side="right"))  # tokens ending by `start`
    right_begin = int(np.searchsorted(starts, end, side="left"))  # tokens starting at `end`
    first_in = int(np.searchsorted(starts, start, side="left"))
    last_in = int(np.searchsorted(ends, end, side="right"))
    inside = (first_in, max(first_in, last_in))  # tokens wholly inside the target
    c_lo = int(np.searchsorted(starts, lo, side="left"))
    c_hi = int(np.searchsorted(ends, hi, side="right"))

    def run(a: int, b: int) -> tuple[np.ndarray, int]:
        b = max(a, b)
        return np.add.reduce(rows[a:b], axis=0), b - a

    def minus_inside(a: int, b: int) -> tuple[np.ndarray, int]:
        v, k = run(a, b)
        ia, ib = max(a, inside[0]), min(b, inside[1])
        if ib > ia:
            w, j = run(ia, ib)
            return v - w, k - j
        return v, k

    regions = (
        run(max(0, left_end - 8), left_end),
        run(right_begin, min(n, right_begin + 8)),
        minus_inside(c_lo, c_hi),
        minus_inside(0, n),
        run(max(0, left_end - 3), left_end),
        run(right_begin, min(n, right_begin + 3)),
    )
    out = np.zeros((len(regions), rows.shape[1]), dtype=np.float64)
    for i, (v, k) in enumerate(regions):
        if k > 0:
            v = v / k
            out[i] = v / (float(np.sqrt(v @ v)) + 1e-6)
    return out.astype(np.float32).reshape(-1)


def pooled_plain(
    sentence: str, start: int, end: int, lo: int, hi: int, emb: TokenEmbeddings
) -> np.ndarray:
    """The straightforward pooling, kept as the reference `pooled` is tested against: every
    word encoded afresh, every pool a mean of its tokens' vectors."""
    ids, starts_l, ends_l = [], [], []
    for m in _WORD.finditer(sentence):
        w_ids, w_offsets = emb.encode(m.group())
        ids += w_ids
        starts_l += [m.start() + a for a, _ in w_offsets]
        ends_l += [m.start() + b for _, b in w_offsets]
    ids_a = np.asarray(ids, dtype=np.int64)
    starts = np.array(starts_l, dtype=np.int64)
    ends = np.array(ends_l, dtype=np.int64)
    inside = (starts >= start) & (ends <= end)
    left = ids_a[ends <= start]
    right = ids_a[starts >= end]
    clause = ids_a[(starts >= lo) & (ends <= hi) & ~inside]
    rest = ids_a[~inside]

    def pool(sel: np.ndarray) -> np.ndarray:
        if sel.size == 0:
            return np.zeros(emb.table.shape[1], dtype=np.float32)
        v = emb.table[sel].astype(np.float64).mean(axis=0)
        return (v / (float(np.linalg.norm(v)) + 1e-6)).astype(np.float32)

    return np.concatenate(
        [pool(left[-8:]), pool(right[:8]), pool(clause), pool(rest), pool(left[-3:]),
         pool(right[:3])]
    )  # fmt: skip
