"""Index pages: every actor, every source, and what the data covers and how it is made (/about)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from longarm.analytics import stats
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.exports.codebook import CODEBOOK
from longarm.incidents import search, visible
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.search import Audience
from longarm.sources.models import SOURCE_STRENGTH
from longarm.web.access import CurrentPrincipal, DbSession, Page, ReaderAudience
from longarm.web.rendering import render

router = APIRouter(dependencies=[Depends(require(Permission.read_public))], default_response_class=HTMLResponse)

PER_PAGE = 100


@router.get("/actors", summary="Actors: people, agencies and movements, with their incidents")
def actor_index(
    request: Request,
    session: DbSession,
    audience: ReaderAudience,
    q: Annotated[str | None, Query(description="A name or alias, in any transliteration.")] = None,
    page: Page = 1,
) -> HTMLResponse:
    """Every actor the reader may see, by name, with how many incidents each took part in."""
    total, rows = visible.actors_with_counts(session=session, audience=audience, q=q, page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    context = {"rows": rows, "total": total, "q": q or "", "page": page, "pages": pages}
    return render(request, "actors/index.html", context)


@router.get("/sources", summary="Sources: every document cited, with its grade and how many incidents it backs")
def source_index(
    request: Request, session: DbSession, principal: CurrentPrincipal, audience: ReaderAudience, page: Page = 1
) -> HTMLResponse:
    """The sources cited by incidents the reader may see, strongest kind first."""
    ranked = visible.sources_with_counts(
        session=session, audience=audience, include_restricted=principal.can(Permission.read_restricted)
    )
    total = len(ranked)
    shown = ranked[(page - 1) * PER_PAGE : page * PER_PAGE]
    pages = max(1, -(-total // PER_PAGE))
    return render(request, "sources/index.html", {"rows": shown, "total": total, "page": page, "pages": pages})


def coverage(session: Session, audience: Audience) -> dict[str, Any]:
    """What the data covers: figures, incidents by region and tactic, sources by kind, the last change."""
    everything = IncidentFilters()
    facets = search.facet_counts(session=session, filters=everything, audience=audience)
    return {
        "figures": stats.headline(session=session, audience=audience),
        "facets": facets,
        "located": visible.count(session=session, filters=everything, audience=audience, located=True),
        "updated": stats.last_updated(session=session, audience=audience),
    }


@router.get("/about", summary="Methodology and coverage: how values are decided, what the data covers, the codebook")
def about(request: Request, session: DbSession, audience: ReaderAudience) -> HTMLResponse:
    """How incidents are found, checked and shown; what the data covers; what each exported column means."""
    context = {**coverage(session, audience), "codebook": CODEBOOK, "strength": SOURCE_STRENGTH}
    return render(request, "about.html", context)
