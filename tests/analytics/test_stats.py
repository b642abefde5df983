"""Quartiles and medians agree with the standard library's "inclusive" method."""

import statistics

import pytest

from casebase.analytics.stats import spread


@pytest.mark.parametrize(
    "values",
    [[5, 1], [1, 2, 3, 4], [10, 400, 30, 77, 365, 1], list(range(0, 1000, 7))],
)
def test_spread_matches_statistics_quantiles(values):
    """Q1, median and Q3 equal statistics.quantiles(method="inclusive")."""
    s = spread(values)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert (s.q1, s.median, s.q3) == pytest.approx((q1, median, q3))
    assert (s.minimum, s.maximum, s.n) == (min(values), max(values), len(values))


def test_one_value_and_none():
    """One value is its own median and quartiles; no values give no spread."""
    s = spread([42])
    assert (s.minimum, s.q1, s.median, s.q3, s.maximum) == (42, 42, 42, 42, 42)
    assert spread([]) is None
