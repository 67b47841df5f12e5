"""The audit log: hash-chained events written in the caller's transaction, their history, and the verifier.

Each event is signed (HMAC-SHA256 with the integrity key from the key file, which is
not in the database) over its own content and the previous event's signature, so an
edit, a deletion, an insertion or a reordering made directly in the database is found
by `verify`, even by someone who can rewrite every row.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from longarm.audit import anchor
from longarm.audit.actions import AuditAction
from longarm.audit.masking import has_restricted, mask, mask_secrets, without_masked
from longarm.audit.models import AuditEvent, AuditHead
from longarm.errors import BadInput, IntegrityError
from longarm.security import keys
from longarm.storage.bulk_load import insert_rows

_HEAD_ID = 1
_EVENT_COLUMNS = ("seq", "at", "actor", "action", "target_type", "target_id", "before", "after", "prev_hash", "hash")


class EventRecord(BaseModel):
    """An audit event as a record's history shows it: who did what to it, when, and its state before and after."""

    seq: int
    at: str  # ISO 8601 UTC, as stored
    actor: str
    action: str
    target_type: str
    target_id: str | None
    # What the event kept of the record: its shape depends on the action (an edit's column snapshot).
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def canonical_json(value: Any) -> str | None:
    """The one text form of a JSON value that is stored and signed (None stays None)."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _signature(keyring: keys.Keyring, event: AuditEvent) -> str:
    content = [
        event.seq,
        event.at,
        event.actor,
        event.action,
        event.target_type,
        event.target_id,
        event.before,
        event.after,
        event.prev_hash,
    ]
    if event.sealed is not None:  # events from before sealing was added sign without it
        content.append(event.sealed)
    return keyring.sign(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _context(seq: int) -> str:
    # Bound to its place in the chain: a sealed copy cannot be moved to another event.
    return f"audit:{seq}"


def record_event(
    *,
    session: Session,
    actor: str,
    action: AuditAction,
    target_type: str,
    target_id: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the audit log in the caller's transaction, restricted values masked and sealed."""
    keyring = keys.keyring_for(session, create=True)
    session.flush()
    # The UPDATE takes the head's row lock first (PostgreSQL) or the write lock (SQLite),
    # so concurrent writers queue here and each sees the newest head.
    moved = session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(seq=AuditHead.seq + 1))
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise IntegrityError("The audit log's head row is missing; run `longarm audit verify`.")
    seq, prev_hash = session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == _HEAD_ID).execution_options(populate_existing=True)
    ).one()
    event = AuditEvent(
        seq=seq,
        at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        actor=actor[:100],
        action=action.value,
        target_type=target_type[:40],
        target_id=None if target_id is None else str(target_id)[:100],
        before=canonical_json(mask(before)),
        after=canonical_json(mask(after)),
        prev_hash=prev_hash,
    )
    if has_restricted(before) or has_restricted(after):
        full = {"before": mask_secrets(before), "after": mask_secrets(after)}
        event.sealed = keyring.seal(full, context=_context(seq))
    event.hash = _signature(keyring, event)
    session.add(event)
    session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(hash=event.hash))
    session.flush()
    anchor.remember(session, keys.store_of(session).settings, anchor.Head(seq, event.hash))
    return event


def record_events(
    *, session: Session, actor: str, action: AuditAction, target_type: str, targets: list[tuple[str, dict[str, Any]]]
) -> None:
    """Append one event per (target id, after) in one step: the head is read and moved once, the rows inserted together.

    For bulk writers (`longarm import`); each event is chained and signed exactly as
    `record_event` does it, so `verify` cannot tell them apart. `after` must hold nothing restricted.
    """
    if not targets:
        return
    keyring = keys.keyring_for(session, create=True)
    session.flush()
    moved = session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(seq=AuditHead.seq + len(targets)))
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise IntegrityError("The audit log's head row is missing; run `longarm audit verify`.")
    last, prev_hash = session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == _HEAD_ID).execution_options(populate_existing=True)
    ).one()
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rows = []
    for seq, (target_id, after) in enumerate(targets, last - len(targets) + 1):
        if has_restricted(after):
            raise IntegrityError("A bulk audit event cannot hold restricted values; use record_event.")
        event = AuditEvent(
            seq=seq,
            at=at,
            actor=actor[:100],
            action=action[:40],
            target_type=target_type[:40],
            target_id=str(target_id)[:100],
            before=None,
            after=canonical_json(after),
            prev_hash=prev_hash,
        )
        event.hash = prev_hash = _signature(keyring, event)
        rows.append({column: getattr(event, column) for column in _EVENT_COLUMNS})
    insert_rows(session.connection(), AuditEvent, rows)
    session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(hash=prev_hash))
    anchor.remember(session, keys.store_of(session).settings, anchor.Head(last, prev_hash))


