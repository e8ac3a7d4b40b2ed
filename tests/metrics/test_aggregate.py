from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.aggregate import bootstrap_mean, normal_interval


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


@pytest.mark.parametrize(
    "mean, sd, n, has_interval, small",
    [
        (0.2, 0.1, 1, False, True),
        (0.2, None, 3, False, True),
        (0.2, 0.1, 4, True, True),
        (0.2, 0.1, 2000, True, False),
    ],
    ids=["one-doc", "no-spread", "few", "many"],
)
def test_normal_interval_table(mean, sd, n, has_interval, small) -> None:
    est = normal_interval(mean, sd, n)
    assert est.mean == mean
    assert (est.low is not None) == has_interval
    assert est.small_sample == small


@given(
    st.floats(-1, 1),
    st.floats(0, 2),
    st.integers(2, 10**6),
)
def test_normal_interval_brackets_the_mean_and_narrows_with_n(mean, sd, n) -> None:
    est = normal_interval(mean, sd, n)
    assert est.low <= est.mean <= est.high
    wider = normal_interval(mean, sd, max(2, n // 4))
    assert wider.high - wider.low >= est.high - est.low


def test_normal_interval_agrees_with_the_bootstrap_on_many_documents() -> None:
    values = np.random.default_rng(1).normal(0.1, 0.4, 3000)
    boot = bootstrap_mean(values.tolist())
    normal = normal_interval(float(values.mean()), float(values.std(ddof=1)), len(values))
    assert normal.low == pytest.approx(boot.low, abs=0.003)
    assert normal.high == pytest.approx(boot.high, abs=0.003)
