"""`longarm stats` and /api/v1/stats/analysis: counts by dimension, the yearly trend and the sources' estimates."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from longarm.analytics import estimates, stats, trend
from longarm.analytics.estimates import ComparedEstimate
from longarm.analytics.trend import TrendSummary
from longarm.incidents.search import PUBLIC, Audience, IncidentFilters, filtered

DIMENSIONS = {
    "year": "date_start",
    "tactic": "tactic",
    "status": "status",
    "origin_state": "origin_state",
    "country": "country",
    "attribution": "attribution_basis",
}
"""What the counts are split by (a filter's name → an incidents column)."""
UNKNOWN = "unknown"


class Overview(BaseModel):
    """What `longarm stats --json` prints and /api/v1/stats/analysis answers."""

    filters: list[tuple[str, str]]
    incidents: int
    undated: int
    counts: dict[str, dict[str, int]]  # dimension → value (`unknown` for none) → incidents, largest first
    trend: TrendSummary
    estimates: list[ComparedEstimate]


def breakdown(*, session: Session, filters: IncidentFilters, audience: Audience = PUBLIC) -> dict[str, dict[str, int]]:
    """For each dimension, how many of the filtered incidents have each value (`unknown` for none), largest first."""
    base = filtered(session, filters, audience).subquery()
    counts: dict[str, dict[str, int]] = {}
    for name, column in DIMENSIONS.items():
        value = func.substr(base.c.date_start, 1, 4) if name == "year" else getattr(base.c, column)
        rows = session.execute(select(value.label("value"), func.count().label("n")).group_by(value)).all()
        pairs = [(str(r.value) if r.value is not None else UNKNOWN, int(r.n)) for r in rows]
        # Years read best in order; the other dimensions by size. Unknown values come last either way.
        key = (lambda p: (p[0] == UNKNOWN, p[0])) if name == "year" else (lambda p: (p[0] == UNKNOWN, -p[1], p[0]))
        counts[name] = dict(sorted(pairs, key=key))
    return counts


def overview(*, session: Session, filters: IncidentFilters, audience: Audience = PUBLIC, this_year: int) -> Overview:
    """The counts, the trend of yearly counts and the estimates in scope, for the filters and audience."""
    counts = breakdown(session=session, filters=filters, audience=audience)
    # Without a year filter the trend spans every year the audience's record covers, so a filter
    # whose incidents stopped early counts the quiet years since as zeros.
    record = stats.headline(session=session, audience=audience)
    years = {int(year): n for year, n in counts["year"].items() if year != UNKNOWN}
    yearly = trend.yearly(years, first=filters.year_from or record.first_year, last=filters.year_to or record.last_year)
    return Overview(
        filters=filters.to_params(),
        incidents=sum(counts["year"].values()),
        undated=counts["year"].get(UNKNOWN, 0),
        counts=counts,
        trend=trend.trend(yearly, this_year=this_year).summary(),
        estimates=estimates.compared(session=session, audience=audience, origin_states=filters.origin_state),
    )
