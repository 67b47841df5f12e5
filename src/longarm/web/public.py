"""Public pages: home, the incident list, an incident, an actor, a source."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from longarm.analytics import stats
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.errors import NotFound
from longarm.incidents import search
from longarm.incidents import service as incidents
from longarm.incidents.models import Actor, Claim, Incident, Involvement
from longarm.incidents.names import name_key
from longarm.incidents.resolve import LIST_FIELDS, SCALAR_FIELDS
from longarm.incidents.search import Audience
from longarm.review.models import Candidate
from longarm.sources import service as sources
from longarm.web.access import Filters, Page, PerPage, Sort, database, reader
from longarm.web.rendering import date_text, render

router = APIRouter(dependencies=[Depends(require(Permission.read_public))], default_response_class=HTMLResponse)

FACETS = ("tactic", "status", "country", "origin_state", "attribution")


@router.get("/", summary="Home: headline figures and the latest incidents")
def home(request: Request) -> HTMLResponse:
    """Headline figures and the latest incidents."""
    _principal, audience = reader(request)
    with database(request) as session:
        figures = stats.headline(session=session, audience=audience)
        latest = stats.latest(session=session, audience=audience, limit=6)
        return render(request, "home.html", {"figures": figures, "latest": latest})


@router.get("/incidents", summary="Incidents: search, facets, sorting, pages")
def incident_list(
    request: Request, filters: Filters, sort: Sort = None, page: Page = 1, per_page: PerPage = 25
) -> HTMLResponse:
    """The incidents matching the query parameters, with facet counts; HTMX gets only the results."""
    _principal, audience = reader(request)
    sort = sort or ("relevance" if filters.q else "date")
    with database(request) as session:
        found = search.search(
            session=session, filters=filters, audience=audience, sort=sort, page=page, per_page=per_page
        )
        facets = search.facet_counts(session=session, filters=filters, audience=audience)
        context = {
            "filters": filters,
            "found": found,
            "facets": facets,
            "facet_names": FACETS,
            "sort": sort,
            "sorts": search.SORTS,
            "per_page": per_page,
        }
        return render(request, "incidents/list.html", context)


def visible_incident(session: Session, incident_id: str, audience: Audience) -> Incident:
    """The incident if this audience may see it; NotFound otherwise (never 'exists but hidden')."""
    incident = incidents.get(session=session, incident_id=incident_id)
    if incident is None or not audience.sees(incident):
        raise NotFound(f"There is no incident {incident_id!r}.")
    return incident


def citation(record: dict[str, Any], url: str) -> str:
    """A citation of the incident for a footnote."""
    when = date_text(record.get("date"))
    return f"longarm, “{record['title']}” ({when}), incident {record['id']}, {url} (accessed {date.today():%d %B %Y})."


def incident_context(session: Session, incident: Incident, include_restricted: bool, url: str) -> dict[str, Any]:
    """What the incident page shows: values with their claims and reasons, conflicts, people, outcomes."""
    record = incidents.to_record(incident, include_restricted=include_restricted)
    claims = incidents.visible_claims(incident, include_restricted=include_restricted)
    resolved = incidents.resolutions(claims)
    scalar = [(name, resolved[name]) for name in SCALAR_FIELDS if name in resolved and name != "title"]
    items = {name: list(resolved[name].values()) for name in LIST_FIELDS}
    items["outcome"].sort(key=lambda r: (((r.value.get("date") or {}).get("start")) or "9999", r.value["type"]))
    actor_links: dict[str, str] = {}
    for involvement in incident.involvements:
        for alias in [involvement.actor.name, *(a.alias for a in involvement.actor.aliases)]:
            actor_links.setdefault(name_key(alias), involvement.actor.id)
        actor_links.setdefault(involvement.actor.id, involvement.actor.id)
    cited = {s["id"]: s for s in record["sources"]}
    return {
        "incident": incident,
        "record": record,
        "scalar": scalar,
        "items": items,
        "actor_links": actor_links,
        "sources": cited,
        "citation": citation(record, url),
        "name_key": name_key,
        "conflicts": {c["field"]: c for c in record["conflicts"]},
    }


@router.get("/incidents/{incident_id}", summary="One incident with its sources, quotes and conflicts")
def incident_page(request: Request, incident_id: str, candidate: int | None = None) -> HTMLResponse:
    """Every field of the incident with its sources and quotes, conflicts side by side, people, outcomes.

    After a review decision (`candidate`), a reviewer is offered to undo it.
    """
    principal, audience = reader(request)
    with database(request) as session:
        incident = visible_incident(session, incident_id, audience)
        context = incident_context(
            session, incident, principal.can(Permission.read_restricted), str(request.url.replace(query=""))
        )
        decided = session.get(Candidate, candidate) if candidate and principal.can(Permission.review) else None
        context["decided"] = decided if decided and decided.incident_id == incident.id else None
        return render(request, "incidents/detail.html", context)


def actor_incidents(
    session: Session, actor_id: str, audience: Audience
) -> tuple[Actor, list[tuple[Involvement, Incident]]]:
    """The actor and the visible incidents it took part in; NotFound when there is nothing to show."""
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFound(f"There is no actor {actor_id!r}.")
    rows = session.execute(
        select(Involvement, Incident)
        .join(Incident, Involvement.incident_id == Incident.id)
        .where(Involvement.actor_id == actor_id, audience.clause())
        .order_by(Incident.date_start.desc())
    ).all()
    # A person named only in hidden incidents must not be revealed by their actor page.
    if not rows and not actor.known:
        raise NotFound(f"There is no actor {actor_id!r}.")
    return actor, [(row[0], row[1]) for row in rows]


@router.get("/actors/{actor_id}", summary="An actor (a person or an agency) and its incidents")
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    """The actor, its other names and its incidents."""
    _principal, audience = reader(request)
    with database(request) as session:
        actor, involved = actor_incidents(session, actor_id, audience)
        return render(request, "actors/detail.html", {"actor": actor, "involved": involved})


def source_claims(session: Session, source_id: str, audience: Audience, include_restricted: bool) -> list[Claim]:
    """The claims citing the source, on incidents the audience may see."""
    statement = (
        select(Claim)
        .join(Incident, Claim.incident_id == Incident.id)
        .where(Claim.source_id == source_id, audience.clause())
        .options(selectinload(Claim.incident))
        .order_by(Incident.date_start.desc(), Claim.incident_id, Claim.id)
    )
    if not include_restricted:
        statement = statement.where(Claim.restricted.is_(False))
    return list(session.scalars(statement))


@router.get("/sources/{source_id}", summary="A source: what it reports, its grade and its snapshot's hash")
def source_page(request: Request, source_id: str) -> HTMLResponse:
    """The source's details and the claims it backs, by incident."""
    principal, audience = reader(request)
    with database(request) as session:
        source = sources.get_or_raise(session=session, source_id=source_id)
        claims = source_claims(session, source_id, audience, principal.can(Permission.read_restricted))
        if not claims and not principal.can(Permission.read_team):
            raise NotFound(f"There is no source {source_id!r}.")
        by_incident: dict[str, list[Claim]] = {}
        for claim in claims:
            by_incident.setdefault(str(claim.incident_id), []).append(claim)
        return render(request, "sources/detail.html", {"source": source, "by_incident": by_incident})
