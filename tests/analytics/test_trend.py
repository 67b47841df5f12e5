"""The trend test against known answers: a known rate ratio, flat counts, small counts, reporting lag."""

from __future__ import annotations

import numpy as np

from longarm.analytics import trend

SEEDS = range(40)


def _poisson(seed: int, *, start: float, ratio: float, years: int = 15) -> dict[int, int]:
    draws = np.random.default_rng(seed).poisson([start * ratio**t for t in range(years)])
    return {2000 + t: int(n) for t, n in enumerate(draws)}


def _overdispersed(seed: int, *, start: float, ratio: float, years: int = 15) -> dict[int, int]:
    """Gamma-mixed Poisson (negative binomial, shape 2) counts: far more spread than Poisson."""
    means = np.array([start * ratio**t for t in range(years)])
    draws = np.random.default_rng(seed).negative_binomial(2, 2 / (2 + means))
    return {2000 + t: int(n) for t, n in enumerate(draws)}


def test_a_known_rate_ratio_falls_inside_the_interval():  # type: ignore[no-untyped-def]
    results = [trend.trend(_poisson(seed, start=8, ratio=1.1), this_year=2030) for seed in SEEDS]
    assert all(r.model in ("poisson", "negative_binomial") for r in results)
    covered = sum(r.low is not None and r.high is not None and r.low <= 1.1 <= r.high for r in results)
    assert covered >= 34  # a 95% interval: about 38 of 40
    assert sum(r.reading == trend.INCREASING for r in results) >= 36
    assert all(abs(r.rate_ratio - 1.1) < 0.1 for r in results if r.rate_ratio is not None)


def test_overdispersed_counts_use_the_negative_binomial_and_keep_their_coverage():  # type: ignore[no-untyped-def]
    results = [trend.trend(_overdispersed(seed, start=12, ratio=0.9), this_year=2030) for seed in SEEDS]
    assert sum(r.model == "negative_binomial" for r in results) >= 30
    covered = sum(r.low is not None and r.high is not None and r.low <= 0.9 <= r.high for r in results)
    assert covered >= 34


def test_flat_counts_are_not_called_increasing():  # type: ignore[no-untyped-def]
    exact = trend.trend({year: 6 for year in range(2000, 2012)}, this_year=2030)
    assert exact.reading == trend.FLAT and exact.rate_ratio is not None
    assert exact.low is not None and exact.high is not None and exact.low < 1 < exact.high
    noisy = [trend.trend(_poisson(seed, start=6, ratio=1.0), this_year=2030) for seed in SEEDS]
    assert not any(r.reading == trend.INCREASING for r in noisy)


def test_small_counts_get_the_warning():  # type: ignore[no-untyped-def]
    few = trend.trend({2015: 0, 2016: 1, 2017: 0, 2018: 1, 2019: 2}, this_year=2030)
    assert any("too few" in w for w in few.warnings)
    assert few.reading != trend.INCREASING
    two_years = trend.trend({2018: 3, 2019: 4}, this_year=2030)
    assert two_years.reading == trend.UNKNOWN and two_years.rate_ratio is None
    assert any("too few" in w for w in two_years.warnings)
    plenty = trend.trend(_poisson(1, start=10, ratio=1.0), this_year=2030)
    assert plenty.warnings == ()


def test_thin_recent_years_warn_of_reporting_lag_only_when_they_are_recent():  # type: ignore[no-untyped-def]
    counts = {2018: 10, 2019: 11, 2020: 12, 2021: 10, 2022: 11, 2023: 2, 2024: 1}
    assert any("reporting lag" in w for w in trend.trend(counts, this_year=2025).warnings)
    assert not any("reporting lag" in w for w in trend.trend(counts, this_year=2040).warnings)


def test_years_without_incidents_count_as_zeros():  # type: ignore[no-untyped-def]
    assert trend.yearly({2001: 2, 2004: 1}) == {2001: 2, 2002: 0, 2003: 0, 2004: 1}
    assert trend.yearly({2001: 2}, first=1999, last=2002) == {1999: 0, 2000: 0, 2001: 2, 2002: 0}
    assert trend.yearly({}) == {}
    assert trend.trend({}, this_year=2030).sentence == "no dated incidents: not enough data"
