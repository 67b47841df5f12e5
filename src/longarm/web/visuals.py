"""Public pages that draw: the map, the timeline with its charts, the statistics, and the API docs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse

from longarm.analytics.overview import overview
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import visible
from longarm.incidents.models import Incident
from longarm.reports.figures import charts
from longarm.reports.world_map import atlas_countries
from longarm.web.access import DbSession, Filters, ReaderAudience, browse_facets
from longarm.web.rendering import HERE, render

router = APIRouter(dependencies=[Depends(require(Permission.read_public))], default_response_class=HTMLResponse)


@router.get("/map", summary="Map of incidents (same filters as the list)")
def map_page(request: Request, session: DbSession, audience: ReaderAudience, filters: Filters) -> HTMLResponse:
    """A Leaflet map on an offline basemap; markers load from the GeoJSON API with the same filters."""
    facets, names = browse_facets(session, filters, audience)
    context = {
        "filters": filters,
        "facets": facets,
        "actor_names": names,
        "total": visible.count(session=session, filters=filters, audience=audience),
        "unlocated": visible.unlocated(session=session, filters=filters, audience=audience),
        # The basemap keys shapes by ISO numeric code; a click on one filters by its alpha-2 code.
        "atlas_countries": json.dumps(atlas_countries()),
    }
    return render(request, "map.html", context)


@router.get("/timeline", summary="Timeline and charts: incidents per year by tactic and by host country")
def timeline_page(request: Request, session: DbSession, audience: ReaderAudience, filters: Filters) -> HTMLResponse:
    """Charts of incidents per year (linked to the list) and the incidents year by year."""
    facets, names = browse_facets(session, filters, audience)
    years: dict[str, list[Incident]] = {}
    for incident in visible.dated(session=session, filters=filters, audience=audience, limit=2000):
        years.setdefault(str(incident.date_start)[:4], []).append(incident)
    context = {"filters": filters, "facets": facets, "actor_names": names, "years": years}
    return render(request, "timeline.html", context)


@router.get("/docs", summary="API documentation (Swagger UI, served from the app)")
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI for the JSON API, from vendored files."""
    return render(request, "docs.html", {})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """The site icon, for browsers that ask for it on pages without a link to it (the login page)."""
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")


@router.get("/stats", summary="Statistics: counts, the yearly trend with its interval, and sources' estimates")
def stats_page(request: Request, session: DbSession, audience: ReaderAudience, filters: Filters) -> HTMLResponse:
    """What `longarm stats` prints for the list's filters, with charts drawn on the server."""
    facets, names = browse_facets(session, filters, audience)
    figures = overview(session=session, filters=filters, audience=audience, this_year=datetime.now(UTC).year)
    context = {
        "filters": filters,
        "facets": facets,
        "actor_names": names,
        "figures": figures,
        "charts": charts(figures),
    }
    return render(request, "stats.html", context)
