"""Each incident's linking profile and blocking keys, stored (migration 0007) and kept in step by the write path.

Linking a few new candidates against a large store then reads only the incidents that share
a block with one of them (`index_for`), never every incident: the cost of an ingest no longer
grows with the store. The stored keys are `link.blocks` of the profile plus one `any` key per
(year, tactic), which a candidate without a country probes (`LinkIndex` finds those through
its by-year table).

Every ORM flush marks the incidents it touched (their rows, claims, involvements, the actors
and sources they cite); their profiles are rebuilt before the transaction commits and before
linking reads them. Bulk writers that go around the ORM call `refresh` with the ids they wrote.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import get_history

from longarm.incidents.models import Actor, ActorAlias, Claim, Incident, Involvement
from longarm.names.people import name_tokens
from longarm.review.link import NAME_BLOCK_CAP, LinkIndex, blocks, probe_keys
from longarm.review.profiles import Profile, wording
from longarm.sources.models import Source
from longarm.storage.base import Base
from longarm.storage.bulk_load import insert_rows

profiles_table = Table(
    "incident_profiles",
    Base.metadata,
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("profile", Text, nullable=False),
)
blocks_table = Table(
    "incident_blocks",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("key", String(300), nullable=False, index=True),
)
_CHUNK = 500
_TOUCHED = "longarm_profiles_touched"  # incident ids whose profile is stale, in session.info
_ACTORS = "longarm_profiles_actors"
_SOURCES = "longarm_profiles_sources"


def key_text(key: tuple[Any, ...]) -> str:
    """A blocking key as stored: `cell|2019|NL|killing`."""
    return "|".join(str(part) for part in key)


def stored_keys(profile: Profile) -> set[str]:
    """What an incident is found under: its blocks and, per year, `any|year|tactic`."""
    keys = {key_text(key) for key in blocks(profile)}
    return keys | {key_text(("any", year, profile.tactic)) for year in profile.years}


def wanted_keys(profile: Profile) -> set[str]:
    """The stored keys a candidate's neighbours are found under."""
    keys = probe_keys(profile)
    if profile.country is None:
        keys |= {("any", key[1], key[2]) for key in keys if key[0] == "year"}
    return {key_text(key) for key in keys}


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _as_json(profile: Profile) -> str:
    return json.dumps(
        {
            "tactic": profile.tactic,
            "date": profile.date,
            "country": profile.country,
            "place": profile.place,
            "origin": profile.origin,
            "victims": profile.victims,
            "perpetrators": profile.perpetrators,
            "agencies": sorted(profile.agencies),
            "words": sorted(profile.words),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def from_row(incident_id: str, text: str) -> Profile:
    """A stored profile row as a Profile."""
    data = json.loads(text)
    return Profile(
        ref=f"incident:{incident_id}",
        tactic=data["tactic"],
        date=data["date"],
        country=data["country"],
        place=data["place"],
        origin=data["origin"],
        victims=[tuple(name) for name in data["victims"]],
        perpetrators=[tuple(name) for name in data["perpetrators"]],
        agencies=frozenset(data["agencies"]),
        words=frozenset(data["words"]),
    )


@dataclass
class _People:
    """The name tokens of an incident's victims and named perpetrators, and its known agencies' ids."""

    victims: list[tuple[str, ...]] = field(default_factory=list)
    perpetrators: list[tuple[str, ...]] = field(default_factory=list)
    agencies: set[str] = field(default_factory=set)


def _profiles(connection: Connection, ids: list[str]) -> list[Profile]:
    """The profiles of these incidents, built from their rows: resolved values, actors, headlines and quotes."""
    involved = (
        select(Involvement.incident_id, Involvement.role, Actor.id, Actor.name, Actor.known)
        .join(Actor, Actor.id == Involvement.actor_id)
        .where(Involvement.incident_id.in_(ids))
        .order_by(Involvement.id)
    )
    people = connection.execute(involved).all()
    aliases: dict[str, list[str]] = defaultdict(list)
    actor_ids = sorted({row.id for row in people})
    for start in range(0, len(actor_ids), _CHUNK):
        chosen = select(ActorAlias.actor_id, ActorAlias.alias).where(
            ActorAlias.actor_id.in_(actor_ids[start : start + _CHUNK])
        )
        for actor_id, alias in connection.execute(chosen.order_by(ActorAlias.id)):
            aliases[actor_id].append(alias)
    texts: dict[str, list[str]] = defaultdict(list)
    titles = select(Claim.incident_id, Source.title).join(Source, Source.id == Claim.source_id)
    quotes = select(Claim.incident_id, Claim.quote)
    # Headlines and quotes, as for a candidate: a title longarm wrote would compare unlike with unlike.
    for query, column in ((titles, Source.title), (quotes, Claim.quote)):
        for incident_id, text in connection.execute(
            query.where(Claim.incident_id.in_(ids), column.is_not(None)).distinct()
        ):
            if incident_id and text:
                texts[incident_id].append(text)
    found: dict[str, _People] = defaultdict(_People)
    for row in people:
        parts = found[row.incident_id]
        names = [row.name, *aliases[row.id]]
        if row.role == "victim":
            parts.victims.extend(name_tokens(n) for n in names)
        elif row.role == "perpetrator" and row.known:
            parts.agencies.add(row.id)
        elif row.role == "perpetrator":
            parts.perpetrators.extend(name_tokens(n) for n in names)
    columns = select(
        Incident.id,
        Incident.tactic,
        Incident.date_start,
        Incident.date_end,
        Incident.date_precision,
        Incident.country,
        Incident.place,
        Incident.origin_state,
    )
    profiles = []
    for shown in connection.execute(columns.where(Incident.id.in_(ids))):
        parts = found.get(shown.id, _People())
        date = (
            {"start": shown.date_start, "end": shown.date_end, "precision": shown.date_precision or "year"}
            if shown.date_start and shown.date_end
            else None
        )
        profiles.append(
            Profile(
                ref=f"incident:{shown.id}",
                tactic=shown.tactic,
                date=date,
                country=shown.country,
                place=shown.place,
                origin=shown.origin_state,
                victims=parts.victims,
                perpetrators=parts.perpetrators,
                agencies=frozenset(parts.agencies),
                words=wording(*texts[shown.id]),
            )
        )
    return profiles


def refresh(connection: Connection, ids: Iterable[str]) -> None:
    """Rebuild the stored profiles and keys of these incidents (a deleted incident's are dropped)."""
    for chunk in _chunks(sorted(set(ids))):
        connection.execute(delete(blocks_table).where(blocks_table.c.incident_id.in_(chunk)))
        connection.execute(delete(profiles_table).where(profiles_table.c.incident_id.in_(chunk)))
        built = _profiles(connection, chunk)
        if not built:
            continue
        refs = [profile.ref.partition(":")[2] for profile in built]
        insert_rows(
            connection,
            profiles_table,
            [{"incident_id": ref, "profile": _as_json(profile)} for ref, profile in zip(refs, built, strict=True)],
        )
        keys = [{"incident_id": ref, "key": key} for ref, p in zip(refs, built, strict=True) for key in stored_keys(p)]
        insert_rows(connection, blocks_table, keys)


def refresh_all(connection: Connection) -> None:
    """Build every incident's profile (the migration that adds the tables)."""
    refresh(connection, list(connection.scalars(select(Incident.id))))


def stored_profiles(connection: Connection, ids: Iterable[str]) -> list[Profile]:
    """The stored profiles of these incidents, by ref (call `up_to_date` first)."""
    stored: list[Profile] = []
    for chunk in _chunks(sorted(set(ids))):
        rows = connection.execute(
            select(profiles_table.c.incident_id, profiles_table.c.profile).where(
                profiles_table.c.incident_id.in_(chunk)
            )
        )
        stored.extend(from_row(incident_id, text) for incident_id, text in rows)
    return sorted(stored, key=lambda p: p.ref)


def index_for(*, session: Session, profiles: Sequence[Profile]) -> LinkIndex:
    """A link index holding these profiles and every stored incident that shares a block with one of them.

    Each candidate then finds exactly the neighbours an index over the whole store would give it.
    A name word more than `NAME_BLOCK_CAP` incidents share is marked crowded instead of read.
    """
    up_to_date(session)
    connection = session.connection()
    wanted = sorted(set().union(*(wanted_keys(profile) for profile in profiles)))
    names = [key for key in wanted if key.startswith("name|")]
    crowded: set[str] = set()
    for chunk in _chunks(names):
        counted = (
            select(blocks_table.c.key, func.count())
            .where(blocks_table.c.key.in_(chunk))
            .group_by(blocks_table.c.key)
            .having(func.count() > NAME_BLOCK_CAP)
        )
        crowded.update(key for key, _count in connection.execute(counted))
    ids: set[str] = set()
    for chunk in _chunks([key for key in wanted if key not in crowded]):
        ids.update(connection.scalars(select(blocks_table.c.incident_id).where(blocks_table.c.key.in_(chunk))))
    crowded_keys = frozenset(("name", key.partition("|")[2]) for key in crowded)
    index = LinkIndex(stored_profiles(connection, ids), crowded=crowded_keys)
    for profile in profiles:
        index.add(profile)
    return index


def _mark(session: Session, _context: UOWTransaction) -> None:
    """After a flush: note the incidents, actors and sources it changed (ids exist by now)."""
    touched = session.info.setdefault(_TOUCHED, set())
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Incident):
            touched.add(obj.id)
        elif isinstance(obj, Claim | Involvement):
            touched.add(obj.incident_id)
            # A claim moved off an incident (an undone merge) changes the incident it left.
            touched.update(get_history(obj, "incident_id").deleted or ())
        elif isinstance(obj, Actor | ActorAlias):
            session.info.setdefault(_ACTORS, set()).add(obj.id if isinstance(obj, Actor) else obj.actor_id)
        elif isinstance(obj, Source):
            session.info.setdefault(_SOURCES, set()).add(obj.id)
    touched.discard(None)


def up_to_date(session: Session) -> None:
    """Flush, then rebuild the profiles of every incident this session's flushes changed."""
    session.flush()
    touched = session.info.pop(_TOUCHED, set())
    actors, sources = session.info.pop(_ACTORS, set()), session.info.pop(_SOURCES, set())
    if not (touched or actors or sources):
        return
    connection = session.connection()
    for chunk in _chunks(sorted(actors)):
        touched.update(connection.scalars(select(Involvement.incident_id).where(Involvement.actor_id.in_(chunk))))
    for chunk in _chunks(sorted(sources)):
        touched.update(connection.scalars(select(Claim.incident_id).where(Claim.source_id.in_(chunk))))
    touched.discard(None)
    refresh(connection, touched)


event.listen(Session, "after_flush", _mark)
event.listen(Session, "before_commit", up_to_date)
