"""Conflicting claims are stored side by side; the incident shows the preferred one and the conflict."""

from __future__ import annotations

from longarm.incidents import service
from longarm.incidents.schemas import ClaimRecord, IncidentRecord
from longarm.storage.engine import transaction


def _record() -> IncidentRecord:
    return IncidentRecord.model_validate(
        {
            "id": "INC-PLOT",
            "title": "Plot against an ambassador",
            "sources": [
                {
                    "id": "SRC-BLOG",
                    "title": "A campaign blog",
                    "kind": "interested_party",
                    "reliability": "D",
                },
                {"id": "SRC-COURT", "title": "Court record", "kind": "court_record", "reliability": "A"},
            ],
            "claims": [
                {
                    "field": "tactic",
                    "value": "killing",
                    "source": "SRC-BLOG",
                    "note": "says a killing was planned",
                    "made_by": "t",
                },
                {
                    "field": "status",
                    "value": "foiled",
                    "source": "SRC-COURT",
                    "note": "stopped before",
                    "made_by": "t",
                },
                {
                    "field": "date",
                    "value": {"start": "2012-01-01", "end": "2012-12-31", "precision": "year"},
                    "source": "SRC-BLOG",
                    "note": "dates it to 2012",
                    "made_by": "t",
                },
                {
                    "field": "date",
                    "value": {"start": "2011-01-01", "end": "2011-12-31", "precision": "year"},
                    "source": "SRC-COURT",
                    "note": "dates it to 2011",
                    "made_by": "t",
                },
                {
                    "field": "perpetrator",
                    "value": {"id": "IR.IRGC.QF", "name": "Quds Force", "kind": "state_agency"},
                    "source": "SRC-COURT",
                    "note": "names the Quds Force",
                    "made_by": "t",
                },
            ],
        }
    )


def test_conflicting_dates_are_both_kept_and_the_court_wins(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        incident = service.create_from_record(session=session, record=_record(), made_by="t", note="n")
        assert incident.date_start == "2011-01-01"
        record = service.to_record(incident).model_dump(mode="json")
    dates = [c["value"]["start"] for c in record["claims"] if c["field"] == "date"]
    assert sorted(dates) == ["2011-01-01", "2012-01-01"]
    assert record["conflicts"] == [
        {
            "field": "date",
            "shown": {"start": "2011-01-01", "end": "2011-12-31", "precision": "year"},
            "other": [{"start": "2012-01-01", "end": "2012-12-31", "precision": "year"}],
            "reason": "the stronger source",
        }
    ]
    assert {s["id"] for s in record["sources"]} == {"SRC-BLOG", "SRC-COURT"}


def test_perpetrator_claims_become_involvements_of_known_actors(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        incident = service.create_from_record(session=session, record=_record(), made_by="t", note="n")
        assert [(i.actor.id, i.role, i.actor.known) for i in incident.involvements] == [
            ("IR.IRGC.QF", "perpetrator", True)
        ]


def test_restricted_claims_stay_out_of_the_public_record_and_columns(engine):  # type: ignore[no-untyped-def]
    record = _record()
    with transaction(engine) as session:
        incident = service.create_from_record(session=session, record=record, made_by="t", note="n")
        service.add_claims(
            session=session,
            incident=incident,
            claims=[
                ClaimRecord(
                    field="location",
                    value={"place": "Secret Street 1", "country": "US"},
                    source="SRC-COURT",
                    note="target's home",
                    made_by="t",
                    restricted=True,
                )
            ],
        )
        service.resolve_incident(session=session, incident=incident)
        assert incident.place is None
        public = service.to_record(incident).model_dump(mode="json")
        trusted = service.to_record(incident, include_restricted=True).model_dump(mode="json")
    assert public["location"] is None and "Secret Street" not in str(public)
    assert trusted["location"]["place"] == "Secret Street 1"
