"""Near-duplicates: which documents are copies or light edits of one another (issue 18).

Aggregators reprint one wire story many times, so one story can count ten times in a group.
A document's fingerprint is a MinHash (datasketch, MIT) of its word 3-shingles; LSH bands
of the fingerprint find candidates without comparing every pair, and a candidate pair is a
reprint when the shorter text's shingles are mostly in the longer one (containment, from the
MinHash Jaccard estimate and the two shingle counts): that catches changed whitespace and
boilerplate, trimmed endings and light rewording, where plain Jaccard would miss a copy cut
to half its length. Pure: text in, fingerprints and families out.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2's default, named: stored fingerprints must stay comparable
# LSH bands x rows: a pair with Jaccard J shares a band with probability 1 - (1 - J^3)^42:
# 0.94 at J = 0.4 (a copy cut to 40% of its length), 0.996 at J = 0.5, while unrelated
# texts on the same topic (J about 0.02) meet with probability below 0.001.
BANDS, ROWS = 42, 3
# The shorter text's share of shingles found in the longer one for a reprint.
CONTAINMENT = 0.7
# Texts with fewer shingles than this are too short to call copies of anything.
MIN_SHINGLES = 20
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    n_shingles: int
    hashes: np.ndarray  # NUM_PERM uint32 minima


def shingles(text: str) -> set[bytes]:
    """The distinct word 3-shingles of `text`, lower-cased (whitespace, punctuation and case
    changes do not make a text new)."""
    words = _WORD.findall(text.lower())
    return {f"{a} {b} {c}".encode() for a, b, c in zip(words, words[1:], words[2:], strict=False)}


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations (seed 1), drawn once: drawing them took a quarter of the
    time of fingerprinting a document."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, scheme=SCHEME).permutations


def fingerprint(text: str) -> Fingerprint:
    """The MinHash (datasketch) of the text's shingles, CRC-32 as the base hash: stable
    across runs and processes, and four times faster than SHA-1 here."""
    from datasketch import MinHash

    items = shingles(text)
    m = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(), scheme=SCHEME)
    if items:
        m.update_batch(items)
    return Fingerprint(len(items), np.asarray(m.hashvalues, dtype=np.uint32))


def band_keys(fp: Fingerprint) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in): documents sharing a key
    are candidates."""
    out = []
    for band in range(BANDS):
        chunk = fp.hashes[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """MinHash estimate of the shingle sets' Jaccard similarity."""
    return float(np.mean(a.hashes == b.hashes))


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller shingle set found in the larger: |A∩B| / min(|A|,|B|),
    with |A∩B| = J (|A| + |B|) / (1 + J)."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0
    j = jaccard(a, b)
    both = j * (a.n_shingles + b.n_shingles) / (1 + j)
    return min(1.0, both / min(a.n_shingles, b.n_shingles))


def reprints_among(
    a: Fingerprint, others: Sequence[Fingerprint], threshold: float = CONTAINMENT
) -> np.ndarray:
    """`is_reprint(a, b)` for every b of `others` at once (one array comparison instead of
    one per pair: a document of a large family has hundreds of candidates)."""
    if not others:
        return np.zeros(0, dtype=bool)
    hashes = np.stack([b.hashes for b in others])
    sizes = np.array([b.n_shingles for b in others], dtype=np.float64)
    j = (hashes == a.hashes).mean(axis=1)
    smaller = np.minimum(sizes, a.n_shingles)
    with np.errstate(divide="ignore", invalid="ignore"):
        both = j * (a.n_shingles + sizes) / (1 + j)
        share = np.minimum(1.0, np.where(smaller > 0, both / smaller, 0.0))
    return (smaller >= MIN_SHINGLES) & (share >= threshold)


def is_reprint(a: Fingerprint, b: Fingerprint, threshold: float = CONTAINMENT) -> bool:
    if min(a.n_shingles, b.n_shingles) < MIN_SHINGLES:
        return False
    return containment(a, b) >= threshold


@dataclass(frozen=True)
class Member:
    doc_id: str
    date: str | None  # ISO date, or None when undated
    n_chars: int


def canonical(members: Sequence[Member]) -> str:
    """A family's canonical member: the earliest dated, else the longest (ties: smallest id),
    so the original of a wire story stands for its reprints."""
    dated = [m for m in members if m.date]
    if dated:
        return min(dated, key=lambda m: (m.date, -m.n_chars, m.doc_id)).doc_id
    return min(members, key=lambda m: (-m.n_chars, m.doc_id)).doc_id


def families(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected groups of documents from reprint pairs (a copy of a copy is one family)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for x in parent:
        groups.setdefault(find(x), set()).add(x)
    return sorted(groups.values(), key=lambda g: min(g))
