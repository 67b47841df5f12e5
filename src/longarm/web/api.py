"""The public JSON API under /api/v1: incidents (filtered, paged), one incident, actors, sources, stats."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Hashable
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from longarm.analytics import charts, stats
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import map_grid, search, visible
from longarm.incidents import service as incidents
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.schemas import IncidentRecord, IncidentSummary
from longarm.incidents.search import Audience
from longarm.names.countries import country_name
from longarm.names.labels import label
from longarm.sources import service as sources
from longarm.storage.data_version import VersionedCache
from longarm.web.access import (
    CurrentIncident,
    CurrentPrincipal,
    DbSession,
    Filters,
    Page,
    PerPage,
    ReaderAudience,
    Sort,
)
from longarm.web.api_models import (
    ActorDetail,
    ActorIncident,
    ActorPage,
    ActorRow,
    IncidentPage,
    PageLinks,
    SourceDetail,
    StatsAnswer,
    YearSpan,
)
from longarm.web.rendering import column_date, facet_value, query_url

router = APIRouter(prefix="/api/v1", tags=["public"], dependencies=[Depends(require(Permission.read_public))])

MAP_LIMIT = 5000


# A list page's answer, serialised and compressed once per data version: readers asking for the same page
# (the first pages, mostly) then cost a version read and the bytes, not the queries and their encoding.
_PAGES = VersionedCache(size=256)


def _encoded(answer: BaseModel) -> tuple[bytes, bytes]:
    body = orjson.dumps(answer.model_dump(mode="json"))
    return body, gzip.compress(body, compresslevel=6)


def cached_json(request: Request, session: Session, key: Hashable, compute: Callable[[], BaseModel]) -> Response:
    """The JSON answer for `key` at the current data version, gzipped when the client accepts it."""
    body, packed = _PAGES.get(session, key, lambda: _encoded(compute()))
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            packed, media_type="application/json", headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        )
    return Response(body, media_type="application/json")


@router.get("/incidents", summary="Incidents matching the filters, a page at a time", response_model=IncidentPage)
def list_incidents(
    request: Request,
    session: DbSession,
    audience: ReaderAudience,
    filters: Filters,
    sort: Sort = None,
    page: Page = 1,
    per_page: PerPage = 25,
    cursor: Annotated[
        str | None, Query(description="Continue after the page that gave it (`links.next`); date order, no q.")
    ] = None,
) -> Response:
    """Incidents matching the filters (the list page's parameters), with the total and page links.

    In date order without search words, `links.next` carries a cursor: however deep, the next page
    costs what the first did.
    """
    sort = sort or ("relevance" if filters.q else "date")

    def compute() -> IncidentPage:
        found = search.search(
            session=session,
            filters=filters,
            audience=audience,
            sort=sort,
            page=page,
            per_page=per_page,
            cursor=cursor,
        )
        base = [*filters.to_params(), ("sort", sort), ("per_page", str(per_page))]

        def link(number: int) -> str | None:
            if not 1 <= number <= found.pages:
                return None
            return query_url("/api/v1/incidents", [*base, ("page", str(number))])

        following = link(page + 1) if cursor is None else None
        if found.next_cursor is not None:
            following = query_url("/api/v1/incidents", [*base, ("cursor", found.next_cursor)])
        here = [("cursor", cursor)] if cursor is not None else [("page", str(page))]
        return IncidentPage(
            total=found.total,
            page=None if cursor is not None else found.page,
            per_page=found.per_page,
            pages=found.pages,
            incidents=[IncidentSummary.of(i) for i in found.incidents],
            links=PageLinks(
                self=query_url("/api/v1/incidents", [*base, *here]),
                next=following,
                prev=None if cursor is not None else link(page - 1),
            ),
        )

    return cached_json(request, session, ("list", filters, audience, sort, page, per_page, cursor), compute)


@router.get("/incidents.geojson", summary="Incidents with coordinates as GeoJSON (for the map)")
def incidents_geojson(
    session: DbSession,
    audience: ReaderAudience,
    filters: Filters,
    zoom: Annotated[
        int | None,
        Query(ge=0, le=map_grid.MAX_ZOOM, description="The map's zoom: crowded places come back as clusters."),
    ] = None,
    bbox: Annotated[str | None, Query(description="With zoom, the view: west,south,east,north in degrees.")] = None,
) -> Response:
    """A FeatureCollection of the filtered incidents that have coordinates (the first 5,000).

    With `zoom` (and the view's `bbox`), a place crowded at that zoom is one feature whose
    properties are `cluster: true`, its `count` and its `bounds`; the map asks this way.
    """
    box = map_grid.Box.parse(bbox, zoom=zoom or 0) if bbox and zoom is not None else None
    body = _MAPS.get(session, (filters, audience, zoom, box), lambda: _features(session, filters, audience, zoom, box))
    return Response(body, media_type="application/geo+json")


# The map's answer, serialised once per data version, filter set and view: it is the largest a reader asks for.
_MAPS = VersionedCache(size=256)


def _features(
    session: Session,
    filters: IncidentFilters,
    audience: Audience,
    zoom: int | None,
    box: map_grid.Box | None,
) -> bytes:
    clusters: list[map_grid.Cluster] = []
    if zoom is None:
        chosen = visible.located(session=session, filters=filters, audience=audience, limit=MAP_LIMIT)
    else:
        clusters, chosen = map_grid.grid(
            session=session, filters=filters, audience=audience, zoom=zoom, box=box, limit=MAP_LIMIT
        )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [cluster.lon, cluster.lat]},
            "properties": {"cluster": True, "count": cluster.count, "bounds": cluster.bounds},
        }
        for cluster in clusters
    ]
    features += [
        {
            "type": "Feature",
            "id": i.id,
            "geometry": {"type": "Point", "coordinates": [i.lon, i.lat]},
            "properties": {
                **IncidentSummary.of(i).model_dump(mode="json"),
                "tactic_label": label(i.tactic),
                "country_name": country_name(i.country),
                "date_text": column_date(i.date_start, i.date_end, i.date_precision),
            },
        }
        for i in chosen
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


@router.get(
    "/incidents/{incident_id}",
    summary="One incident in the export's shape, with claims and conflicts",
    response_model=IncidentRecord,
)
def get_incident(principal: CurrentPrincipal, incident: CurrentIncident) -> IncidentRecord:
    """The incident with its sources, claims and conflicts; restricted values only for trusted roles."""
    return incidents.to_record(incident, include_restricted=principal.can(Permission.read_restricted))


@router.get(
    "/actors",
    summary="Actors (people, agencies, movements) with their number of visible incidents",
    response_model=ActorPage,
)
def list_actors(
    session: DbSession,
    audience: ReaderAudience,
    q: Annotated[str | None, Query(description="A name or alias, in any transliteration.")] = None,
    page: Page = 1,
    per_page: PerPage = 50,
) -> ActorPage:
    """Known actors and the actors involved in incidents the reader may see, by name."""
    total, rows = visible.actors_with_counts(session=session, audience=audience, q=q, page=page, per_page=per_page)
    actors = [
        ActorRow(
            id=a.id,
            name=a.name,
            kind=a.kind,
            country=a.country,
            known=a.known,
            incidents=int(n),
            url=f"/actors/{a.id}",
        )
        for a, n in rows
    ]
    return ActorPage(total=total, page=page, per_page=per_page, actors=actors)


@router.get("/actors/{actor_id}", summary="An actor, its other names and its incidents", response_model=ActorDetail)
def get_actor(actor_id: str, session: DbSession, audience: ReaderAudience) -> ActorDetail:
    """The actor and the incidents it took part in (those the reader may see)."""
    actor, involved = visible.actor_incidents(session=session, actor_id=actor_id, audience=audience)
    return ActorDetail(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        known=actor.known,
        aliases=sorted({a.alias for a in actor.aliases} - {actor.name}),
        incidents=[
            ActorIncident.model_validate(IncidentSummary.of(i).model_dump() | {"role": v.role, "degree": v.degree})
            for v, i in involved
        ],
    )


@router.get(
    "/sources/{source_id}",
    summary="A source, its grade, its snapshot's hash and the claims it backs",
    response_model=SourceDetail,
)
def get_source(source_id: str, session: DbSession, audience: ReaderAudience) -> SourceDetail:
    """The source in the export's shape and the claims that cite it."""
    source, claims = visible.source_with_claims(session=session, source_id=source_id, audience=audience)
    return SourceDetail.model_validate(
        sources.to_record(source)
        | {
            "retrieved_at": source.retrieved_at.isoformat() if source.retrieved_at else None,
            "language": source.language,
            "claims": [incidents.claim_record(c).model_dump() | {"incident": c.incident_id} for c in claims],
        }
    )


@router.get(
    "/stats",
    summary="Headline figures, incidents per year and facet counts for the filters",
    response_model=StatsAnswer,
)
def get_stats(session: DbSession, audience: ReaderAudience, filters: Filters) -> StatsAnswer:
    """Counts for the filtered incidents: headline figures, per year by tactic and host country, facets."""
    figures = stats.headline(session=session, filters=filters, audience=audience)
    return StatsAnswer(
        incidents=figures.incidents,
        countries=figures.countries,
        years=YearSpan(first=figures.first_year, last=figures.last_year),
        fatalities=figures.fatalities,
        per_year={
            by: stats.per_year(session=session, by=by, filters=filters, audience=audience) for by in charts.TITLES
        },
        facets={
            name: dict(values)
            for name, values in search.facet_counts(session=session, filters=filters, audience=audience).items()
        },
    )


@router.get("/charts/per-year", summary="A Vega-Lite chart of incidents per year (by tactic or host country)")
def chart_per_year(
    session: DbSession,
    audience: ReaderAudience,
    filters: Filters,
    by: Annotated[str, Query(description="What the bars split by: " + ", ".join(stats.GROUPINGS))] = "tactic",
) -> dict[str, Any]:
    """The Vega-Lite specification, data inline, of the filtered incidents per year."""
    rows = stats.per_year(session=session, by=by, filters=filters, audience=audience)
    labels = {r.group: facet_value(by, r.group) for r in rows}
    spec = charts.per_year_chart(rows, by=by, labels=labels)
    spec["usermeta"]["list"] = query_url("/incidents", filters.to_params())
    return spec


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> dict[str, Any]:
    """The OpenAPI description of this API (a document in OpenAPI's own schema)."""
    app: FastAPI = request.app
    return app.openapi()
