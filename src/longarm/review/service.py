"""The review queue: accept a candidate as a new incident, merge it into one, reject it, or undo that."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.auth.permissions import Permission, Principal
from longarm.errors import Conflict, NotFound
from longarm.incidents import service as incidents
from longarm.incidents.models import Claim, Incident
from longarm.incidents.schemas import ExtractedIncident
from longarm.incidents.vocabulary import PublicationState
from longarm.names.folding import name_key
from longarm.names.people import name_tokens, same_person
from longarm.review.candidates import claims_for_extracted
from longarm.review.clusters import Decision
from longarm.review.matching import link_pending
from longarm.review.models import Candidate, CandidateStatus
from longarm.review.queue import QueueItem, item_of
from longarm.sources.models import Source
from longarm.storage.base import utcnow


def get(*, session: Session, candidate_id: int) -> Candidate | None:
    """The candidate with this id, or None."""
    return session.get(Candidate, candidate_id)


def get_or_raise(*, session: Session, candidate_id: int) -> Candidate:
    """The candidate with this id, or NotFound."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound(f"There is no candidate {candidate_id}.")
    return candidate


def list_candidates(
    *, session: Session, status: str | None = CandidateStatus.pending.value, limit: int = 50, offset: int = 0
) -> list[Candidate]:
    """Candidates in the queue (pending by default), oldest first."""
    query = select(Candidate).order_by(Candidate.id).limit(limit).offset(offset)
    if status:
        query = query.where(Candidate.status == status)
    return list(session.scalars(query))


def candidate_claims(*, session: Session, candidate: Candidate) -> list[Claim]:
    """The claims a candidate brings (the extracted values with their quotes)."""
    return list(session.scalars(select(Claim).where(Claim.candidate_id == candidate.id).order_by(Claim.id)))


def candidate_title(*, session: Session, candidate: Candidate) -> str:
    """The title longarm wrote for the candidate from its extracted values."""
    claims = candidate_claims(session=session, candidate=candidate)
    return next((str(c.value) for c in claims if c.field == "title"), "")


def queue(*, session: Session, source: Source, incident: ExtractedIncident, index: int, made_by: str) -> Candidate:
    """Put an extracted incident in the queue with its claims; `link` ranks its matches once the batch is in."""
    payload = incident.payload()
    date = payload.get("date") or {}
    names = [n for v in payload.get("victims") or [] for n in [v.get("name"), *v.get("aliases", [])] if n]
    names += [p["name"] for p in payload.get("perpetrators") or [] if p.get("name") and not p.get("id")]
    candidate = Candidate(
        source_id=source.id,
        content_key=f"{source.sha256 or source.id}:{index}",
        payload=payload,
        extractor=made_by,
        year=int(date["start"][:4]) if date.get("start") else None,
        country=(payload.get("location") or {}).get("country"),
        name_keys=" ".join(name_key(n) for n in names),
    )
    session.add(candidate)
    session.flush()
    claims = claims_for_extracted(incident, source_id=source.id, made_by=made_by)
    incidents.add_claims(session=session, incident=None, claims=claims, candidate_id=candidate.id)
    return candidate


def _require_pending(candidate: Candidate) -> None:
    if candidate.status != CandidateStatus.pending.value:
        raise Conflict(f"Candidate {candidate.id} is already {candidate.status}; undo that first.")


def _decide(candidate: Candidate, status: CandidateStatus, principal: Principal, incident_id: str | None) -> None:
    candidate.status = status.value
    candidate.incident_id = incident_id
    candidate.reviewed_by = principal.label
    candidate.reviewed_at = utcnow()


def accept(*, session: Session, candidate_id: int, principal: Principal) -> Incident:
    """Make the candidate a new incident carrying its claims: published when an editor accepts, else a draft."""
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    _require_pending(candidate)
    # Publishing is an editor's decision; an analyst's (or a review-scoped token's) accept waits as a draft.
    incident = Incident(publication_state="published" if principal.can(Permission.edit) else "draft")
    session.add(incident)
    session.flush()
    return _attach(
        session=session,
        candidate=candidate,
        incident=incident,
        status=CandidateStatus.accepted,
        principal=principal,
        before=None,
    )


