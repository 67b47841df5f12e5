"""Public pages: home, the incident list, an incident, an actor, a source."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from longarm.analytics import stats
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.errors import NotFound
from longarm.incidents import fields, search, visible
from longarm.incidents import service as incidents
from longarm.incidents.models import Claim, Incident
from longarm.incidents.resolve import Resolution
from longarm.incidents.schemas import IncidentRecord
from longarm.names.folding import name_key
from longarm.names.labels import label
from longarm.review import service as review
from longarm.sources.models import SOURCE_STRENGTH, SourceKind
from longarm.web import citations
from longarm.web.access import (
    CurrentIncident,
    CurrentPrincipal,
    DbSession,
    Filters,
    Page,
    PerPage,
    ReaderAudience,
    Sort,
    browse_facets,
)
from longarm.web.rendering import render

router = APIRouter(dependencies=[Depends(require(Permission.read_public))], default_response_class=HTMLResponse)


@router.get("/", summary="Home: headline figures and the latest incidents")
def home(request: Request, session: DbSession, audience: ReaderAudience) -> HTMLResponse:
    """Headline figures and the latest incidents."""
    figures = stats.headline(session=session, audience=audience)
    latest = stats.latest(session=session, audience=audience, limit=6)
    updated = stats.last_updated(session=session, audience=audience)
    return render(request, "home.html", {"figures": figures, "latest": latest, "updated": updated})


@router.get("/incidents", summary="Incidents: search, facets, sorting, pages")
def incident_list(
    request: Request,
    session: DbSession,
    audience: ReaderAudience,
    filters: Filters,
    sort: Sort = None,
    page: Page = 1,
    per_page: PerPage = 25,
) -> HTMLResponse:
    """The incidents matching the query parameters, with facet counts; HTMX gets only the results."""
    sort = sort or ("relevance" if filters.q else "date")
    found = search.search(session=session, filters=filters, audience=audience, sort=sort, page=page, per_page=per_page)
    facets, names = browse_facets(session, filters, audience)
    context = {
        "filters": filters,
        "found": found,
        "facets": facets,
        "actor_names": names,
        "sort": sort,
        "sorts": search.SORTS,
        "per_page": per_page,
    }
    return render(request, "incidents/list.html", context)


def last_changed(incident: Incident) -> datetime:
    """When the incident or any of its claims last changed."""
    moments = [incident.updated_at, *(c.created_at for c in incident.claims)]
    return max(m.replace(tzinfo=UTC) if m.tzinfo is None else m for m in moments if m is not None)


def strongest_first(claims: list[Any]) -> list[Any]:
    """Claims in the order a reader should weigh them: reviewer's choice, then the stronger source first."""
    return sorted(claims, key=lambda c: (not c.preferred, -source_strength(c), c.id or 0))


def source_strength(claim: Any) -> int:
    """How strong the claim's source is (court record highest; no source lowest)."""
    return SOURCE_STRENGTH.get(SourceKind(claim.source_kind), 0) if claim.source_kind else -1


# The resolution rule's criteria (resolve.py) as the end of "Shown because …".
DECIDED_BY = {
    "the stronger source": "it comes from the strongest source",
    "the finer precision": "it is the most precise",
    "more sources agree": "more sources agree",
    "first reported": "it was reported first",
}


def shown_because(resolution: Resolution) -> str:
    """Why this value is the one shown, in words that do not overstate or understate the agreement."""
    claims = resolution.supporting
    sources = {c.source_id for c in claims if c.source_id}
    if not resolution.alternatives:
        if len(sources) > 1:
            return f"all {len(sources)} sources that give it agree"
        return "the only source that gives it" if sources else "the only value given (no source)"
    if resolution.reason == "the reviewer's choice":
        chosen = next(c for c in claims if c.preferred)
        backing = "citing a source" if chosen.source_id else "as the editor's own judgement"
        others = [c for _v, group in resolution.alternatives for c in group]
        stronger = [c for c in others if source_strength(c) > source_strength(chosen)]
        kinds = sorted({label(c.source_kind).lower() for c in stronger if c.source_kind})
        above = f", shown above a stronger source ({', '.join(kinds)})" if kinds else ""
        return f"an editor chose it ({chosen.made_by}, {backing}){above}"
    count = f"{len(sources)} source{'s give' if len(sources) != 1 else ' gives'} it"
    return f"{DECIDED_BY.get(resolution.reason, resolution.reason)} ({count})"


def _shown(record: IncidentRecord, name: str) -> Any:
    """The record's shown value of a claim field, in its JSON form."""
    claim_field = fields.by_name(name)
    return record.stated(claim_field) if claim_field else None


