"""Team pages for incidents: the edit form (validation next to each field) and the history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import editing
from longarm.incidents.edit_form import GROUP_LEGENDS, form_groups, form_inputs
from longarm.sources.models import SOURCE_STRENGTH, SourceKind
from longarm.web import history
from longarm.web.access import CurrentIncident, CurrentPrincipal, DbSession
from longarm.web.rendering import render

edit_router = APIRouter(dependencies=[Depends(require(Permission.edit))], default_response_class=HTMLResponse)
team_router = APIRouter(dependencies=[Depends(require(Permission.read_team))], default_response_class=HTMLResponse)

CHOICES = {str(cell.form): [m.value for m in cell.choices] for cell in form_inputs() if cell.choices} | {
    name: [m.value for m in vocabulary] for name, vocabulary in editing.SETTINGS.items()
}
FIELD_GROUPS = [(GROUP_LEGENDS[group], inputs) for group, inputs in form_groups()]


def _edit_page(
    request: Request, incident: Any, values: dict[str, str], errors: dict[str, str], note: str, status_code: int = 200
) -> HTMLResponse:
    cited = {c.source.id: c.source for c in incident.claims if c.source is not None and not c.restricted}
    context = {
        "incident": incident,
        "values": values,
        "errors": errors,
        "note": note,
        "choices": CHOICES,
        "field_groups": FIELD_GROUPS,
        "cited": sorted(cited.values(), key=lambda s: (-SOURCE_STRENGTH.get(SourceKind(s.kind), 0), s.id)),
    }
    return render(request, "incidents/edit.html", context, status_code=status_code)


@edit_router.get("/incidents/{incident_id}/edit", summary="Edit form of an incident")
def edit_form(request: Request, incident: CurrentIncident) -> HTMLResponse:
    """The incident's shown values in a form."""
    return _edit_page(request, incident, editing.form_values(incident), {}, "")


@edit_router.post("/incidents/{incident_id}/edit", summary="Save an edit of an incident")
async def save_edit(
    request: Request, incident_id: str, session: DbSession, principal: CurrentPrincipal, incident: CurrentIncident
) -> Response:
    """Store the changed values as the editor's preferred claims; on a mistake show the form again."""
    edit = editing.IncidentEdit.from_form({k: str(v) for k, v in (await request.form()).items()})
    try:
        editing.edit_incident(session=session, incident_id=incident_id, edit=edit, principal=principal)
    except editing.FieldErrors as problem:
        return _edit_page(request, incident, edit.form_echo(), problem.errors, edit.note, status_code=422)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@team_router.get("/incidents/{incident_id}/history", summary="The incident's history (audit log and claims)")
def history_page(
    request: Request, session: DbSession, principal: CurrentPrincipal, incident: CurrentIncident
) -> HTMLResponse:
    """Who changed what and when, from the audit log, beside the claims as they were added."""
    entries = history.incident_history(session, incident.id, trusted=principal.can(Permission.read_restricted))
    return render(request, "incidents/history.html", {"incident": incident, "entries": entries})
