"""Index pages: every actor, every source, and what the data covers and how it is made (/about)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from longarm.analytics import stats
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.exports.codebook import CODEBOOK
from longarm.incidents import search
from longarm.incidents.models import Actor, ActorAlias, Claim, Incident, Involvement
from longarm.incidents.search import Audience, IncidentFilters
from longarm.names.folding import name_key
from longarm.sources.models import SOURCE_STRENGTH, Source, SourceKind
from longarm.web.access import Page, database, reader
from longarm.web.rendering import render

router = APIRouter(dependencies=[Depends(require(Permission.read_public))], default_response_class=HTMLResponse)

PER_PAGE = 100


def actors_with_counts(
    session: Session, audience: Audience, q: str | None, page: int, per_page: int
) -> tuple[int, list[tuple[Actor, int]]]:
    """Known actors and those in incidents the audience may see, by name, with their incident counts."""
    involved = (
        select(Involvement.actor_id, func.count(func.distinct(Involvement.incident_id)).label("n"))
        .join(Incident, Involvement.incident_id == Incident.id)
        .where(audience.clause())
        .group_by(Involvement.actor_id)
        .subquery()
    )
    statement = select(Actor, func.coalesce(involved.c.n, 0)).outerjoin(involved, involved.c.actor_id == Actor.id)
    statement = statement.where(or_(Actor.known.is_(True), involved.c.n > 0))
    if q and q.strip():
        keyed = select(ActorAlias.actor_id).where(ActorAlias.key.contains(name_key(q)))
        statement = statement.where(Actor.id.in_(keyed))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.execute(statement.order_by(Actor.name).limit(per_page).offset((page - 1) * per_page)).all()
    return total, [(actor, int(n)) for actor, n in rows]


@router.get("/actors", summary="Actors: people, agencies and movements, with their incidents")
def actor_index(
    request: Request,
    q: Annotated[str | None, Query(description="A name or alias, in any transliteration.")] = None,
    page: Page = 1,
) -> HTMLResponse:
    """Every actor the reader may see, by name, with how many incidents each took part in."""
    _principal, audience = reader(request)
    with database(request) as session:
        total, rows = actors_with_counts(session, audience, q, page, PER_PAGE)
        pages = max(1, -(-total // PER_PAGE))
        context = {"rows": rows, "total": total, "q": q or "", "page": page, "pages": pages}
        return render(request, "actors/index.html", context)


@router.get("/sources", summary="Sources: every document cited, with its grade and how many incidents it backs")
def source_index(request: Request, page: Page = 1) -> HTMLResponse:
    """The sources cited by incidents the reader may see, strongest kind first."""
    principal, audience = reader(request)
    with database(request) as session:
        backed = select(Claim.source_id, func.count(func.distinct(Claim.incident_id)).label("n")).join(
            Incident, Claim.incident_id == Incident.id
        )
        backed = backed.where(audience.clause(), Claim.source_id.is_not(None))
        if not principal.can(Permission.read_restricted):
            backed = backed.where(Claim.restricted.is_(False))
        counts = backed.group_by(Claim.source_id).subquery()
        rows = session.execute(
            select(Source, counts.c.n).join(counts, counts.c.source_id == Source.id).order_by(Source.id)
        ).all()
        ranked = sorted(
            ((source, int(n)) for source, n in rows),
            key=lambda row: (-SOURCE_STRENGTH.get(SourceKind(row[0].kind), 0), row[0].reliability or "F", row[0].id),
        )
        total = len(ranked)
        shown = ranked[(page - 1) * PER_PAGE : page * PER_PAGE]
        pages = max(1, -(-total // PER_PAGE))
        return render(request, "sources/index.html", {"rows": shown, "total": total, "page": page, "pages": pages})


def coverage(session: Session, audience: Audience) -> dict[str, Any]:
    """What the data covers: figures, incidents by region and tactic, sources by kind, the last change."""
    everything = IncidentFilters()
    facets = search.facet_counts(session=session, filters=everything, audience=audience)
    located = session.scalar(
        select(func.count()).select_from(
            search.filtered(session, everything, audience).where(Incident.lat.is_not(None)).subquery()
        )
    )
    return {
        "figures": stats.headline(session=session, audience=audience),
        "facets": facets,
        "located": located or 0,
        "updated": stats.last_updated(session=session, audience=audience),
    }


@router.get("/about", summary="Methodology and coverage: how values are decided, what the data covers, the codebook")
def about(request: Request) -> HTMLResponse:
    """How incidents are found, checked and shown; what the data covers; what each exported column means."""
    _principal, audience = reader(request)
    with database(request) as session:
        context = {**coverage(session, audience), "codebook": CODEBOOK, "strength": SOURCE_STRENGTH}
        return render(request, "about.html", context)