def merge(*, session: Session, candidate_id: int, incident_id: str, principal: Principal) -> Incident:
    """Attach the candidate's claims to an incident; values that differ stay as conflicting claims.

    Editors publish: when someone who may not (an analyst, a review-scoped token) merges into a
    published incident, the incident goes back to draft until an editor publishes it again.
    """
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    _require_pending(candidate)
    incident = incidents.get_or_raise(session=session, incident_id=incident_id)
    before = {
        "title": incident.title,
        "date_start": incident.date_start,
        "place": incident.place,
        "publication_state": incident.publication_state,
    }
    # The merged claims (a new victim, source, place) would otherwise be public at once.
    if not principal.can(Permission.edit):
        incident.publication_state = PublicationState.draft.value
    return _attach(
        session=session,
        candidate=candidate,
        incident=incident,
        status=CandidateStatus.merged,
        principal=principal,
        before=before,
    )


def _attach(
    *,
    session: Session,
    candidate: Candidate,
    incident: Incident,
    status: CandidateStatus,
    principal: Principal,
    before: dict[str, Any] | None,
) -> Incident:
    """Move the candidate's claims onto the incident, resolve its values and record the decision."""
    known = _known_items(incident)
    for claim in candidate_claims(session=session, candidate=candidate):
        claim.incident_id = incident.id
        claim.item_key = _same_item(claim, known) or claim.item_key
    incidents.resolve_incident(session=session, incident=incident)
    _decide(candidate, status, principal, incident.id)
    record_event(
        session=session,
        actor=principal.label,
        action=AuditAction.candidate(status.value),
        target_type="incident",
        target_id=incident.id,
        before=before,
        after={"candidate": candidate.id, "title": incident.title},
    )
    return incident


def _known_items(incident: Incident) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The incident's victims and named perpetrators: field → [(item key, name words)]."""
    items: dict[str, list[tuple[str, tuple[str, ...]]]] = {"victim": [], "perpetrator": []}
    for claim in incident.claims:
        if claim.field in items and claim.item_key and isinstance(claim.value, dict):
            for name in [claim.value.get("name"), *claim.value.get("aliases", [])]:
                if name:
                    items[claim.field].append((claim.item_key, name_tokens(name)))
    return items


def _same_item(claim: Claim, known: dict[str, list[tuple[str, tuple[str, ...]]]]) -> str | None:
    # "Ahmad Nissi" in the new source is "Ahmad Mola Nissi" already on the incident: one victim, two claims.
    if claim.field not in known or not isinstance(claim.value, dict) or claim.value.get("id"):
        return None
    names = [n for n in [claim.value.get("name"), *claim.value.get("aliases", [])] if n]
    for key, words in known[claim.field]:
        if any(same_person(name_tokens(n), words) for n in names):
            return key
    return None


def _pending_item(session: Session, candidate_id: int, principal: Principal) -> QueueItem:
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    _require_pending(candidate)
    item = item_of(session=session, candidate=candidate)
    assert item is not None  # a pending candidate is always in one item
    return item


def _into_one(session: Session, members: list[Candidate], incident_id: str | None, principal: Principal) -> Incident:
    """Every member into the incident, or (without one) the first by content accepted and the others merged in."""
    members = sorted(members, key=lambda c: c.content_key)
    if incident_id is None:
        incident = accept(session=session, candidate_id=members[0].id, principal=principal)
        members = members[1:]
    else:
        incident = incidents.get_or_raise(session=session, incident_id=incident_id)
    for member in members:
        merge(session=session, candidate_id=member.id, incident_id=incident.id, principal=principal)
    return incident


def accept_cluster(*, session: Session, candidate_id: int, principal: Principal) -> Incident:
    """Decide the candidate's whole queue item as proposed: one new incident, or into the one incident it matches."""
    item = _pending_item(session, candidate_id, principal)
    if len(item.incidents) > 1:
        raise Conflict(f"Candidate {candidate_id} matches {len(item.incidents)} incidents; merge it into one of them.")
    return _into_one(session, item.candidates, item.incidents[0] if item.incidents else None, principal)


def merge_cluster(*, session: Session, candidate_id: int, incident_id: str, principal: Principal) -> Incident:
    """Merge every candidate of this candidate's queue item into the incident."""
    item = _pending_item(session, candidate_id, principal)
    return _into_one(session, item.candidates, incident_id, principal)


