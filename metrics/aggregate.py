"""Per-source and per-group estimates with honest uncertainty.

Documents, not mentions, are the sampling unit: one outlet's long piece should not count as
forty independent observations. So an estimate is the mean of per-document values with a
Student t 95% interval over documents, together with its n of documents and of items
(mentions, attributions). Below MIN_INTERVAL_DOCS documents no interval is drawn at all:
a percentile bootstrap over two documents is only their range, which reads as far more
certain than two documents are. The t interval is wide at small n, as it should be, and
becomes the normal interval as n grows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

MIN_INTERVAL_DOCS = 3
SMALL_DOCS = 5
SMALL_ITEMS = 20
FULL_DOCS = 10  # charts draw a group fainter the fewer documents it has, full from here on


@dataclass(frozen=True)
class Estimate:
    mean: float | None
    low: float | None
    high: float | None
    n_docs: int
    n_items: int
    small_sample: bool  # fewer than SMALL_DOCS documents or SMALL_ITEMS items


def t_interval(
    mean: float | None,
    sd: float | None,
    n_docs: int,
    n_items: int | None = None,
    *,
    min_docs: int = SMALL_DOCS,
    min_items: int = SMALL_ITEMS,
    bounds: tuple[float, float] | None = None,
) -> Estimate:
    """Mean with the Student t 95% interval, mean ± t(0.975, n-1)·sd/√n, over documents; no
    interval below MIN_INTERVAL_DOCS documents. `bounds` cuts the interval to the values a
    metric can take (tone lies in [-1, 1]: an interval reaching +1.01 claims the
    impossible)."""
    items = n_docs if n_items is None else int(n_items)
    small = n_docs < min_docs or items < min_items
    if mean is None or n_docs < MIN_INTERVAL_DOCS or sd is None or math.isnan(sd):
        return Estimate(mean, None, None, n_docs, items, small)
    half = float(stats.t.ppf(0.975, n_docs - 1)) * sd / math.sqrt(n_docs)
    low, high = mean - half, mean + half
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return Estimate(mean, low, high, n_docs, items, small)


def mean_interval(
    values: Sequence[float | None],
    n_items: int | None = None,
    bounds: tuple[float, float] | None = None,
) -> Estimate:
    """`t_interval` of per-document values (missing values left out)."""
    kept = [float(v) for v in values if v is not None and v == v]
    n = len(kept)
    items = n if n_items is None else int(n_items)
    if n == 0:
        return Estimate(None, None, None, 0, items, True)
    mean = math.fsum(kept) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in kept) / (n - 1)) if n > 1 else None
    return t_interval(mean, sd, n, items, bounds=bounds)


TONE_BOUNDS = (-1.0, 1.0)


def no_interval_reason(n_docs: int) -> str | None:
    """Why a group has no interval, in the words a chart label uses."""
    if n_docs < MIN_INTERVAL_DOCS:
        return f"no interval: fewer than {MIN_INTERVAL_DOCS} documents"
    return None
