"""Per-source and per-type estimates with honest uncertainty.

Documents, not mentions, are the sampling unit: one outlet's long piece should not count as
forty independent observations. So an estimate is the mean of per-document values with a
percentile bootstrap 95% interval over documents, together with its n of documents and of
items (mentions, attributions), and a flag when the sample is too small to lean on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SMALL_DOCS = 5
SMALL_ITEMS = 20
RESAMPLES = 2000
# Beyond this many documents the bootstrap's resampling matrix (RESAMPLES x n) costs more
# than it tells: the normal interval from the mean and standard deviation is used instead.
BOOTSTRAP_MAX_DOCS = 1000
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    mean: float | None
    low: float | None
    high: float | None
    n_docs: int
    n_items: int
    small_sample: bool


def bootstrap_mean(
    values: Sequence[float],
    n_items: int | None = None,
    *,
    resamples: int = RESAMPLES,
    seed: int = 0,
    min_docs: int = SMALL_DOCS,
    min_items: int = SMALL_ITEMS,
) -> Estimate:
    """Mean of per-document values with a bootstrap 95% interval (deterministic by seed)."""
    arr = np.asarray([v for v in values if v is not None and v == v], dtype=float)
    n = int(arr.size)
    items = n if n_items is None else int(n_items)
    small = n < min_docs or items < min_items
    if n == 0:
        return Estimate(None, None, None, 0, items, True)
    mean = float(arr.mean())
    if n == 1:
        return Estimate(mean, None, None, 1, items, True)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    means = arr[idx].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Estimate(mean, float(low), float(high), n, items, small)


def normal_interval(
    mean: float,
    sd: float | None,
    n_docs: int,
    n_items: int | None = None,
    *,
    min_docs: int = SMALL_DOCS,
    min_items: int = SMALL_ITEMS,
) -> Estimate:
    """Mean with the normal-approximation 95% interval, mean ± 1.96·sd/√n, for groups of many
    documents (where it and the percentile bootstrap agree to well within display precision)."""
    items = n_docs if n_items is None else int(n_items)
    small = n_docs < min_docs or items < min_items
    if n_docs < 2 or sd is None or sd != sd:
        return Estimate(mean, None, None, n_docs, items, True)
    half = Z_95 * sd / n_docs**0.5
    return Estimate(mean, mean - half, mean + half, n_docs, items, small)
