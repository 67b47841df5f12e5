"""The team's JSON API: review decisions, edits, history."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from longarm.audit import service as audit
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.incidents import editing
from longarm.incidents import service as incidents
from longarm.review import service as review
from longarm.web.access import CandidateId, CurrentIncident, CurrentPrincipal, DbSession, Offset
from longarm.web.api_models import CandidateAnswer, CandidateList, Decision, EditAnswer, HistoryAnswer

review_router = APIRouter(prefix="/api/v1/review", tags=["review"], dependencies=[Depends(require(Permission.review))])
edit_router = APIRouter(prefix="/api/v1", tags=["editing"], dependencies=[Depends(require(Permission.edit))])
team_router = APIRouter(prefix="/api/v1", tags=["team"], dependencies=[Depends(require(Permission.read_team))])


class MergeRequest(BaseModel):
    """Which incident the candidate is the same as."""

    incident_id: str = Field(min_length=1, max_length=32)


class RejectRequest(BaseModel):
    """Why the candidate is set aside."""

    reason: str = Field(min_length=1, max_length=2000)


@review_router.get("/candidates", summary="Candidates in the review queue", response_model=CandidateList)
def list_candidates(session: DbSession, status: str = "pending", limit: int = 50, offset: Offset = 0) -> CandidateList:
    """Candidates with the given status, oldest first."""
    found = review.list_candidates(session=session, status=status or None, limit=min(limit, 200), offset=offset)
    return CandidateList(candidates=[CandidateAnswer.of(c) for c in found])


@review_router.get("/candidates/{candidate_id}", summary="One candidate", response_model=CandidateAnswer)
def get_candidate(candidate_id: CandidateId, session: DbSession) -> CandidateAnswer:
    """The candidate, its extracted payload and its matches."""
    return CandidateAnswer.of(review.get_or_raise(session=session, candidate_id=candidate_id))


@review_router.post(
    "/candidates/{candidate_id}/accept", summary="Accept a candidate as a new incident", response_model=Decision
)
def accept(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> Decision:
    """The new incident's id."""
    incident = review.accept(session=session, candidate_id=candidate_id, principal=principal)
    return Decision(candidate=candidate_id, status="accepted", incident_id=incident.id)


@review_router.post(
    "/candidates/{candidate_id}/merge", summary="Merge a candidate into an incident", response_model=Decision
)
def merge(candidate_id: CandidateId, body: MergeRequest, session: DbSession, principal: CurrentPrincipal) -> Decision:
    """The incident the candidate was merged into."""
    incident = review.merge(
        session=session, candidate_id=candidate_id, incident_id=body.incident_id, principal=principal
    )
    return Decision(candidate=candidate_id, status="merged", incident_id=incident.id)


@review_router.post("/candidates/{candidate_id}/reject", summary="Reject a candidate", response_model=CandidateAnswer)
def reject(
    candidate_id: CandidateId, body: RejectRequest, session: DbSession, principal: CurrentPrincipal
) -> CandidateAnswer:
    """The rejected candidate."""
    return CandidateAnswer.of(
        review.reject(session=session, candidate_id=candidate_id, principal=principal, reason=body.reason)
    )


@review_router.post(
    "/candidates/{candidate_id}/undo", summary="Undo the decision on a candidate", response_model=CandidateAnswer
)
def undo(candidate_id: CandidateId, session: DbSession, principal: CurrentPrincipal) -> CandidateAnswer:
    """The candidate, back in the queue."""
    return CandidateAnswer.of(review.undo(session=session, candidate_id=candidate_id, principal=principal))


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


@team_router.get("/incidents/{incident_id}/history", summary="An incident's history", response_model=HistoryAnswer)
def history(session: DbSession, principal: CurrentPrincipal, incident: CurrentIncident) -> HistoryAnswer:
    """Audit events about the incident, newest first."""
    trusted = principal.can(Permission.read_restricted)
    events = audit.history(session=session, target_type="incident", target_id=incident.id, include_restricted=trusted)
    return HistoryAnswer(events=events[::-1])
