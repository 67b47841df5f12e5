"""Linking against the store: pending candidates and the stored incidents near them in one `LinkIndex`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from longarm.review import profile_store
from longarm.review.clusters import Cluster, clusters
from longarm.review.link import LinkIndex
from longarm.review.models import Candidate, CandidateStatus, MatchRecord
from longarm.review.probability import Match
from longarm.review.profiles import Profile, profile_from_extracted


def candidate_profile(candidate: Candidate) -> Profile:
    """A pending candidate's linking profile, its source's headline included."""
    headline = candidate.source.title if candidate.source else None
    return profile_from_extracted(f"candidate:{candidate.id}", candidate.extracted, headline=headline)


def store_index(*, session: Session) -> tuple[LinkIndex, dict[str, Candidate]]:
    """One index over the pending candidates and every stored incident sharing a block with one of them."""
    pending = session.scalars(
        select(Candidate)
        .where(Candidate.status == CandidateStatus.pending.value)
        .options(selectinload(Candidate.source))
    )
    profiles = {candidate: candidate_profile(candidate) for candidate in pending}
    by_ref = {profile.ref: candidate for candidate, profile in profiles.items()}
    return profile_store.index_for(session=session, profiles=list(profiles.values())), by_ref


def link_pending(*, session: Session) -> tuple[list[Cluster], dict[str, Candidate]]:
    """Rank every pending candidate's matches (stored for the queue) and cluster them with the known incidents."""
    index, pending = store_index(session=session)
    # A candidate a person sent back (undo) or split off stays with people: auto-merge does not decide it again.
    held = frozenset(ref for ref, candidate in pending.items() if candidate.reviewed_by)
    apart = frozenset(ref for ref, candidate in pending.items() if candidate.separate)
    found, ranked = clusters(index, pending, held=held, apart=apart)
    for ref, candidate in pending.items():
        candidate.matches = [match_record(match).model_dump() for match in ranked[ref]]
    return found, pending


def match_record(match: Match) -> MatchRecord:
    """A match as stored on the candidate and shown by the queue and the API."""
    kind, _, ref = match.ref.partition(":")
    return MatchRecord(
        incident_id=ref if kind == "incident" else None,
        candidate_id=int(ref) if kind == "candidate" else None,
        score=match.score,
        certain=match.certain,
        possible=match.possible,
        identifying=match.identifying,
        reasons=match.reasons,
    )
