"""What each request needs, as FastAPI dependencies: its transaction, its reader, the incident it names, the filters.

A view declares them in its signature (`session: DbSession`, `principal: CurrentPrincipal`,
`audience: ReaderAudience`, `incident: CurrentIncident`, `filters: Filters`) instead of
opening them itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from longarm.auth import web as auth_web
from longarm.auth.permissions import Permission, Principal
from longarm.incidents import search, visible
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.models import Incident
from longarm.incidents.search import MAX_PER_PAGE, SORTS, Audience
from longarm.storage.engine import transaction


def database(request: Request) -> Iterator[Session]:
    """FastAPI dependency: the request's one transaction, committed when the view returns without error."""
    # The session takes its connection at the first query: a view that reads nothing costs none.
    with transaction(request.app.state.engine) as session:
        yield session


# scope="function": the commit runs before the answer is sent, so a commit that fails is never answered 200.
DbSession = Annotated[Session, Depends(database, scope="function")]
CurrentPrincipal = Annotated[Principal, Depends(auth_web.current_principal)]


def reader_audience(principal: CurrentPrincipal) -> Audience:
    """FastAPI dependency: which incidents the reader sees (the team also drafts, trusted roles restricted ones)."""
    return Audience(drafts=principal.can(Permission.read_team), restricted=principal.can(Permission.read_restricted))


ReaderAudience = Annotated[Audience, Depends(reader_audience)]


def current_incident(incident_id: str, session: DbSession, audience: ReaderAudience) -> Incident:
    """FastAPI dependency: the incident the path names, when the reader may see it (else 404)."""
    return visible.incident_or_raise(session=session, incident_id=incident_id, audience=audience)


CurrentIncident = Annotated[Incident, Depends(current_incident)]


# FastAPI reads the filters whole from the query and validates them once (IncidentFilters' validators).
Filters = Annotated[IncidentFilters, Query()]
# Bounded: a page number past what a database offset can hold would fail inside the query.
MAX_PAGE = 1_000_000
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page number, from 1 (at most {MAX_PAGE}).")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description=f"Incidents a page (at most {MAX_PER_PAGE}).")]
# Bounded: an id past PostgreSQL's integer (or SQLite's int64) would fail inside the query with a 500.
MAX_ID = 2**31 - 1
CandidateId = Annotated[int, Path(ge=1, le=MAX_ID, description=f"A candidate's number (1 to {MAX_ID}).")]
DoneCandidate = Annotated[int | None, Query(ge=1, le=MAX_ID, description="The candidate just decided (offers undo).")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description=f"Rows to skip (at most {MAX_ID}).")]
Sort = Annotated[str | None, Query(description="One of: " + ", ".join(SORTS) + ".")]


def browse_facets(
    session: Session, filters: IncidentFilters, audience: Audience
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, str]]:
    """The facet counts of a browsing page (list, map, timeline) and the names of the actors in them."""
    facets = search.facet_counts(session=session, filters=filters, audience=audience)
    names = search.actor_names(session, [*(v for v, _n in facets["actor"]), *filters.actor], audience)
    return facets, names
