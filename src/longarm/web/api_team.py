"""The team's JSON API: review decisions, edits, history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from longarm.audit import service as audit
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import editing
from longarm.incidents import service as incidents
from longarm.review import service as review
from longarm.review.models import Candidate
from longarm.web.access import CandidateId, CurrentIncident, CurrentPrincipal, DbSession, Offset
from longarm.web.api_models import EditAnswer

review_router = APIRouter(prefix="/api/v1/review", tags=["review"], dependencies=[Depends(require(Permission.review))])
edit_router = APIRouter(prefix="/api/v1", tags=["editing"], dependencies=[Depends(require(Permission.edit))])
team_router = APIRouter(prefix="/api/v1", tags=["team"], dependencies=[Depends(require(Permission.read_team))])


class MergeRequest(BaseModel):
    """Which incident the candidate is the same as."""

    incident_id: str = Field(min_length=1, max_length=32)


class RejectRequest(BaseModel):
    """Why the candidate is set aside."""

    reason: str = Field(min_length=1, max_length=2000)


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    """A candidate as JSON."""
    return {
        "id": candidate.id,
        "status": candidate.status,
        "source": candidate.source_id,
        "incident_id": candidate.incident_id,
        "payload": candidate.payload,
        "matches": candidate.matches,
        "reason": candidate.reason,
        "reviewed_by": candidate.reviewed_by,
    }


@review_router.get("/candidates", summary="Candidates in the review queue")
def list_candidates(session: DbSession, status: str = "pending", limit: int = 50, offset: Offset = 0) -> dict[str, Any]:
    """Candidates with the given status, oldest first."""
    found = review.list_candidates(session=session, status=status or None, limit=min(limit, 200), offset=offset)
    return {"candidates": [candidate_json(c) for c in found]}


@review_router.get("/candidates/{candidate_id}", summary="One candidate")
def get_candidate(candidate_id: CandidateId, session: DbSession) -> dict[str, Any]:
    """The candidate, its extracted payload and its matches."""
    return candidate_json(review.get_or_raise(session=session, candidate_id=candidate_id))


@review_router.post("/candidates/{candidate_id}/accept", summary="Accept a candidate as a new incident")
def accept(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> dict[str, Any]:
    """The new incident's id."""
    incident = review.accept(session=session, candidate_id=candidate_id, principal=principal)
    return {"candidate": candidate_id, "status": "accepted", "incident_id": incident.id}


@review_router.post("/candidates/{candidate_id}/merge", summary="Merge a candidate into an incident")
def merge(
    candidate_id: CandidateId, body: MergeRequest, session: DbSession, principal: CurrentPrincipal
) -> dict[str, Any]:
    """The incident the candidate was merged into."""
    incident = review.merge(
        session=session, candidate_id=candidate_id, incident_id=body.incident_id, principal=principal
    )
    return {"candidate": candidate_id, "status": "merged", "incident_id": incident.id}


@review_router.post("/candidates/{candidate_id}/reject", summary="Reject a candidate")
def reject(
    candidate_id: CandidateId, body: RejectRequest, session: DbSession, principal: CurrentPrincipal
) -> dict[str, Any]:
    """The rejected candidate."""
    return candidate_json(
        review.reject(session=session, candidate_id=candidate_id, principal=principal, reason=body.reason)
    )


@review_router.post("/candidates/{candidate_id}/undo", summary="Undo the decision on a candidate")
def undo(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> dict[str, Any]:
    """The candidate, back in the queue."""
    return candidate_json(review.undo(session=session, candidate_id=candidate_id, principal=principal))


@edit_router.post(
    "/incidents/{incident_id}/edits",
    summary="Edit an incident (new values become preferred claims)",
    response_model=EditAnswer,
)
def edit(
    incident_id: str,
    body: editing.IncidentEdit,
    session: DbSession,
    principal: CurrentPrincipal,
    incident: CurrentIncident,
) -> EditAnswer:
    """Apply the edit (to an incident the reader may see); a 422 names each bad field under `fields`."""
    result = editing.edit_incident(session=session, incident_id=incident.id, edit=body, principal=principal)
    record = incidents.to_record(result.incident, include_restricted=principal.can(Permission.read_restricted))
    return EditAnswer(changed=result.changed, incident=record)


@team_router.get("/incidents/{incident_id}/history", summary="An incident's history")
def history(session: DbSession, principal: CurrentPrincipal, incident: CurrentIncident) -> dict[str, Any]:
    """Audit events about the incident, newest first."""
    trusted = principal.can(Permission.read_restricted)
    events = audit.history(session=session, target_type="incident", target_id=incident.id, include_restricted=trusted)
    return {"events": events[::-1]}