def event_record(event: AuditEvent, *, keyring: keys.Keyring | None = None) -> dict[str, Any]:
    """An event as a plain dict; with a keyring, before/after as sealed (restricted values included)."""
    if keyring is not None and event.sealed is not None:
        full = keyring.open(event.sealed, context=_context(event.seq))
        return {**event_record(event), "before": full["before"], "after": full["after"]}
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "before": json.loads(event.before) if event.before else None,
        "after": json.loads(event.after) if event.after else None,
    }


def history(
    *, session: Session, target_type: str, target_id: str, include_restricted: bool = False
) -> list[EventRecord]:
    """The events about one record, oldest first (an incident's version history), restricted values only if asked."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.target_type == target_type, AuditEvent.target_id == str(target_id))
        .order_by(AuditEvent.seq)
    )
    if include_restricted:
        keyring = keys.keyring_for(session)
        return [EventRecord.model_validate(event_record(event, keyring=keyring)) for event in session.scalars(query)]
    # Placeholders would still tell which fields hold restricted values and how many outcomes there are.
    return [EventRecord.model_validate(without_masked(event_record(event))) for event in session.scalars(query)]


def _span(first: int, last: int) -> str:
    return f"event {first}" if first == last else f"events {first}–{last}"


def head(*, session: Session) -> anchor.Head:
    """The chain's newest event as the database records it."""
    row = session.get(AuditHead, _HEAD_ID)
    if row is None:
        raise IntegrityError("The audit log's head row is missing; run `longarm audit verify`.")
    return anchor.Head(row.seq, row.hash)


def _anchor_problems(genuine: dict[int, AuditEvent], kept: anchor.Head | None, where: str) -> list[str]:
    if kept is None or kept.seq == 0:
        return []
    event = genuine.get(kept.seq)
    if event is None or not event.hash.startswith(kept.hash):
        return [
            f"event {kept.seq}, recorded in {where}, is not in the log: "
            "its newest events were deleted or the log was wiped."
        ]
    return []


def parse_fingerprint(text: str) -> anchor.Head:
    """A fingerprint as `longarm audit fingerprint` prints it (`SEQ:HEX`)."""
    seq, _, prefix = text.strip().partition(":")
    if not seq.isdigit() or len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
        raise BadInput(f"--fingerprint {text!r}: expected SEQ:HEX as `longarm audit fingerprint` prints it.")
    return anchor.Head(int(seq), prefix)


def verify(*, session: Session, fingerprint: anchor.Head | None = None) -> list[str]:
    """Problems in the chain, each naming the event (empty when the log is intact).

    Besides the chain itself, the log must reach the head anchored outside the database
    (the anchor file, and a fingerprint an auditor kept, when given).
    """
    keyring = keys.keyring_for(session)
    rows = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    genuine = {e.seq: e for e in rows if _signature(keyring, e) == e.hash}
    forged = [e for e in rows if e.seq not in genuine or genuine[e.seq] is not e]
    problems: list[str] = []
    head = session.get(AuditHead, _HEAD_ID)
    if head is None:
        problems.append("The chain head row is missing (deleted).")
    last = max([*genuine, head.seq if head else 0], default=0)
    claimed = {e.seq for e in forged}
    seq, previous = 1, ""
    while seq <= last:
        event = genuine.get(seq)
        if event is None:
            end = seq
            while end + 1 <= last and end + 1 not in genuine and end + 1 not in claimed:
                end += 1
            if seq in claimed and seq > max(genuine, default=0):
                problems.append(f"event {seq} was inserted: it carries no valid signature.")
            elif seq in claimed:
                problems.append(f"event {seq} was edited: its content no longer matches its signature.")
            else:
                problems.append(f"{_span(seq, end)} missing: deleted from the log.")
                seq = end
        elif event.prev_hash != previous and seq - 1 in genuine:
            problems.append(f"event {seq} does not follow event {seq - 1}: the chain was rewired.")
        previous = event.hash if event else ""
        seq += 1
    for event in forged:
        if event.seq > last or event.seq <= 0 or event.seq in genuine:
            problems.append(f"row {event.id} (claiming event {event.seq}) was inserted: it carries no valid signature.")
    order = [e.seq for e in rows if genuine.get(e.seq) is e]
    for before, after in zip(order, order[1:], strict=False):
        if after < before:
            problems.append(f"event {after} is stored after event {before}: the log was reordered.")
    if head is not None and genuine and head.seq == max(genuine) and head.hash != genuine[head.seq].hash:
        problems.append(f"The chain head does not match event {head.seq}.")
    settings = keys.store_of(session).settings
    try:
        problems += _anchor_problems(genuine, anchor.read(settings), str(anchor.path_for(settings)))
    except BadInput as error:
        problems.append(str(error))
    problems += _anchor_problems(genuine, fingerprint, "the fingerprint given")
    return problems


def count_statement() -> Any:
    """A query counting the stored events."""
    from sqlalchemy import func

    return select(func.count()).select_from(AuditEvent)
