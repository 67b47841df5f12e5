"""Incidents: create from records, resolve shown values from claims, read back as records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.errors import NotFound
from longarm.incidents import actors, fields, sealing
from longarm.incidents.claims import claims_for, item_key
from longarm.incidents.models import Claim, Incident, Involvement, Outcome
from longarm.incidents.resolve import LIST_FIELDS, SCALAR_FIELDS, Resolved, resolve_field, resolve_items
from longarm.incidents.schemas import ClaimRecord, ConflictRecord, IncidentRecord
from longarm.sources import service as sources


def get(*, session: Session, incident_id: str) -> Incident | None:
    """The incident with this id, or None."""
    return session.get(Incident, incident_id)


def get_or_raise(*, session: Session, incident_id: str) -> Incident:
    """The incident with this id, or NotFound."""
    incident = get(session=session, incident_id=incident_id)
    if incident is None:
        raise NotFound(f"There is no incident {incident_id!r}.")
    return incident


def claim_columns(record: ClaimRecord) -> dict[str, Any]:
    """A claim record's column values (its item key worked out), for a new claim row."""
    value = record.value
    return {
        "source_id": record.source,
        "field": record.field,
        "item_key": item_key(record.field, value) if record.field in LIST_FIELDS else None,
        "value": value,
        "quote": record.quote,
        "quote_start": record.quote_start,
        "quote_end": record.quote_end,
        "note": record.note,
        "made_by": record.made_by,
        "credibility": record.credibility,
        "preferred": record.preferred,
        "restricted": record.restricted,
    }


def add_claims(
    *, session: Session, incident: Incident | None, claims: list[ClaimRecord], candidate_id: int | None = None
) -> list[Claim]:
    """Store claims for an incident (or a candidate), each citing its source by id."""
    stored = []
    for record in claims:
        claim = Claim(incident=incident, candidate_id=candidate_id, **claim_columns(record))
        session.add(claim)
        stored.append(claim)
    session.flush()
    return stored


def create_from_record(*, session: Session, record: IncidentRecord, made_by: str, note: str) -> Incident:
    """Create an incident, its sources and its claims from an export-shaped record."""
    for source in record.sources:
        sources.upsert_from_record(session=session, record=source)
    incident = Incident(id=record.id) if record.id else Incident()
    incident.sensitivity = str(record.sensitivity)
    incident.publication_state = str(record.publication_state)
    session.add(incident)
    session.flush()
    add_claims(session=session, incident=incident, claims=claims_for(record, made_by=made_by, note=note))
    resolve_incident(session=session, incident=incident)
    # The audit masks the restricted claims' values: it stores their structure, not their content.
    record_event(
        session=session,
        actor=made_by,
        action=AuditAction.incident_create,
        target_type="incident",
        target_id=incident.id,
        after=to_record(incident, include_restricted=True).model_dump(mode="json"),
    )
    return incident


def visible_claims(incident: Incident, *, include_restricted: bool) -> list[Claim]:
    """The incident's claims a reader may see; restricted ones opened only when asked for."""
    if not include_restricted:
        return [c for c in incident.claims if not c.restricted]
    return sealing.open_claims(incident.claims, session=object_session(incident))


def resolutions(claims: list[Claim]) -> Resolved:
    """Each single field's Resolution, and each list field's {item key: Resolution}."""
    by_field: dict[str, list[Claim]] = {}
    for claim in claims:
        by_field.setdefault(claim.field, []).append(claim)
    scalars = {}
    for name in SCALAR_FIELDS:
        resolution = resolve_field(name, by_field.get(name, []))
        if resolution is not None:
            scalars[name] = resolution
    items = {name: resolve_items(by_field.get(name, [])) for name in LIST_FIELDS}
    return Resolved(scalars=scalars, items=items)


def resolve_incident(*, session: Session, incident: Incident) -> None:
    """Recompute the incident's shown values, involvements and outcomes from its public claims.

    Restricted claims never reach these columns: they feed search, facets and public pages.
    """
    session.flush()
    session.refresh(incident, ["claims"])
    resolved = resolutions(visible_claims(incident, include_restricted=False))
    for name, shown in shown_columns(resolved).items():
        setattr(incident, name, shown)
    _rebuild_involvements(session=session, incident=incident, resolved=resolved)
    incident.outcomes.clear()
    incident.outcomes.extend(Outcome(**row) for row in outcome_rows(resolved))
    session.flush()


def shown_columns(resolved: Resolved) -> dict[str, Any]:
    """The incident's value columns (title, tactic, date_start...) from its resolutions."""
    columns: dict[str, Any] = {}
    for claim_field in fields.scalar_fields():
        value = resolved.value(claim_field.name)
        if value in (None, "") and claim_field.default is not None:
            continue  # a title stays when no claim gives one
        columns.update(claim_field.columns(value))
    return columns


