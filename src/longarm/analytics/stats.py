"""Figures about incidents: headline counts and incidents per year, for the audience and filters given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from longarm.errors import BadInput
from longarm.incidents.models import Claim, Incident
from longarm.incidents.search import PUBLIC, Audience, IncidentFilters, filtered

GROUPINGS = {"tactic": "tactic", "country": "country", "origin_state": "origin_state", "status": "status"}
"""What incidents per year can be split by (a name → an incidents column)."""


class YearCount(BaseModel):
    """How many incidents of one group (a tactic, a country) began in one year."""

    year: int
    group: str
    count: int


@dataclass(frozen=True)
class Headline:
    """The figures the home page leads with."""

    incidents: int
    countries: int
    first_year: int | None
    last_year: int | None
    fatalities: int


def headline(*, session: Session, filters: IncidentFilters | None = None, audience: Audience = PUBLIC) -> Headline:
    """How many incidents, host countries, which years and how many deaths the audience can see."""
    base = filtered(session, filters or IncidentFilters(), audience).subquery()
    row = session.execute(
        select(
            func.count(),
            func.count(func.distinct(base.c.country)),
            func.min(func.substr(base.c.date_start, 1, 4)),
            func.max(func.substr(base.c.date_start, 1, 4)),
            func.coalesce(func.sum(base.c.fatalities), 0),
        )
    ).one()
    return Headline(
        incidents=int(row[0]),
        countries=int(row[1]),
        first_year=int(row[2]) if row[2] else None,
        last_year=int(row[3]) if row[3] else None,
        fatalities=int(row[4]),
    )


def per_year(
    *, session: Session, by: str, filters: IncidentFilters | None = None, audience: Audience = PUBLIC
) -> list[YearCount]:
    """Incidents per year split by a grouping, undated incidents left out."""
    if by not in GROUPINGS:
        raise BadInput(f"by {by!r} is not one of: {', '.join(GROUPINGS)}.")
    base = filtered(session, filters or IncidentFilters(), audience).subquery()
    year = func.substr(base.c.date_start, 1, 4)
    group = getattr(base.c, GROUPINGS[by])
    rows = session.execute(
        select(year.label("year"), group.label("group"), func.count().label("n"))
        .where(base.c.date_start.is_not(None))
        .group_by(year, group)
        .order_by(year, group)
    ).all()
    return [YearCount(year=int(r.year), group=r.group or "unknown", count=int(r.n)) for r in rows]


def latest(*, session: Session, audience: Audience = PUBLIC, limit: int = 5) -> list[Incident]:
    """The most recent incidents by date."""
    statement = filtered(session, IncidentFilters(), audience)
    return list(
        session.scalars(statement.order_by(Incident.date_start.is_(None), Incident.date_start.desc()).limit(limit))
    )


def last_updated(*, session: Session, audience: Audience = PUBLIC) -> datetime | None:
    """When an incident the audience may see, or one of its claims, last changed."""
    visible = select(Incident.id).where(audience.clause())
    incident = session.scalar(select(func.max(Incident.updated_at)).where(audience.clause()))
    claim = session.scalar(select(func.max(Claim.created_at)).where(Claim.incident_id.in_(visible)))
    moments = [m.replace(tzinfo=UTC) if m.tzinfo is None else m for m in (incident, claim) if m is not None]
    return max(moments) if moments else None
