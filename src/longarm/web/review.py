"""The review queue for the team: proposed incidents (clusters of candidates), their match probability and reasons."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import fields
from longarm.incidents import service as incidents
from longarm.incidents.schemas import ExtractedIncident, IncidentRecord
from longarm.review import service as review
from longarm.review.models import Candidate
from longarm.review.queue import item_of, pending_items
from longarm.web.access import CandidateId, CurrentPrincipal, DbSession, DoneCandidate
from longarm.web.rendering import render

router = APIRouter(dependencies=[Depends(require(Permission.review))], default_response_class=HTMLResponse)


def _entry(record: ExtractedIncident | IncidentRecord, claim_field: fields.ClaimField) -> Any:
    """A record's (JSON) value for a claim field, in claim form: a list field's items, attribution's basis."""
    entry = record.value(claim_field) if isinstance(record, ExtractedIncident) else record.stated(claim_field)
    if claim_field.many:
        return entry or []
    return (entry or {}).get(claim_field.wrap) if claim_field.wrap else entry


def comparison(session: Session, candidate: Candidate, match_id: str | None, trusted: bool) -> dict[str, Any]:
    """The template's context: the candidate beside the chosen match (by default the best one), field by field."""
    ranked = candidate.ranked
    matches = [m for m in ranked if m.incident_id]
    chosen = next((m for m in matches if m.incident_id == match_id), matches[0] if matches else None)
    incident = incidents.get(session=session, incident_id=chosen.incident_id) if chosen and chosen.incident_id else None
    record = incidents.to_record(incident, include_restricted=trusted) if incident else None
    extracted = candidate.extracted
    rows = [
        (f.name, _entry(extracted, f), _entry(record, f) if record else None)
        for f in (*fields.scalar_fields(), *fields.list_fields())
    ]
    evidence: dict[str, list[str]] = {}
    for item in extracted.evidence:
        evidence.setdefault(item.field, []).append(item.quote)
    return {
        "candidate": candidate,
        "matches": matches,
        "chosen": chosen,
        "incident": incident,
        "rows": rows,
        "evidence": evidence,
        "others": [m for m in ranked if m.candidate_id],
    }


@router.get("/review", summary="The review queue")
def queue(request: Request, session: DbSession, status: str = "pending", done: DoneCandidate = None) -> HTMLResponse:
    """Proposed incidents waiting for a decision, one per cluster (or the decided candidates, with ?status=);
    `done` offers to undo a decision."""
    items = pending_items(session=session) if status == "pending" else []
    candidates = (
        [] if status == "pending" else review.list_candidates(session=session, status=status or None, limit=200)
    )
    decided = review.get(session=session, candidate_id=done) if done else None
    context = {"items": items[:200], "candidates": candidates, "status": status, "decided": decided}
    return render(request, "review/queue.html", context)


@router.get("/review/{candidate_id}", summary="One candidate beside its best match")
def candidate_page(
    request: Request,
    candidate_id: CandidateId,
    session: DbSession,
    principal: CurrentPrincipal,
    match: str | None = None,
) -> HTMLResponse:
    """The candidate's values and quotes beside the matched incident's, with the three decisions."""
    candidate = review.get_or_raise(session=session, candidate_id=candidate_id)
    context = comparison(session, candidate, match, principal.can(Permission.read_restricted))
    context["item"] = item_of(session=session, candidate=candidate)
    return render(request, "review/candidate.html", context)


@router.post("/review/{candidate_id}/accept", summary="Accept a candidate's cluster as proposed")
def accept(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> Response:
    """Make the cluster one new incident (or join the one incident it matches) and show it."""
    incident = review.accept_cluster(session=session, candidate_id=candidate_id, principal=principal)
    return RedirectResponse(f"/incidents/{incident.id}?candidate={candidate_id}", status_code=303)


@router.post("/review/{candidate_id}/merge", summary="Merge a candidate's cluster into an incident")
def merge(
    candidate_id: CandidateId, incident_id: Annotated[str, Form()], session: DbSession, principal: CurrentPrincipal
) -> Response:
    """Attach the claims of the candidate and its cluster to the incident and show it."""
    incident = review.merge_cluster(
        session=session, candidate_id=candidate_id, incident_id=incident_id, principal=principal
    )
    return RedirectResponse(f"/incidents/{incident.id}?candidate={candidate_id}", status_code=303)


@router.post("/review/{candidate_id}/split", summary="Take a candidate out of its cluster")
def split(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> Response:
    """The candidate becomes its own queue item; show it."""
    review.split(session=session, candidate_id=candidate_id, principal=principal)
    return RedirectResponse(f"/review/{candidate_id}", status_code=303)


@router.post("/review/{candidate_id}/reject", summary="Reject a candidate")
def reject(
    request: Request,
    candidate_id: CandidateId,
    session: DbSession,
    principal: CurrentPrincipal,
    reason: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Ask for a reason, then for confirmation; set the candidate aside and offer to undo it from the queue."""
    candidate = review.get_or_raise(session=session, candidate_id=candidate_id)
    if not reason.strip():
        context = comparison(session, candidate, None, principal.can(Permission.read_restricted))
        context["errors"] = {"reason": "Say why this candidate is set aside (kept with the decision)."}
        return render(request, "review/candidate.html", context, status_code=422)
    if confirm != "yes":
        return render(request, "review/confirm.html", {"candidate": candidate, "reason": reason.strip()})
    review.reject(session=session, candidate_id=candidate_id, principal=principal, reason=reason)
    return RedirectResponse(f"/review?done={candidate_id}", status_code=303)


@router.post("/review/{candidate_id}/undo", summary="Undo the decision on a candidate")
def undo(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> Response:
    """Return the candidate to the queue."""
    review.undo(session=session, candidate_id=candidate_id, principal=principal)
    return RedirectResponse(f"/review/{candidate_id}", status_code=303)
