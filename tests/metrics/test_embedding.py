"""Embedding pools around the target: shape, scale, and that they see only their region."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.actor_sentiment import clause_bounds
from metrics.embedding import POOLS, TokenEmbeddings, pooled


def _toy() -> TokenEmbeddings:
    """One vector per word: its id is its position in a tiny vocabulary (0: unknown)."""
    vocab = {"the": 1, "taliban": 2, "took": 3, "kabul": 4, "and": 5, "left": 6}
    table = np.eye(8, dtype=np.float32)

    def encode(text: str) -> tuple[list[int], list[tuple[int, int]]]:
        import re

        found = list(re.finditer(r"\w+", text))
        return [vocab.get(m.group().lower(), 0) for m in found], [m.span() for m in found]

    return TokenEmbeddings(table, encode)


def test_pools_see_their_region_and_never_the_target() -> None:
    emb = _toy()
    sentence = "The Taliban took Kabul"
    start = sentence.index("Taliban")
    end = start + len("Taliban")
    v = pooled(sentence, start, end, *clause_bounds(sentence, start, end), emb).reshape(6, 8)
    left8, right8 = v[POOLS.index("left8")], v[POOLS.index("right8")]
    assert left8.argmax() == 1 and left8[2] == 0  # "the", not the target
    assert right8[3] > 0 and right8[4] > 0 and right8[2] == 0
    for row in v:
        assert abs(float(np.linalg.norm(row)) - 1.0) < 1e-3


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.data())
def test_pools_are_unit_or_zero_and_finite(text: str, data: st.DataObject) -> None:
    emb = _toy()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    v = pooled(text, start, end, *clause_bounds(text, start, end), emb).reshape(6, 8)
    assert np.isfinite(v).all()
    for row in v:
        n = float(np.linalg.norm(row))
        assert n == 0.0 or abs(n - 1.0) < 1e-3


def test_the_shipped_embeddings_load_offline() -> None:
    from compute.model import load_model

    model = load_model()
    assert model.embeddings is not None and model.dense is not None
    assert model.dense.shape == (6 * model.embeddings.dim, 3)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="the taliban took kabul and left ,.", max_size=120), st.data())
def test_running_sums_give_the_plain_pools(text: str, data: st.DataObject) -> None:
    from metrics.embedding import pooled_plain

    emb = _toy()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = clause_bounds(text, start, end)
    fast = pooled(text, start, end, lo, hi, emb)
    plain = pooled_plain(text, start, end, lo, hi, emb)
    assert np.allclose(fast, plain, atol=1e-5)


def test_running_sums_give_the_plain_pools_with_the_shipped_vectors() -> None:
    from compute.model import load_model
    from metrics.embedding import pooled_plain
    from metrics.segment import sentences
    from tests.conftest import REPO

    emb = load_model().embeddings
    text = (REPO / "seeds" / "002_f693f06d20493349.txt").read_text(encoding="utf-8")
    for span in sentences(text)[:40]:
        sentence = text[span.start : span.end]
        for start in range(0, len(sentence), 17):
            end = min(len(sentence), start + 9)
            lo, hi = clause_bounds(sentence, start, end)
            fast = pooled(sentence, start, end, lo, hi, emb)
            assert np.allclose(fast, pooled_plain(sentence, start, end, lo, hi, emb), atol=1e-5)