def split(*, session: Session, candidate_id: int, principal: Principal) -> Candidate:
    """Take a pending candidate out of its cluster: it becomes its own queue item (undo puts it back)."""
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    _require_pending(candidate)
    if candidate.separate:
        raise Conflict(f"Candidate {candidate_id} is already on its own; undo puts it back in its cluster.")
    candidate.separate = True
    candidate.reviewed_by, candidate.reviewed_at = principal.label, utcnow()
    _candidate_event(session, principal, AuditAction.candidate_split, candidate)
    return candidate


def _candidate_event(
    session: Session, principal: Principal, action: AuditAction, candidate: Candidate, **details: Any
) -> None:
    record_event(
        session=session,
        actor=principal.label,
        action=action,
        target_type="candidate",
        target_id=str(candidate.id),
        **details,
    )


def reject(*, session: Session, candidate_id: int, principal: Principal, reason: str) -> Candidate:
    """Set the candidate aside with a reason; no incident changes."""
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    _require_pending(candidate)
    if not reason.strip():
        raise Conflict("A rejection needs a reason.")
    _decide(candidate, CandidateStatus.rejected, principal, None)
    candidate.reason = reason.strip()
    _candidate_event(session, principal, AuditAction.candidate_rejected, candidate, after={"reason": candidate.reason})
    return candidate


def undo(*, session: Session, candidate_id: int, principal: Principal) -> Candidate:
    """Back to the queue (claims leave the incident; an accepted one is deleted); a split one back to its cluster."""
    principal.require(Permission.review)
    candidate = get_or_raise(session=session, candidate_id=candidate_id)
    if candidate.status == CandidateStatus.pending.value and candidate.separate:
        candidate.separate = False
        link_pending(session=session)  # its cluster may have become an incident meanwhile
        _candidate_event(session, principal, AuditAction.candidate_undo_split, candidate)
        return candidate
    if candidate.status == CandidateStatus.pending.value:
        raise Conflict(f"Candidate {candidate.id} is pending; there is nothing to undo.")
    incident = incidents.get(session=session, incident_id=candidate.incident_id) if candidate.incident_id else None
    previous = candidate.status
    for claim in candidate_claims(session=session, candidate=candidate):
        claim.incident_id = None
    if incident is not None:
        session.flush()
        session.refresh(incident, ["claims"])
        if previous == CandidateStatus.accepted.value and not incident.claims:
            session.delete(incident)
        else:
            incidents.resolve_incident(session=session, incident=incident)
    candidate.status, candidate.incident_id, candidate.reason = CandidateStatus.pending.value, None, None
    candidate.reviewed_by, candidate.reviewed_at = principal.label, utcnow()
    record_event(
        session=session,
        actor=principal.label,
        action=AuditAction.candidate(f"undo_{previous}"),
        # An undone merge changed an incident: its history must show the undo beside the merge.
        target_type="incident" if incident is not None and previous == CandidateStatus.merged.value else "candidate",
        target_id=incident.id
        if incident is not None and previous == CandidateStatus.merged.value
        else str(candidate.id),
        before={"status": previous, "incident": incident.id if incident else None, "candidate": candidate.id},
    )
    session.flush()
    link_pending(session=session)  # what it matched when it was first linked may have changed since
    return candidate


def link(*, session: Session, principal: Principal, auto_merge: bool) -> dict[str, int]:
    """Rank and cluster every pending candidate; with auto_merge, decide each cluster that is certain.

    A cluster without a known incident becomes one new incident (its first candidate by
    content accepted, the others merged in), a cluster holding one incident joins it, and
    anything else waits for a person (see `review/clusters.py`).
    """
    found, pending = link_pending(session=session)
    decisions: dict[str, int] = {}
    if not auto_merge:
        return decisions
    for cluster in found:
        members = [pending[ref] for ref in cluster.candidates]
        decision = cluster.decision
        if decision in (Decision.review, Decision.in_passing):
            waiting = "pending" if decision == Decision.review else "in passing"
            decisions[waiting] = decisions.get(waiting, 0) + len(members)
            continue
        joined = cluster.incidents[0].partition(":")[2] if decision == Decision.existing else None
        _into_one(session, members, joined, principal)
        if joined is None:
            decisions["accepted"] = decisions.get("accepted", 0) + 1
        merged = len(members) - (joined is None)
        if merged:
            decisions["merged"] = decisions.get("merged", 0) + merged
    return decisions