@dataclass(frozen=True)
class Involved:
    """A victim or perpetrator the resolutions name: the actor to find (or create) and its part in the incident."""

    role: str
    kind: str  # the actor's kind: a victim is a person
    actor_id: str | None  # a known actor's id
    name: str | None
    aliases: list[str]
    degree: str | None
    affiliations: list[str]

    @property
    def names(self) -> list[str]:
        """Its name and other names."""
        return [n for n in (self.name, *self.aliases) if n]


def involved(resolved: Resolved) -> list[Involved]:
    """Each victim and perpetrator the resolutions name (unnamed victims left out)."""
    found = []
    for role in ("victim", "perpetrator"):
        for resolution in resolved.items[role].values():
            item = resolution.value
            if role == "victim" and not item.get("name"):
                continue
            found.append(
                Involved(
                    role=role,
                    kind="person" if role == "victim" else item.get("kind") or "unknown",
                    actor_id=item.get("id"),
                    name=item.get("name"),
                    aliases=item.get("aliases", []),
                    degree=item.get("degree"),
                    affiliations=item.get("affiliations", []),
                )
            )
    return found


def _rebuild_involvements(*, session: Session, incident: Incident, resolved: Resolved) -> None:
    incident.involvements.clear()
    session.flush()
    seen: set[tuple[str, str]] = set()
    for person in involved(resolved):
        actor = actors.find_or_create(
            session=session, actor_id=person.actor_id, name=person.name, kind=person.kind, aliases=person.aliases
        )
        if (actor.id, person.role) in seen:
            continue
        seen.add((actor.id, person.role))
        incident.involvements.append(
            Involvement(actor=actor, role=person.role, degree=person.degree, affiliations=person.affiliations)
        )


def outcome_rows(resolved: Resolved) -> list[dict[str, Any]]:
    """The incident's outcomes as column values, from its resolutions."""
    rows = []
    for resolution in resolved.items["outcome"].values():
        item, date = resolution.value, resolution.value.get("date") or {}
        rows.append(
            {
                "type": item["type"],
                "years": item.get("years"),
                "date_start": date.get("start"),
                "date_end": date.get("end"),
                "date_precision": date.get("precision"),
            }
        )
    return rows


def to_record(incident: Incident, *, include_restricted: bool = False) -> IncidentRecord:
    """The incident in the export's JSON shape, with its sources and claims."""
    claims = visible_claims(incident, include_restricted=include_restricted)
    resolved = resolutions(claims)
    record: dict[str, Any] = {"id": incident.id}
    for claim_field in fields.FIELDS:
        if claim_field.many:
            record[claim_field.key] = [r.value for r in resolved.items[claim_field.name].values()]
            continue
        value = resolved.value(claim_field.name)
        if value in (None, "") and claim_field.default is not None:
            value = claim_field.from_columns(incident)
        record[claim_field.key] = claim_field.record_value(value)
    cited = {c.source.id: c.source for c in claims if c.source is not None}
    published = IncidentRecord.model_validate(
        record
        | {
            "sensitivity": incident.sensitivity,
            "publication_state": incident.publication_state,
            "sources": [sources.to_record(source) for source in sorted(cited.values(), key=lambda s: s.id)],
            "conflicts": [
                ConflictRecord(field=name, shown=r.value, other=[v for v, _ in r.alternatives], reason=r.reason)
                for name in SCALAR_FIELDS
                if name in resolved.scalars and (r := resolved.scalars[name]).conflict
            ],
        }
    )
    # The claims as stored, each citing a source listed above (see claim_record).
    published.claims = [claim_record(c) for c in sorted(claims, key=lambda c: c.id)]
    return published


def claim_record(claim: Claim) -> ClaimRecord:
    """A claim in the export's shape.

    Built as stored, not checked again: the rules for new claims (a quote or a note) came later
    than some stored claims (sealed before them), which an export must still show.
    """
    return ClaimRecord.model_construct(
        field=claim.field,
        value=claim.value,
        source=claim.source_id,
        quote=claim.quote,
        quote_start=claim.quote_start,
        quote_end=claim.quote_end,
        note=claim.note,
        made_by=claim.made_by,
        credibility=claim.credibility,
        preferred=claim.preferred,
        restricted=claim.restricted,
    )


def list_for_export(*, session: Session, include_unpublished: bool) -> list[Incident]:
    """Incidents in a stable order, with what export needs loaded in bulk."""
    query = (
        select(Incident)
        .options(selectinload(Incident.claims).selectinload(Claim.source))
        .order_by(Incident.date_start.is_(None), Incident.date_start, Incident.id)
    )
    if not include_unpublished:
        query = query.where(Incident.publication_state == "published", Incident.sensitivity == "public")
    return list(session.scalars(query))
