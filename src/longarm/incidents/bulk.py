"""Many new incidents at once (`longarm import`): a batch resolved in memory, then written with Core inserts.

`service.create_from_record` flushes, re-reads and audits a full copy of each incident, about
twenty a second; here a batch of records costs a few statements per table. The values shown are
resolved by the same code (`service.resolutions`, `shown_columns`, `involved`, `outcome_rows`),
actors are found as `actors.find_or_create` finds them, and each incident gets its `create`
event, chained and signed as any other, recording where it came from and a digest of the record
instead of a copy, and its linking profile (`review.profile_store`). A record with a restricted
claim still goes through `create_from_record`: its claims are sealed on flush, bound to their ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_events
from longarm.errors import Conflict
from longarm.incidents import service
from longarm.incidents.claims import claims_for
from longarm.incidents.models import Actor, ActorAlias, Claim, Incident, Involvement, Outcome
from longarm.incidents.schemas import IncidentRecord, SourceRecord
from longarm.names.folding import name_key
from longarm.review import profile_store
from longarm.sources import service as sources
from longarm.sources.models import Source
from longarm.storage.base import new_public_id
from longarm.storage.bulk_load import insert_rows


@dataclass(frozen=True)
class _Stated:
    """A claim before its row exists: what resolution reads of it."""

    id: int
    field: str
    item_key: str | None
    value: Any
    preferred: bool
    source_kind: str | None


@dataclass
class _Actor:
    id: str
    name: str
    kind: str
    known: bool
    aliases: set[str] = field(default_factory=set)


class _Actors:
    """`actors.find_or_create` for a batch: its actors read in a few queries, new ones inserted together."""

    def __init__(self, session: Session, people: list[service.Involved]) -> None:
        self.by_id: dict[str, _Actor] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        self.new_actors: list[dict[str, Any]] = []
        self.new_aliases: list[dict[str, Any]] = []
        ids = {person.actor_id for person in people if person.actor_id}
        # Each name's key once: finding, then adding an alias, would otherwise fold it again.
        self.key_of = {n: name_key(n) for person in people for n in person.names}
        keys = set(self.key_of.values())
        found = select(Actor.id, Actor.name, Actor.kind, Actor.known)
        for row in session.execute(found.where(Actor.id.in_(ids))):
            self.by_id[row.id] = _Actor(row.id, row.name, row.kind, row.known)
        for row in session.execute(found.add_columns(ActorAlias.key).join(ActorAlias).where(ActorAlias.key.in_(keys))):
            self.by_id.setdefault(row.id, _Actor(row.id, row.name, row.kind, row.known))
            self.by_key.setdefault((row.key, row.kind), row.id)
        unknown = [actor.id for actor in self.by_id.values() if not actor.known]
        for actor_id, alias in session.execute(
            select(ActorAlias.actor_id, ActorAlias.alias).where(ActorAlias.actor_id.in_(unknown))
        ):
            self.by_id[actor_id].aliases.add(alias)

    def find_or_create(self, person: service.Involved) -> str:
        """The id of the actor this person or agency is, as `actors.find_or_create` would choose it."""
        actor_id, name, names, kind = person.actor_id, person.name, person.names, person.kind
        actor = self.by_id.get(actor_id) if actor_id else None
        if actor is None:
            found = next((self.by_key[k] for n in names if (k := (self.key_of[n], kind)) in self.by_key), None)
            actor = self.by_id[found] if found else None
        if actor is None:
            actor = _Actor(actor_id or new_public_id("ACT"), name or actor_id or "unknown", kind, known=False)
            self.by_id[actor.id] = actor
            self.new_actors.append({"id": actor.id, "name": actor.name, "kind": kind, "known": False})
        if not actor.known:
            for alias in dict.fromkeys([actor.name, *names]):
                if alias not in actor.aliases:
                    key = self.key_of.get(alias) or name_key(alias)
                    actor.aliases.add(alias)
                    self.new_aliases.append({"actor_id": actor.id, "alias": alias, "key": key})
                    self.by_key.setdefault((key, actor.kind), actor.id)
        return actor.id


def _source_kinds(session: Session, records: list[IncidentRecord], cited: set[str]) -> dict[str, str]:
    """Insert the batch's new sources (an existing one is kept as it is) and return every cited source's kind."""
    given: dict[str, SourceRecord] = {}
    for record in records:
        for source in record.sources:
            given.setdefault(source.id, source)
    stored = {
        row.id: row
        for row in session.execute(
            select(Source.id, Source.sha256, Source.kind).where(Source.id.in_(given.keys() | cited))
        )
    }
    fresh = [source for source_id, source in given.items() if source_id not in stored]
    for source_id, source in given.items():
        if source_id in stored and source.sha256 and stored[source_id].sha256 not in (None, source.sha256):
            raise Conflict(f"Source {source_id!r} exists with other content (sha256 {stored[source_id].sha256[:12]}…).")
    hashes: dict[str, str] = {}
    for source in fresh:
        if source.sha256 and hashes.setdefault(source.sha256, source.id) != source.id:
            raise Conflict(f"Source {source.id!r} has the same sha256 as source {hashes[source.sha256]!r}.")
    for same_id, sha256 in session.execute(select(Source.id, Source.sha256).where(Source.sha256.in_(hashes))):
        raise Conflict(f"Source {hashes[sha256 or '']!r} has the same sha256 as existing source {same_id!r}.")
    rows = [sources.new_row(source) for source in fresh]
    if rows:
        insert_rows(session.connection(), Source, rows)
    kinds = {source_id: row.kind for source_id, row in stored.items()}
    return kinds | {row["id"]: row["kind"] for row in rows}


def digest(record: IncidentRecord) -> str:
    """The SHA-256 of a record as validated (its JSON): what the audit keeps of an imported record."""
    return hashlib.sha256(record.model_dump_json(exclude_none=True).encode("utf-8")).hexdigest()


def create_many(*, session: Session, records: list[IncidentRecord], made_by: str, note: str, origin: str) -> list[str]:
    """Create these new incidents (none of their ids stored yet) in the caller's transaction; returns their ids."""
    written: list[str] = []
    plain: list[IncidentRecord] = []
    for record in records:
        if any(claim.restricted for claim in record.claims):
            written += _write(session, plain, made_by=made_by, note=note, origin=origin)
            plain = []
            incident = service.create_from_record(session=session, record=record, made_by=made_by, note=note)
            written.append(incident.id)
        else:
            plain.append(record)
    return written + _write(session, plain, made_by=made_by, note=note, origin=origin)


