"""Accept, merge, reject and undo: every source and every conflict is kept."""

from __future__ import annotations

import pytest

from longarm.auth.permissions import SYSTEM, Principal
from longarm.errors import Conflict, PermissionDenied
from longarm.incidents import service as incidents
from longarm.review import service
from longarm.storage.engine import transaction
from tests.review.factories import extracted, queued

YEAR_2011 = ("2011-01-01", "2011-12-31", "year")
YEAR_2012 = ("2012-01-01", "2012-12-31", "year")


def _incident_from_court(session):  # type: ignore[no-untyped-def]
    court = queued(
        session,
        extracted(
            victim="Adel al-Jubeir",
            date=YEAR_2011,
            place="Washington",
            country="US",
            tactic="killing",
            perpetrator="Mansour Arbabsiar",
        ),
        source_id="SRC-COURT",
        kind="court_record",
    )
    return service.accept(session=session, candidate_id=court.id, principal=SYSTEM)


def test_merge_keeps_both_dates_prefers_the_court_and_undo_restores(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        incident = _incident_from_court(session)
        blog = queued(
            session,
            extracted(victim="Adel Al Jubeir", date=YEAR_2012, country="US", perpetrator="Manssor Arbabsiar"),
            source_id="SRC-BLOG",
            kind="interested_party",
        )
        service.merge(session=session, candidate_id=blog.id, incident_id=incident.id, principal=SYSTEM)
        merged = incidents.to_record(incident).model_dump(mode="json")
        assert merged["date"]["start"] == "2011-01-01"
        assert [c["field"] for c in merged["conflicts"]] == ["date"]
        assert merged["conflicts"][0]["reason"] == "the stronger source"
        assert {s["id"] for s in merged["sources"]} == {"SRC-COURT", "SRC-BLOG"}
        assert len(merged["victims"]) == 1  # one man, two spellings: two claims on one victim

        service.undo(session=session, candidate_id=blog.id, principal=SYSTEM)
        undone = incidents.to_record(incident).model_dump(mode="json")
        assert undone["conflicts"] == [] and {s["id"] for s in undone["sources"]} == {"SRC-COURT"}
        assert blog.status == "pending"
        assert {c.field for c in service.candidate_claims(session=session, candidate=blog)} >= {"date", "victim"}

        service.merge(session=session, candidate_id=blog.id, incident_id=incident.id, principal=SYSTEM)
        assert [c["field"] for c in incidents.to_record(incident).model_dump(mode="json")["conflicts"]] == ["date"]


def test_reject_leaves_the_incident_untouched(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        incident = _incident_from_court(session)
        before = incidents.to_record(incident).model_dump(mode="json")
        other = queued(session, extracted(victim="Adel al-Jubeir", date=YEAR_2012, country="US"), source_id="SRC-X")
        service.reject(session=session, candidate_id=other.id, principal=SYSTEM, reason="duplicate of the court record")
        assert incidents.to_record(incident).model_dump(mode="json") == before
        assert other.status == "rejected" and other.reason == "duplicate of the court record"
        with pytest.raises(Conflict, match="already rejected"):
            service.merge(session=session, candidate_id=other.id, incident_id=incident.id, principal=SYSTEM)


def test_undoing_an_accept_removes_the_incident(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        incident = _incident_from_court(session)
        candidate_id = session.query(service.Candidate).filter_by(incident_id=incident.id).one().id
        service.undo(session=session, candidate_id=candidate_id, principal=SYSTEM)
        assert incidents.get(session=session, incident_id=incident.id) is None


def test_a_viewer_may_not_review(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        candidate = queued(session, extracted(victim="Someone", date=YEAR_2011, country="US"), source_id="SRC-V")
        with pytest.raises(PermissionDenied):
            service.accept(session=session, candidate_id=candidate.id, principal=Principal(name="v", role="viewer"))
