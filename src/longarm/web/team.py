"""Team pages for incidents: the edit form (validation next to each field) and the history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from longarm.audit import service as audit
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import editing
from longarm.incidents.models import Claim
from longarm.incidents.vocabulary import (
    AttributionBasis,
    DatePrecision,
    GeoPrecision,
    PublicationState,
    Sensitivity,
    Status,
    Tactic,
)
from longarm.web.access import database, reader
from longarm.web.public import visible_incident
from longarm.web.rendering import render

edit_router = APIRouter(dependencies=[Depends(require(Permission.edit))], default_response_class=HTMLResponse)
team_router = APIRouter(dependencies=[Depends(require(Permission.read_team))], default_response_class=HTMLResponse)

CHOICES = {
    "tactic": [t.value for t in Tactic],
    "status": [s.value for s in Status],
    "date_precision": [p.value for p in DatePrecision],
    "geo_precision": [p.value for p in GeoPrecision],
    "attribution": [a.value for a in AttributionBasis],
    "publication_state": [p.value for p in PublicationState],
    "sensitivity": [s.value for s in Sensitivity],
}


def _edit_page(
    request: Request, incident: Any, values: dict[str, str], errors: dict[str, str], note: str, status_code: int = 200
) -> HTMLResponse:
    context = {"incident": incident, "values": values, "errors": errors, "note": note, "choices": CHOICES}
    return render(request, "incidents/edit.html", context, status_code=status_code)


@edit_router.get("/incidents/{incident_id}/edit", summary="Edit form of an incident")
def edit_form(request: Request, incident_id: str) -> HTMLResponse:
    """The incident's shown values in a form."""
    _principal, audience = reader(request)
    with database(request) as session:
        incident = visible_incident(session, incident_id, audience)
        return _edit_page(request, incident, editing.form_values(incident), {}, "")


@edit_router.post("/incidents/{incident_id}/edit", summary="Save an edit of an incident")
async def save_edit(request: Request, incident_id: str) -> Response:
    """Store the changed values as the editor's preferred claims; on a mistake show the form again."""
    principal, audience = reader(request)
    form = {k: str(v) for k, v in (await request.form()).items()}
    note = form.get("note", "")
    with database(request) as session:
        incident = visible_incident(session, incident_id, audience)
        try:
            editing.edit_incident(session=session, incident_id=incident_id, form=form, note=note, principal=principal)
        except editing.FieldErrors as problem:
            values = {name: form.get(name, "") for name in editing.FORM_FIELDS}
            return _edit_page(request, incident, values, problem.errors, note, status_code=422)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


def incident_history(session: Any, incident_id: str, *, trusted: bool) -> list[dict[str, Any]]:
    """The incident's audit events (newest first), and its claims as dated additions; restricted ones if trusted."""
    found = audit.history(session=session, target_type="incident", target_id=incident_id, include_restricted=trusted)
    events = [dict(e, kind="event") for e in found]
    claims = session.scalars(select(Claim).where(Claim.incident_id == incident_id).order_by(Claim.created_at))
    added = [
        {"kind": "claim", "at": c.created_at.isoformat(timespec="seconds"), "actor": c.made_by, "claim": c}
        for c in claims
        if trusted or not c.restricted
    ]
    return sorted([*events, *added], key=lambda row: str(row["at"]), reverse=True)


@team_router.get("/incidents/{incident_id}/history", summary="The incident's history (audit log and claims)")
def history_page(request: Request, incident_id: str) -> HTMLResponse:
    """Who changed what and when, from the audit log, beside the claims as they were added."""
    principal, audience = reader(request)
    with database(request) as session:
        incident = visible_incident(session, incident_id, audience)
        trusted = principal.can(Permission.read_restricted)
        rows = incident_history(session, incident_id, trusted=trusted)
        return render(request, "incidents/history.html", {"incident": incident, "rows": rows})
