"""An incident's history as people read it: who did what and when, each changed field as old → new."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from longarm.audit import service as audit
from longarm.audit.actions import AuditAction, history_words
from longarm.audit.service import EventRecord
from longarm.incidents import fields, visible
from longarm.incidents.models import Claim
from longarm.names.labels import label
from longarm.web.rendering import FIELD_LABELS, value_text


@dataclass
class Change:
    """One field's old and new value, as text."""

    field: str
    old: str
    new: str


@dataclass
class Entry:
    """One line of the history: when, who, what, and its details."""

    at: str
    actor: str
    what: str
    moment: datetime
    changes: list[Change] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def moment_of(value: Any) -> datetime:
    """A stored timestamp (text or datetime, naive meaning UTC) as an aware datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def when(moment: datetime) -> str:
    """A moment as `2026-11-30 01:20 UTC`."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def snapshot_values(snapshot: dict[str, Any]) -> dict[str, Any]:
    """An edit's stored column snapshot as claim fields (date, location...) with their values."""
    shown = {f.name: f.from_columns(snapshot) for f in fields.scalar_fields()}
    return shown | {name: snapshot.get(name) for name in ("publication_state", "sensitivity")}


def _text(name: str, value: Any) -> str:
    if name in ("publication_state", "sensitivity"):
        return label(value)
    return value_text(name, value)


def event_entry(event: EventRecord, source_names: dict[str, str]) -> Entry:
    """An audit event as a readable entry (sources named by `source_names`, id → title)."""
    before, after = event.before or {}, event.after or {}
    moment = moment_of(event.at)
    entry = Entry(at=when(moment), actor=event.actor, what=history_words(event.action), moment=moment)
    if event.action == AuditAction.incident_edit:
        old, new = snapshot_values(before), snapshot_values(after)
        for name in after.get("changed", []):
            entry.changes.append(
                Change(FIELD_LABELS.get(name, label(name)), _text(name, old[name]), _text(name, new[name]))
            )
        entry.details.append(
            f"source: {after['source']}" if after.get("source") else "the editor's judgement (no source)"
        )
        if after.get("overrides"):
            names = ", ".join(FIELD_LABELS.get(n, n).lower() for n in after["overrides"])
            entry.details.append(f"shown above a stronger source that disagrees on: {names}")
        if after.get("note"):
            entry.details.append(f"why: {after['note']}")
    elif event.action == AuditAction.incident_create:
        # An import's event counts the claims instead of copying them.
        claims = after.get("claims", [])
        count = claims if isinstance(claims, int) else len(claims)
        entry.details.append(f"{count} claims from {len(after.get('sources', []))} sources")
    elif event.action.startswith("candidate."):
        candidate = after.get("candidate") or before.get("candidate")
        entry.details.append(f"candidate {candidate}" if candidate else "")
    return entry


def claim_entries(claims: list[Claim]) -> list[Entry]:
    """Claims grouped as they were added (same minute, author and source): one entry per batch."""
    batches: dict[tuple[str, str, str], Entry] = {}
    for claim in claims:
        moment = moment_of(claim.created_at)
        key = (when(moment), claim.made_by, claim.source_id or "")
        source = claim.source.publisher or claim.source.title or claim.source_id if claim.source else None
        what = f"added claims from {source}" if source else "added claims without a source"
        entry = batches.setdefault(key, Entry(at=key[0], actor=claim.made_by, what=what, moment=moment))
        entry.moment = max(entry.moment, moment)
        entry.claims.append(claim)
    return list(batches.values())


def incident_history(session: Session, incident_id: str, *, trusted: bool) -> list[Entry]:
    """Audit events and claim batches about the incident, newest first; restricted claims only if trusted."""
    claims = visible.incident_claims(session=session, incident_id=incident_id)
    shown = [c for c in claims if trusted or not c.restricted]
    names = {c.source.id: c.source.title or c.source.publisher or c.source.id for c in shown if c.source}
    logged = audit.history(session=session, target_type="incident", target_id=incident_id, include_restricted=trusted)
    events = [event_entry(e, names) for e in reversed(logged)]
    # Newest first; within one moment the audit log's own order (newest first) holds.
    return sorted([*events, *reversed(claim_entries(shown))], key=lambda entry: entry.moment, reverse=True)
