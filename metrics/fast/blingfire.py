"""blingfire's sentence offsets, as character offsets, without its wrapper's per-byte loop.

The reference is `blingfire.text_to_sentences_and_offsets`; `sentence_offsets` calls the same
native function and is tested to return exactly its offsets (tests/metrics/fast/).
"""

from __future__ import annotations

import threading
from ctypes import Array, byref, c_char, c_char_p, c_int, c_int32, create_string_buffer

import blingfire


def reference_offsets(line: str) -> list[tuple[int, int]]:
    """blingfire's own answer, which `sentence_offsets` must equal."""
    return blingfire.text_to_sentences_and_offsets(line)[1]


_local = threading.local()


# Buffers for lines up to this many bytes (twice the line's) are kept per thread: about
# 2.3 MB. A longer line gets its own, freed with it: nine bytes per byte of a one-line
# 5 MB document, kept for the life of the worker, would outweigh everything else it holds.
_KEEP_BUFFERS = 1 << 18


def _buffers(size: int) -> tuple[Array[c_char], Array[c_int32], Array[c_int32]]:
    """Output buffers for blingfire, reused per thread: allocating them per line cost more
    than the sentence splitting itself."""
    held = getattr(_local, "buffers", None)
    if held is None or len(held[0]) < size:
        capacity = max(size, 1 << 16)
        fresh = (create_string_buffer(capacity), (c_int32 * capacity)(), (c_int32 * capacity)())
        if capacity > _KEEP_BUFFERS:
            return fresh
        held = _local.buffers = fresh
    return held


def sentence_offsets(line: str) -> list[tuple[int, int]]:
    """blingfire's sentence offsets for `line`, as character offsets.

    Same answer as `blingfire.text_to_sentences_and_offsets(line)[1]`, whose wrapper maps
    UTF-8 byte offsets to character offsets with a Python loop over every byte; here the
    mapping decodes each sentence's prefix once, or is skipped at all for ASCII text.
    """
    data = line.encode("utf-8")
    size = len(data) * 2
    out, starts, ends = _buffers(size)
    n = blingfire.blingfire.TextToSentencesWithOffsets(
        c_char_p(data), c_int(len(data)), byref(out), byref(starts), byref(ends), c_int(size)
    )
    if n == -1 or n > size:
        return []
    if n <= 1:  # no token (a line of spaces): offsets are left-overs, mapped as the wrapper does
        return reference_offsets(line)
    count = out[:n].rstrip(b"\0").count(b"\n") + 1
    first, last = starts[:count], ends[:count]
    if line.isascii():
        return [(a, min(b + 1, len(line))) for a, b in zip(first, last, strict=True)]
    chars = _CharCounter(data)
    return [
        (chars.before(a), min(chars.before(b + 1), len(line)))
        for a, b in zip(first, last, strict=True)
    ]


_CONTINUATION = bytes(range(0x80, 0xC0))


class _CharCounter:
    """How many characters `data[:k].decode("utf-8", errors="replace")` has, for rising
    byte offsets k, in one pass over `data` overall.

    That length is the number of bytes before k that start a character (a cut inside a
    character decodes to one replacement character), so it is counted incrementally from
    the previous offset: decoding every prefix afresh made a long non-ASCII line quadratic.
    """

    def __init__(self, data: bytes) -> None:
        self.data, self.at, self.count = data, 0, 0

    def before(self, k: int) -> int:
        k = max(0, min(k, len(self.data)))
        if k < self.at:  # offsets go back (rare): count again from the start
            self.at, self.count = 0, 0
        self.count += len(self.data[self.at : k].translate(None, _CONTINUATION))
        self.at = k
        return self.count
