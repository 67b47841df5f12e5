"""Is a yearly count rising? A Poisson regression of counts on the year, negative binomial when over-dispersed."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

MIN_YEARS = 3
"""Fewer years than this and there is no slope to fit."""
FEW_INCIDENTS = 20
"""Below this many incidents the interval is too wide to say anything; the reading carries a warning."""
OVERDISPERSED = 1.5
"""Pearson chi² per residual degree of freedom above which Poisson intervals are too narrow."""
LAG_YEARS = 2
"""How many of the latest years may still be missing incidents that are reported late."""
THIN = 0.5
"""Recent years averaging less than this share of the earlier years' mean are called thin."""

INCREASING, DECREASING, FLAT, UNKNOWN = "increasing", "decreasing", "no clear trend", "not enough data"
MODEL_NAMES = {"poisson": "Poisson", "negative_binomial": "negative binomial", "quasi_poisson": "quasi-Poisson"}


class TrendSummary(BaseModel):
    """A trend as `longarm stats --json` and the API give it (years as strings, as JSON keys must be)."""

    years: dict[str, int]
    model: str | None
    rate_ratio_per_year: float | None
    ci95: tuple[float | None, float | None] | None
    reading: str
    sentence: str
    warnings: list[str]


@dataclass(frozen=True)
class Trend:
    """The rate ratio per year with its 95% interval, the plain reading, and what to be careful about."""

    counts: dict[int, int]
    model: str | None = None
    rate_ratio: float | None = None
    low: float | None = None
    high: float | None = None
    reading: str = UNKNOWN
    warnings: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """The answer in one line, e.g. `increasing: ×1.08 a year (95% CI 1.01–1.16), negative binomial`."""
        years = f"{min(self.counts)}–{max(self.counts)}" if self.counts else "no dated incidents"
        if self.rate_ratio is None or self.low is None or self.high is None or self.model is None:
            return f"{years}: {self.reading}"
        return (
            f"{years}: {self.reading}: rate ratio per year {self.rate_ratio:.2f}"
            f" (95% CI {self.low:.2f}–{self.high:.2f}), {MODEL_NAMES[self.model]} regression"
        )

    def summary(self) -> TrendSummary:
        """The trend as the figures carry it."""
        return TrendSummary(
            years={str(year): n for year, n in self.counts.items()},
            model=self.model,
            rate_ratio_per_year=self.rate_ratio,
            ci95=(self.low, self.high) if self.low is not None else None,
            reading=self.reading,
            sentence=self.sentence,
            warnings=list(self.warnings),
        )


def yearly(counts: Mapping[int, int], *, first: int | None = None, last: int | None = None) -> dict[int, int]:
    """A count for every year from first to last (default: the first and last with incidents), zeros filled in."""
    first = first if first is not None else min(counts, default=None)
    last = last if last is not None else max(counts, default=None)
    if first is None or last is None:
        return {}
    return {year: int(counts.get(year, 0)) for year in range(first, last + 1)}


def trend(counts: Mapping[int, int], *, this_year: int) -> Trend:
    """Fit the yearly counts (every year of the range, zeros included) and read the rate ratio's interval."""
    counts = dict(sorted(counts.items()))
    total = sum(counts.values())
    cautions = _cautions(counts, this_year=this_year)
    if len(counts) < MIN_YEARS or total == 0:
        return Trend(counts=counts, warnings=cautions)
    fitted = _fit(list(counts), list(counts.values()))
    if fitted is None:
        return Trend(counts=counts, warnings=(*cautions, "the regression did not converge on these counts"))
    model, ratio, low, high = fitted
    reading = INCREASING if low > 1 else DECREASING if high < 1 else FLAT
    return Trend(counts, model, ratio, low, high, reading, cautions)


def _cautions(counts: dict[int, int], *, this_year: int) -> tuple[str, ...]:
    found = []
    total = sum(counts.values())
    if total < FEW_INCIDENTS or len(counts) < MIN_YEARS:
        found.append(
            f"only {total} dated incident(s) in {len(counts)} year(s): too few to say whether the rate is changing"
        )
    years = list(counts)
    recent, earlier = years[-LAG_YEARS:], years[:-LAG_YEARS]
    if earlier and years[-1] >= this_year - LAG_YEARS:
        recent_mean = sum(counts[y] for y in recent) / len(recent)
        earlier_mean = sum(counts[y] for y in earlier) / len(earlier)
        if recent_mean < THIN * earlier_mean:
            found.append(
                f"{recent[0]}–{recent[-1]} average {recent_mean:.1f} a year against {earlier_mean:.1f} before:"
                " recent incidents may not be reported yet (reporting lag)"
            )
    return tuple(found)


def _fit(years: list[int], counts: list[int]) -> tuple[str, float, float, float] | None:
    """(model, rate ratio, low, high) of count ~ year; None when no model converges."""
    import numpy as np
    import statsmodels.api as sm

    x = sm.add_constant(np.array(years, dtype=float) - years[0])
    y = np.array(counts, dtype=float)
    poisson = _quietly(lambda: sm.GLM(y, x, family=sm.families.Poisson()).fit())
    if poisson is None:
        return None
    dispersion = poisson.pearson_chi2 / poisson.df_resid if poisson.df_resid > 0 else 0.0
    if dispersion <= OVERDISPERSED:
        return _interval("poisson", poisson)
    negative_binomial = _quietly(lambda: sm.NegativeBinomial(y, x).fit(disp=0, maxiter=500))
    if negative_binomial is not None and negative_binomial.mle_retvals.get("converged", False):
        found = _interval("negative_binomial", negative_binomial)
        if found is not None:
            return found
    # The negative binomial's dispersion cannot always be estimated from a few years; scaling the
    # Poisson errors by the observed dispersion still widens the interval as much as the data demand.
    quasi = _quietly(lambda: sm.GLM(y, x, family=sm.families.Poisson()).fit(scale="X2"))
    return _interval("quasi_poisson", quasi) if quasi is not None else None


def _quietly(fit: Any) -> Any:
    """The fitted model, or None when statsmodels warns that it did not converge or the numbers overflowed."""
    import numpy as np
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fit()
        except (ValueError, np.linalg.LinAlgError):
            return None
    if any(issubclass(w.category, (ConvergenceWarning, RuntimeWarning)) for w in caught):
        return None
    return result


def _interval(model: str, result: Any) -> tuple[str, float, float, float] | None:
    beta = float(result.params[1])
    low, high = (float(v) for v in result.conf_int(alpha=0.05)[1][:2])
    values = (math.exp(beta), math.exp(low), math.exp(high)) if max(abs(beta), abs(low), abs(high)) < 50 else None
    if values is None or not all(math.isfinite(v) for v in values):
        return None
    return (model, *values)
