"""Linking against the database: profiles of stored incidents and pending candidates near a candidate."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from longarm.incidents.models import Actor, ActorAlias, Incident, Involvement
from longarm.incidents.names import name_tokens, plain
from longarm.review.link import Match, Profile, distinctive_tokens, profile_from_extracted, score
from longarm.review.models import Candidate, CandidateStatus

_YEAR_SLACK = 1


def profile_from_incident(incident: Incident) -> Profile:
    """The linking profile of a stored incident, from its resolved values and involvements."""
    victims: list[tuple[str, ...]] = []
    perpetrators: list[tuple[str, ...]] = []
    for involvement in incident.involvements:
        names = [involvement.actor.name, *(alias.alias for alias in involvement.actor.aliases)]
        if involvement.role == "victim":
            victims.extend(name_tokens(n) for n in names)
        elif involvement.role == "perpetrator" and not involvement.actor.known:
            perpetrators.extend(name_tokens(n) for n in names)
    date = (
        {
            "start": incident.date_start,
            "end": incident.date_end,
            "precision": incident.date_precision or "year",
        }
        if incident.date_start and incident.date_end
        else None
    )
    words = frozenset(w for w in plain(" ".join(filter(None, [incident.title, incident.place]))).split())
    return Profile(
        ref=f"incident:{incident.id}",
        tactic=incident.tactic,
        date=date,
        country=incident.country,
        place=incident.place,
        victims=victims,
        perpetrators=perpetrators,
        words=words,
    )


def _token_condition(column: Any, tokens: set[str]) -> Any:
    return or_(
        *(or_(column == t, column.like(f"{t} %"), column.like(f"% {t}"), column.like(f"% {t} %")) for t in tokens)
    )


def _date_window(profile: Profile) -> tuple[str, str] | None:
    if not profile.years:
        return None
    return f"{profile.years.start - _YEAR_SLACK}-01-01", f"{profile.years.stop - 1 + _YEAR_SLACK}-12-31"


def nearby_incidents(*, session: Session, profile: Profile) -> list[Incident]:
    """Incidents sharing a block with the profile: its years and country, or a distinctive name word."""
    conditions = []
    window = _date_window(profile)
    if window:
        in_window = and_(Incident.date_start <= window[1], Incident.date_end >= window[0])
        conditions.append(
            and_(in_window, or_(Incident.country == profile.country, Incident.country.is_(None)))
            if profile.country
            else in_window
        )
    if profile.country:
        conditions.append(and_(Incident.country == profile.country, Incident.date_start.is_(None)))
    tokens = distinctive_tokens(profile)
    if tokens:
        named = (
            select(Involvement.incident_id)
            .join(Actor, Actor.id == Involvement.actor_id)
            .join(ActorAlias, ActorAlias.actor_id == Actor.id)
            .where(_token_condition(ActorAlias.key, tokens))
        )
        conditions.append(Incident.id.in_(named))
    if not conditions:
        return []
    query = (
        select(Incident)
        .where(or_(*conditions))
        .options(selectinload(Incident.involvements).selectinload(Involvement.actor).selectinload(Actor.aliases))
    )
    return list(session.scalars(query))


def nearby_candidates(*, session: Session, profile: Profile, exclude_id: int | None) -> list[Candidate]:
    """Pending candidates sharing a block with the profile."""
    conditions = []
    if profile.years:
        years = range(profile.years.start - _YEAR_SLACK, profile.years.stop + _YEAR_SLACK)
        in_years = Candidate.year.in_(list(years))
        conditions.append(and_(in_years, Candidate.country == profile.country) if profile.country else in_years)
    tokens = distinctive_tokens(profile)
    if tokens:
        conditions.append(or_(*(Candidate.name_keys.like(f"%{t}%") for t in tokens)))
    if not conditions:
        return []
    query = select(Candidate).where(Candidate.status == CandidateStatus.pending.value, or_(*conditions))
    if exclude_id is not None:
        query = query.where(Candidate.id != exclude_id)
    return list(session.scalars(query))


def find_matches(*, session: Session, candidate: Candidate, limit: int = 5) -> list[dict[str, Any]]:
    """Known incidents and pending candidates this candidate may be, best first, with reasons."""
    profile = profile_from_extracted(f"candidate:{candidate.id}", candidate.payload)
    ranked: list[Match] = [
        score(profile, profile_from_incident(i)) for i in nearby_incidents(session=session, profile=profile)
    ]
    for other in nearby_candidates(session=session, profile=profile, exclude_id=candidate.id):
        ranked.append(score(profile, profile_from_extracted(f"candidate:{other.id}", other.payload)))
    ranked = sorted((m for m in ranked if m.score > 0), key=lambda m: (-m.score, m.ref))[:limit]
    return [_as_json(match) for match in ranked]


def _as_json(match: Match) -> dict[str, Any]:
    kind, _, ref = match.ref.partition(":")
    return {
        "incident_id": ref if kind == "incident" else None,
        "candidate_id": int(ref) if kind == "candidate" else None,
        "score": match.score,
        "certain": match.certain,
        "identifying": match.identifying,
        "reasons": match.reasons,
    }
