"""The JSON API's answers as pydantic models, so /docs shows each response's shape."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, PlainSerializer

from longarm.analytics.stats import YearCount
from longarm.audit.service import EventRecord
from longarm.incidents.schemas import ClaimRecord, ExtractedIncident, IncidentRecord, IncidentSummary, SourceRecord
from longarm.review.models import Candidate, MatchRecord


class PageLinks(BaseModel):
    """Addresses of this page and its neighbours (None past either end)."""

    self: str
    next: str | None
    prev: str | None


class IncidentPage(BaseModel):
    """A page of incidents matching the filters."""

    total: int
    page: int | None = Field(description="None when the page was reached by a cursor.")
    per_page: int
    pages: int
    incidents: list[IncidentSummary]
    links: PageLinks


class ActorRow(BaseModel):
    """An actor with the number of incidents the reader may see."""

    id: str
    name: str
    kind: str
    country: str | None
    known: bool
    incidents: int
    url: str


class ActorPage(BaseModel):
    """A page of actors."""

    total: int
    page: int
    per_page: int
    actors: list[ActorRow]


class ActorIncident(IncidentSummary):
    """An incident an actor took part in, with its part."""

    role: str
    degree: str | None


class ActorDetail(BaseModel):
    """An actor, its other names and its incidents."""

    id: str
    name: str
    kind: str
    country: str | None
    known: bool
    aliases: list[str]
    incidents: list[ActorIncident]


class SourceClaim(ClaimRecord):
    """A claim a source backs, with the incident it is about."""

    incident: str | None


class SourceDetail(SourceRecord):
    """A source, when it was retrieved, its language and the claims it backs."""

    retrieved_at: str | None
    language: str | None
    claims: list[SourceClaim]


class EditAnswer(BaseModel):
    """What an edit changed and the incident as it now is."""

    changed: list[str]
    incident: IncidentRecord


class Column(BaseModel):
    """An exported column (or GeoJSON property) and what it means."""

    name: str
    meaning: str


class Codebook(BaseModel):
    """Every exported column, in the CSV's order."""

    columns: list[Column]


class YearSpan(BaseModel):
    """The first and last year with a dated incident (None without one)."""

    first: int | None
    last: int | None


class StatsAnswer(BaseModel):
    """Headline figures, incidents per year by tactic, host and origin, and the facets' counts."""

    incidents: int
    countries: int
    years: YearSpan
    fatalities: int
    per_year: dict[str, list[YearCount]]
    facets: dict[str, dict[str, int]]


class CandidateAnswer(BaseModel):
    """A candidate in the review queue: its source, the incident as extracted, its ranked matches and the decision."""

    id: int
    status: str
    source: str
    incident_id: str | None
    # Shown as the extractor wrote it, values the store cannot hold included (the reviewer sees them).
    payload: Annotated[ExtractedIncident, PlainSerializer(lambda incident: incident.payload())]
    matches: list[MatchRecord]
    reason: str | None
    reviewed_by: str | None

    @classmethod
    def of(cls, candidate: Candidate) -> CandidateAnswer:
        """The answer for a stored candidate."""
        return cls(
            id=candidate.id,
            status=candidate.status,
            source=candidate.source_id,
            incident_id=candidate.incident_id,
            payload=candidate.extracted,
            matches=candidate.ranked,
            reason=candidate.reason,
            reviewed_by=candidate.reviewed_by,
        )


class CandidateList(BaseModel):
    """Candidates with the asked status, oldest first."""

    candidates: list[CandidateAnswer]


class Decision(BaseModel):
    """A decision on a candidate and the incident it made or joined."""

    candidate: int
    status: str
    incident_id: str


class HistoryAnswer(BaseModel):
    """Audit events about an incident, newest first."""

    events: list[EventRecord]