def _write(session: Session, records: list[IncidentRecord], *, made_by: str, note: str, origin: str) -> list[str]:
    if not records:
        return []
    stated = [
        (record.id or new_public_id("INC"), record, claims_for(record, made_by=made_by, note=note))
        for record in records
    ]
    kinds = _source_kinds(session, records, {c.source for _, _, claims in stated for c in claims if c.source})
    rows: dict[Any, list[dict[str, Any]]] = {table: [] for table in (Incident, Claim, Involvement, Outcome)}
    involved: list[tuple[str, service.Involved]] = []
    events: list[tuple[str, dict[str, Any]]] = []
    order = 0
    for incident_id, record, claims in stated:
        as_stated = []
        for claim in claims:
            row = {"incident_id": incident_id, "candidate_id": None, **service.claim_columns(claim)}
            rows[Claim].append(row)
            order += 1
            as_stated.append(
                _Stated(
                    order, claim.field, row["item_key"], claim.value, claim.preferred, kinds.get(claim.source or "")
                )
            )
        resolved = service.resolutions(as_stated)  # type: ignore[arg-type]
        rows[Incident].append(
            {"id": incident_id, "title": "", "sensitivity": str(record.sensitivity)}
            | {"publication_state": str(record.publication_state)}
            | service.shown_columns(resolved)
        )
        involved += [(incident_id, person) for person in service.involved(resolved)]
        rows[Outcome] += [{"incident_id": incident_id} | outcome for outcome in service.outcome_rows(resolved)]
        cited = sorted({c.source for c in claims if c.source})
        events.append(
            (incident_id, {"imported_from": origin, "sha256": digest(record), "claims": len(claims), "sources": cited})
        )
    actors = _Actors(session, [person for _, person in involved])
    seen: set[tuple[str, str, str]] = set()
    for incident_id, person in involved:
        actor_id = actors.find_or_create(person)
        if (incident_id, actor_id, person.role) not in seen:
            seen.add((incident_id, actor_id, person.role))
            rows[Involvement].append(
                {"incident_id": incident_id, "actor_id": actor_id, "role": person.role}
                | {"degree": person.degree, "affiliations": person.affiliations}
            )
    for table, items in ((Actor, actors.new_actors), (ActorAlias, actors.new_aliases), *rows.items()):
        if items:
            # On the connection, not the session: not the ORM's statement per group of rows.
            insert_rows(session.connection(), table, items)
    record_events(
        session=session, actor=made_by, action=AuditAction.incident_create, target_type="incident", targets=events
    )
    ids = [incident_id for incident_id, _, _ in stated]
    profile_store.refresh(session.connection(), ids)
    return ids
