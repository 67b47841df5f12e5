"""Stored linking profiles: kept in step by every write; a candidate finds what a whole-store index finds."""

from __future__ import annotations

from sqlalchemy import Engine, select

from longarm.auth.permissions import SYSTEM
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.review import profile_store, service
from longarm.review.link import LinkIndex
from longarm.review.matching import store_index
from longarm.storage.engine import transaction
from tests.review.factories import extracted, queued


def _incident(n: int, *, surname: str, country: str = "NL", year: int = 2019) -> IncidentRecord:
    return IncidentRecord.model_validate(
        {
            "id": f"INC-PRO{n:03d}",
            "title": f"Case {n}",
            "tactic": "killing",
            "date": {"start": f"{year}-03-0{1 + n % 9}", "end": f"{year}-03-0{1 + n % 9}", "precision": "day"},
            "location": {"place": "Almere", "country": country, "precision": "city"},
            "victims": [{"name": f"Ardeshir {surname}", "affiliations": ["journalist"]}],
            "sources": [{"id": f"SRC-PRO{n:03d}", "title": f"Exile {surname} shot in Almere", "kind": "news_report"}],
        }
    )


def _stored(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(profile_store.profiles_table)).all())


def test_profiles_follow_every_write_and_match_a_rebuild(engine: Engine) -> None:
    with transaction(engine) as session:
        for n in range(3):
            incidents.create_from_record(
                session=session, record=_incident(n, surname=f"Vashtani{n}"), made_by="t", note="test"
            )
    with transaction(engine) as session:
        incidents.get_or_raise(session=session, incident_id="INC-PRO001").tactic = "abduction"
        queued(
            session,
            extracted(victim="Ardeshir Vashtani2", date=("2019-03-03",) * 2 + ("day",), place="Almere", country="NL"),
            source_id="SRC-NEW",
        )
        service.link(session=session, principal=SYSTEM, auto_merge=True)
    kept = _stored(engine)
    assert '"tactic":"abduction"' in kept["INC-PRO001"]
    with engine.begin() as connection:
        profile_store.refresh_all(connection)
    assert _stored(engine) == kept


def test_a_candidate_finds_what_an_index_over_the_whole_store_finds(engine: Engine) -> None:
    with transaction(engine) as session:
        # 55 share a surname (a crowded name block); a few more in other cells and years.
        for n in range(55):
            incidents.create_from_record(
                session=session, record=_incident(n, surname="Kavoosi"), made_by="t", note="test"
            )
        for n, (country, year) in enumerate((("DE", 2019), ("NL", 2017), ("NL", 2020), ("FR", 2010)), 100):
            record = _incident(n, surname=f"Rostami{n}", country=country, year=year)
            incidents.create_from_record(session=session, record=record, made_by="t", note="test")
        for n, (victim, country) in enumerate((("Ardeshir Kavoosi", "NL"), ("Ardeshir Rostami101", None))):
            queued(
                session,
                extracted(victim=victim, date=("2019-03-02", "2019-03-02", "day"), country=country),
                source_id=f"SRC-C{n}",
            )
    with transaction(engine) as session:
        near, pending = store_index(session=session)
        stored = select(profile_store.profiles_table)
        whole = LinkIndex(profile_store.from_row(*row) for row in session.execute(stored))
        for ref in pending:
            whole.add(near.profiles[ref])
        assert len(near.profiles) < len(whole.profiles)
        for ref in pending:
            profile = near.profiles[ref]
            assert near.neighbours_by_rule(profile) == whole.neighbours_by_rule(profile)
            assert [(m.ref, m.score) for m in near.rank(profile)] == [(m.ref, m.score) for m in whole.rank(profile)]
