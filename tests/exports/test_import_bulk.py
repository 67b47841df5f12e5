"""The batched import stores what the one-at-a-time path stores, with a short audit event per incident."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from longarm.audit import service as audit
from longarm.exports.importing import import_records, read_records
from longarm.exports.service import export_text
from longarm.incidents import service as incidents
from longarm.incidents.models import ActorAlias, Incident, Involvement, Outcome
from longarm.storage.engine import transaction
from longarm.web.history import event_entry

SAMPLE = resources.files("longarm.data").joinpath("sample_incidents.json").read_bytes()


def _stored(session: Session) -> tuple[Any, ...]:
    skip = {"created_at", "updated_at"}
    columns = [c.name for c in Incident.__table__.columns if c.name not in skip]
    rows = [tuple(getattr(i, c) for c in columns) for i in session.scalars(select(Incident).order_by(Incident.id))]
    involved = sorted(
        (i.incident_id, i.role, i.actor.name, i.degree, json.dumps(i.affiliations))
        for i in session.scalars(select(Involvement))
    )
    aliases = sorted((a.actor.name, a.alias, a.key) for a in session.scalars(select(ActorAlias)))
    outcomes = sorted((o.incident_id, o.type, o.years, o.date_start) for o in session.scalars(select(Outcome)))
    return rows, involved, aliases, outcomes, export_text(session=session, format_name="json")


def test_a_batched_import_stores_what_creating_each_record_stores(engine: Engine, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        import_records(session=session, records=read_records(SAMPLE, name="sample.json"), made_by="t", name="s")
    with transaction(engine) as session:
        batched = _stored(session)
        session.execute(Incident.__table__.delete())
        for record in read_records(SAMPLE, name="sample.json"):
            incidents.create_from_record(session=session, record=record, made_by="t", note="imported from s")
    with transaction(engine) as session:
        assert _stored(session) == batched


def test_the_audit_keeps_a_digest_per_incident_and_verifies(engine: Engine) -> None:
    with transaction(engine) as session:
        records = read_records(SAMPLE, name="sample.json")
        result = import_records(session=session, records=records, made_by="tester", name="sample.json")
    with transaction(engine) as session:
        assert audit.verify(session=session) == []
        restricted = {r.id for r in records if any(c.restricted for c in r.claims)}
        plain = next(r for r in records if r.id not in restricted)
        [event] = audit.history(session=session, target_type="incident", target_id=str(plain.id))
        assert event.action == "create" and event.actor == "tester" and event.after is not None
        assert event.after["imported_from"] == "sample.json" and len(event.after["sha256"]) == 64
        assert event.after["claims"] == len(plain.claims) and "title" not in event.after
        shown = event_entry(event, {})
        assert shown.what == "created the incident" and shown.details == [
            f"{len(plain.claims)} claims from {len(event.after['sources'])} sources"
        ]
    with transaction(engine) as session:
        again = import_records(session=session, records=records, made_by="tester", name="sample.json")
    assert (again.created, again.skipped) == (0, result.created)
