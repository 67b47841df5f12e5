"""What a reader may see: incidents, actors, sources and claims, each narrowed to the reader's audience.

The web pages and the API read through these services; they hold no queries of their own.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from longarm.errors import NotFound
from longarm.incidents import search
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.models import Actor, ActorAlias, Claim, Incident, Involvement
from longarm.incidents.search import Audience
from longarm.names.folding import name_key
from longarm.sources.models import SOURCE_STRENGTH, Source, SourceKind


def incident_or_raise(*, session: Session, incident_id: str, audience: Audience) -> Incident:
    """The incident if this audience may see it; NotFound otherwise (never 'exists but hidden')."""
    incident = session.get(Incident, incident_id)
    if incident is None or not audience.sees(incident):
        raise NotFound(f"There is no incident {incident_id!r}.")
    return incident


def actor_incidents(
    *, session: Session, actor_id: str, audience: Audience
) -> tuple[Actor, list[tuple[Involvement, Incident]]]:
    """The actor and the visible incidents it took part in; NotFound when there is nothing to show."""
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFound(f"There is no actor {actor_id!r}.")
    rows = session.execute(
        select(Involvement, Incident)
        .join(Incident, Involvement.incident_id == Incident.id)
        .where(Involvement.actor_id == actor_id, audience.clause())
        .order_by(Incident.date_start.desc())
    ).all()
    # A person named only in hidden incidents must not be revealed by their actor page.
    if not rows and not actor.known:
        raise NotFound(f"There is no actor {actor_id!r}.")
    return actor, [(row[0], row[1]) for row in rows]


def actors_with_counts(
    *, session: Session, audience: Audience, q: str | None, page: int, per_page: int
) -> tuple[int, list[tuple[Actor, int]]]:
    """Known actors and those in incidents the audience may see, by name, with their incident counts."""
    involved = (
        select(Involvement.actor_id, func.count(func.distinct(Involvement.incident_id)).label("n"))
        .join(Incident, Involvement.incident_id == Incident.id)
        .where(audience.clause())
        .group_by(Involvement.actor_id)
        .subquery()
    )
    statement = select(Actor, func.coalesce(involved.c.n, 0)).outerjoin(involved, involved.c.actor_id == Actor.id)
    statement = statement.where(or_(Actor.known.is_(True), involved.c.n > 0))
    if q and q.strip():
        keyed = select(ActorAlias.actor_id).where(ActorAlias.key.contains(name_key(q)))
        statement = statement.where(Actor.id.in_(keyed))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.execute(statement.order_by(Actor.name).limit(per_page).offset((page - 1) * per_page)).all()
    return total, [(actor, int(n)) for actor, n in rows]


def source_claims(*, session: Session, source_id: str, audience: Audience, include_restricted: bool) -> list[Claim]:
    """The claims citing the source, on incidents the audience may see."""
    statement = (
        select(Claim)
        .join(Incident, Claim.incident_id == Incident.id)
        .where(Claim.source_id == source_id, audience.clause())
        .options(selectinload(Claim.incident))
        .order_by(Incident.date_start.desc(), Claim.incident_id, Claim.id)
    )
    if not include_restricted:
        statement = statement.where(Claim.restricted.is_(False))
    return list(session.scalars(statement))


def source_with_claims(*, session: Session, source_id: str, audience: Audience) -> tuple[Source, list[Claim]]:
    """The source and its claims this audience may see; NotFound when outside the team it backs nothing visible."""
    source = session.get(Source, source_id)
    claims = (
        source_claims(session=session, source_id=source_id, audience=audience, include_restricted=audience.restricted)
        if source is not None
        else []
    )
    # The team sees every source; the public only those that back something it may see.
    if source is None or (not claims and not audience.drafts):
        raise NotFound(f"There is no source {source_id!r}.")
    return source, claims


def sources_with_counts(*, session: Session, audience: Audience, include_restricted: bool) -> list[tuple[Source, int]]:
    """The sources cited by incidents the audience may see, strongest kind first, with how many each backs."""
    backed = select(Claim.source_id, func.count(func.distinct(Claim.incident_id)).label("n")).join(
        Incident, Claim.incident_id == Incident.id
    )
    backed = backed.where(audience.clause(), Claim.source_id.is_not(None))
    if not include_restricted:
        backed = backed.where(Claim.restricted.is_(False))
    counts = backed.group_by(Claim.source_id).subquery()
    rows = session.execute(
        select(Source, counts.c.n).join(counts, counts.c.source_id == Source.id).order_by(Source.id)
    ).all()
    return sorted(
        ((source, int(n)) for source, n in rows),
        key=lambda row: (-SOURCE_STRENGTH.get(SourceKind(row[0].kind), 0), row[0].reliability or "F", row[0].id),
    )


def count(*, session: Session, filters: IncidentFilters, audience: Audience, located: bool = False) -> int:
    """How many incidents match (with `located`, only those with coordinates)."""
    statement = search.filtered(session, filters, audience)
    if located:
        statement = statement.where(Incident.lat.is_not(None))
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def unlocated(*, session: Session, filters: IncidentFilters, audience: Audience) -> list[Incident]:
    """The matching incidents without coordinates, newest first (the map lists them beside it)."""
    statement = search.filtered(session, filters, audience)
    return list(
        session.scalars(
            statement.where(or_(Incident.lat.is_(None), Incident.lon.is_(None))).order_by(Incident.date_start.desc())
        )
    )


def located(*, session: Session, filters: IncidentFilters, audience: Audience, limit: int) -> list[Incident]:
    """The first `limit` matching incidents with coordinates, oldest first (the map's markers)."""
    statement = search.filtered(session, filters, audience).where(Incident.lat.is_not(None), Incident.lon.is_not(None))
    return list(session.scalars(statement.order_by(Incident.date_start, Incident.id).limit(limit)))


def dated(*, session: Session, filters: IncidentFilters, audience: Audience, limit: int) -> list[Incident]:
    """The first `limit` matching incidents with a date, oldest first (the timeline)."""
    statement = search.filtered(session, filters, audience).where(Incident.date_start.is_not(None))
    return list(session.scalars(statement.order_by(Incident.date_start, Incident.id).limit(limit)))


def incident_claims(*, session: Session, incident_id: str) -> list[Claim]:
    """Every claim of the incident in the order it was added."""
    return list(
        session.scalars(select(Claim).where(Claim.incident_id == incident_id).order_by(Claim.created_at, Claim.id))
    )
