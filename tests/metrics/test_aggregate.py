from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.aggregate import bootstrap_mean


@pytest.mark.parametrize(
    "values, mean, has_interval, small",
    [
        ([], None, False, True),
        ([0.5], 0.5, False, True),
        ([0.1, 0.2, 0.3], 0.2, True, True),
        ([0.1] * 10 + [0.3] * 10, 0.2, True, False),
    ],
    ids=["empty", "one", "few", "enough"],
)
def test_bootstrap_table(values, mean, has_interval, small) -> None:
    est = bootstrap_mean(values)
    assert est.mean == (None if mean is None else pytest.approx(mean))
    assert (est.low is not None) == has_interval
    assert est.small_sample == small
    assert est.n_docs == len(values)


def test_items_below_threshold_flag_small_sample() -> None:
    assert bootstrap_mean([0.1] * 10, n_items=5).small_sample


@given(st.lists(st.floats(-1, 1), min_size=2, max_size=40))
def test_interval_brackets_the_mean_and_is_deterministic(values: list[float]) -> None:
    est = bootstrap_mean(values)
    assert est.low - 1e-9 <= est.mean <= est.high + 1e-9
    assert -1 <= est.low <= est.high <= 1
    assert est == bootstrap_mean(values)
