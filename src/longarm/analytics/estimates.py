"""Aggregate figures sources give (about 360 killed abroad), kept as sourced claims beside the database's count."""

from __future__ import annotations

import json
from importlib import resources

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.analytics import stats
from longarm.incidents.models import Estimate
from longarm.incidents.search import PUBLIC, Audience, IncidentFilters


class EstimateSource(BaseModel):
    """The source an estimate comes from."""

    id: str
    title: str
    publisher: str | None


class ScopeCount(BaseModel):
    """What the database itself counts for an estimate's scope."""

    incidents: int
    fatalities: int


class ComparedEstimate(BaseModel):
    """An estimate with its source and quote, beside the database's own count for the same scope."""

    value: float
    unit: str
    by: str | None
    scope: str | None
    filters: dict[str, str]  # the list's filters for its scope
    source: EstimateSource | None
    quote: str | None
    database: ScopeCount


def load_sample(*, session: Session) -> int:
    """Store the sample data's estimates (once; their sources come with the sample incidents); how many were new."""
    data = json.loads(resources.files("longarm.data").joinpath("sample_estimates.json").read_text("utf-8"))
    added = 0
    for item in data["estimates"]:  # each item holds an Estimate's columns
        known = select(Estimate.id).where(
            Estimate.source_id == item["source_id"], Estimate.unit == item["unit"], Estimate.by == item["by"]
        )
        if session.scalar(known) is None:
            session.add(Estimate(**item))
            added += 1
    return added


def scope_filters(estimate: Estimate) -> IncidentFilters:
    """The list's filters that select what the estimate counts: its origin state, tactic and years."""
    return IncidentFilters(
        origin_state=(estimate.origin_state,) if estimate.origin_state else (),
        tactic=(estimate.tactic,) if estimate.tactic else (),
        year_from=estimate.year_from,
        year_to=estimate.year_to,
    )


def compared(
    *, session: Session, audience: Audience = PUBLIC, origin_states: tuple[str, ...] = ()
) -> list[ComparedEstimate]:
    """Each estimate (for these origin states, or all) with its source and quote, and the database's own count."""
    found = []
    for estimate in session.scalars(select(Estimate).order_by(Estimate.id)):
        if origin_states and estimate.origin_state not in origin_states:
            continue
        scope = scope_filters(estimate)
        figures = stats.headline(session=session, filters=scope, audience=audience)
        source = estimate.source
        found.append(
            ComparedEstimate(
                value=estimate.value,
                unit=estimate.unit,
                by=estimate.by,
                scope=estimate.scope,
                filters=dict(scope.to_params()),
                source=EstimateSource(id=source.id, title=source.title, publisher=source.publisher) if source else None,
                quote=estimate.quote,
                database=ScopeCount(incidents=figures.incidents, fatalities=figures.fatalities),
            )
        )
    return found