def incident_context(session: Session, incident: Incident, include_restricted: bool, url: str) -> dict[str, Any]:
    """What the incident page shows: values with their claims and reasons, conflicts, people, outcomes."""
    record = incidents.to_record(incident, include_restricted=include_restricted)
    claims = incidents.visible_claims(incident, include_restricted=include_restricted)
    resolved = incidents.resolutions(claims)
    scalar = [(name, r) for name, r in resolved.scalars.items() if name != "title"]
    items = {name: list(found.values()) for name, found in resolved.items.items()}
    items["outcome"].sort(key=lambda r: (((r.value.get("date") or {}).get("start")) or "9999", r.value["type"]))
    actor_links: dict[str, str] = {}
    for involvement in incident.involvements:
        for alias in [involvement.actor.name, *(a.alias for a in involvement.actor.aliases)]:
            actor_links.setdefault(name_key(alias), involvement.actor.id)
        actor_links.setdefault(involvement.actor.id, involvement.actor.id)
    cited = {s.id: s for s in record.sources}
    ranked_sources = sorted(
        cited.values(),
        key=lambda s: (-SOURCE_STRENGTH.get(SourceKind(s.kind), 0) if s.kind else 1, s.reliability or "F"),
    )
    return {
        "incident": incident,
        "record": record,
        "scalar": scalar,
        "items": items,
        "actor_links": actor_links,
        "sources": cited,
        "sources_strongest_first": ranked_sources,
        "citations": citations.all_styles(
            citations.Cited(
                id=incident.id,
                title=_shown(record, "title"),
                url=url,
                event_date=_shown(record, "date"),
                modified=last_changed(incident),
                accessed=date.today(),
            )
        ),
        "styles": citations.STYLES,
        "last_changed": last_changed(incident),
        "strongest_first": strongest_first,
        "shown_because": shown_because,
        "name_key": name_key,
        "conflicts": {c.field: c for c in record.conflicts},
    }


@router.get("/incidents/{incident_id}", summary="One incident with its sources, quotes and conflicts")
def incident_page(
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    incident: CurrentIncident,
    candidate: int | None = None,
) -> HTMLResponse:
    """Every field of the incident with its sources and quotes, conflicts side by side, people, outcomes.

    After a review decision (`candidate`), a reviewer is offered to undo it.
    """
    context = incident_context(
        session, incident, principal.can(Permission.read_restricted), str(request.url.replace(query=""))
    )
    decided = (
        review.get(session=session, candidate_id=candidate) if candidate and principal.can(Permission.review) else None
    )
    context["decided"] = decided if decided and decided.incident_id == incident.id else None
    return render(request, "incidents/detail.html", context)


@router.get("/incidents/{incident_id}/cite/{style}", summary="A citation of the incident (text, BibTeX, RIS, CSL-JSON)")
def incident_citation(request: Request, style: str, incident: CurrentIncident) -> Response:
    """The citation in one style, as a file a reference manager imports."""
    if style not in citations.STYLES:
        raise NotFound(f"There is no citation style {style!r}; choose one of {', '.join(citations.STYLES)}.")
    url = str(request.url_for("incident_page", incident_id=incident.id))
    cited = citations.Cited(
        id=incident.id,
        title=incident.title,
        url=url,
        event_date={
            "start": incident.date_start,
            "end": incident.date_end or incident.date_start,
            "precision": incident.date_precision or "day",
        }
        if incident.date_start
        else None,
        modified=last_changed(incident),
        accessed=date.today(),
    )
    text = citations.WRITERS[style](cited)
    suffix = {"text": "txt", "bibtex": "bib", "ris": "ris", "csl-json": "json"}[style]
    return Response(
        text,
        media_type=citations.MEDIA_TYPES[style] + "; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{incident.id}.{suffix}"'},
    )


@router.get("/actors/{actor_id}", summary="An actor (a person or an agency) and its incidents")
def actor_page(request: Request, actor_id: str, session: DbSession, audience: ReaderAudience) -> HTMLResponse:
    """The actor, its other names and its incidents."""
    actor, involved = visible.actor_incidents(session=session, actor_id=actor_id, audience=audience)
    return render(request, "actors/detail.html", {"actor": actor, "involved": involved})


@router.get("/sources/{source_id}", summary="A source: what it reports, its grade and its snapshot's hash")
def source_page(request: Request, source_id: str, session: DbSession, audience: ReaderAudience) -> HTMLResponse:
    """The source's details and the claims it backs, by incident."""
    source, claims = visible.source_with_claims(session=session, source_id=source_id, audience=audience)
    by_incident: dict[str, list[Claim]] = {}
    for claim in claims:
        by_incident.setdefault(str(claim.incident_id), []).append(claim)
    return render(request, "sources/detail.html", {"source": source, "by_incident": by_incident})
