"""Linking against the store: every known incident and pending candidate in one `LinkIndex`, resolved together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from longarm.incidents.models import Actor, Claim, Incident, Involvement
from longarm.incidents.schemas import ExtractedIncident
from longarm.names.people import name_tokens
from longarm.review.clusters import Cluster, clusters
from longarm.review.link import LinkIndex
from longarm.review.models import Candidate, CandidateStatus
from longarm.review.probability import Match
from longarm.review.profiles import Profile, profile_from_extracted, wording
from longarm.sources.models import Source


def profile_from_incident(incident: Incident, *, texts: Sequence[str] = ()) -> Profile:
    """The linking profile of a stored incident: resolved values, involvements, sources' headlines and quotes."""
    victims: list[tuple[str, ...]] = []
    perpetrators: list[tuple[str, ...]] = []
    agencies: set[str] = set()
    for involvement in incident.involvements:
        actor = involvement.actor
        names = [actor.name, *(alias.alias for alias in actor.aliases)]
        if involvement.role == "victim":
            victims.extend(name_tokens(n) for n in names)
        elif involvement.role == "perpetrator" and actor.known:
            agencies.add(actor.id)
        elif involvement.role == "perpetrator":
            perpetrators.extend(name_tokens(n) for n in names)
    date = (
        {"start": incident.date_start, "end": incident.date_end, "precision": incident.date_precision or "year"}
        if incident.date_start and incident.date_end
        else None
    )
    return Profile(
        ref=f"incident:{incident.id}",
        tactic=incident.tactic,
        date=date,
        country=incident.country,
        place=incident.place,
        origin=incident.origin_state,
        victims=victims,
        perpetrators=perpetrators,
        agencies=frozenset(agencies),
        # Headlines and quotes, as for a candidate: a title longarm wrote would compare unlike with unlike.
        words=wording(*texts),
    )


def _texts(session: Session) -> dict[str, list[str]]:
    """Per incident, its sources' headlines and its claims' quotes: the words a candidate's wording is made of."""
    titles = select(Claim.incident_id, Source.title).join(Source, Source.id == Claim.source_id)
    quotes = select(Claim.incident_id, Claim.quote)
    found: dict[str, list[str]] = {}
    for query, column in ((titles, Source.title), (quotes, Claim.quote)):
        rows = session.execute(query.where(Claim.incident_id.is_not(None), column.is_not(None)).distinct())
        for incident_id, text in rows:
            if incident_id and text:
                found.setdefault(incident_id, []).append(text)
    return found


def candidate_profile(candidate: Candidate) -> Profile:
    """A pending candidate's linking profile, its source's headline included."""
    headline = candidate.source.title if candidate.source else None
    return profile_from_extracted(
        f"candidate:{candidate.id}", ExtractedIncident.model_validate(candidate.payload), headline=headline
    )


def store_index(*, session: Session) -> tuple[LinkIndex, dict[str, Candidate]]:
    """One index over every known incident and pending candidate, and the pending candidates by ref."""
    texts = _texts(session)
    incidents = session.scalars(
        select(Incident).options(
            selectinload(Incident.involvements).selectinload(Involvement.actor).selectinload(Actor.aliases)
        )
    )
    index = LinkIndex(profile_from_incident(i, texts=texts.get(i.id, [])) for i in incidents)
    pending = session.scalars(
        select(Candidate)
        .where(Candidate.status == CandidateStatus.pending.value)
        .options(selectinload(Candidate.source))
    )
    by_ref = {}
    for candidate in pending:
        profile = candidate_profile(candidate)
        index.add(profile)
        by_ref[profile.ref] = candidate
    return index, by_ref


def link_pending(*, session: Session) -> tuple[list[Cluster], dict[str, Candidate]]:
    """Rank every pending candidate's matches (stored for the queue) and cluster them with the known incidents."""
    index, pending = store_index(session=session)
    # A candidate a person sent back (undo) or split off stays with people: auto-merge does not decide it again.
    held = frozenset(ref for ref, candidate in pending.items() if candidate.reviewed_by)
    apart = frozenset(ref for ref, candidate in pending.items() if candidate.separate)
    found, ranked = clusters(index, pending, held=held, apart=apart)
    for ref, candidate in pending.items():
        candidate.matches = [as_json(match) for match in ranked[ref]]
    return found, pending


def as_json(match: Match) -> dict[str, Any]:
    """A match as stored on the candidate and shown by the queue and the API."""
    kind, _, ref = match.ref.partition(":")
    return {
        "incident_id": ref if kind == "incident" else None,
        "candidate_id": int(ref) if kind == "candidate" else None,
        "score": match.score,
        "certain": match.certain,
        "possible": match.possible,
        "identifying": match.identifying,
        "reasons": match.reasons,
    }
