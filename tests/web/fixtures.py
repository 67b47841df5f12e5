"""Data the web and browser tests add beside the sample incidents: a team user, a review candidate."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine

from longarm.auth import service as users
from longarm.auth.permissions import SYSTEM
from longarm.incidents.schemas import ExtractedIncident
from longarm.review import service as review
from longarm.sources.models import Source
from longarm.storage.engine import transaction

CANDIDATE_QUOTE = "a court in The Hague heard that two gunmen shot Kolahi outside his home in Almere"


def add_team_user(engine: Engine, name: str, password: str, *, role: str) -> None:
    """A user who can sign in."""
    with transaction(engine) as session:
        users.create(session=session, name=name, role=role, password=password)


def candidate_payload() -> dict:
    """A second report of the Kolahi killing, as the extractor would give it."""
    return {
        "title": "Kolahi shot in Almere, court hears",
        "tactic": "killing",
        "status": "completed",
        "date": {"start": "2015-12-15", "end": "2015-12-15", "precision": "day"},
        "location": {"place": "Almere", "country": "NL", "lat": 52.37, "lon": 5.21, "precision": "city"},
        "origin_state": "IR",
        "victims": [{"name": "Mohammad-Reza Kolahi", "affiliations": ["MEK"]}],
        "perpetrators": [{"id": "IR.MOIS", "name": "Ministry of Intelligence", "kind": "state_agency"}],
        "outcomes": [],
        "fatalities": 1,
        "attribution": {"basis": "official"},
        "evidence": [{"field": "location", "quote": CANDIDATE_QUOTE, "start": 0, "end": len(CANDIDATE_QUOTE)}],
        "confidence": 0.9,
    }


def add_review_candidate(engine: Engine) -> int:
    """Queue the candidate (with its source), link it as ingest does, and return its id."""
    body = CANDIDATE_QUOTE.encode()
    with transaction(engine) as session:
        source = Source(
            id="SRC-E2E-COURT",
            title="Court hears of the Almere shooting",
            publisher="Court Reporter",
            published="2020-03-01",
            kind="news_report",
            reliability="B",
            sha256=hashlib.sha256(body).hexdigest(),
        )
        session.add(source)
        session.flush()
        candidate = review.queue(
            session=session,
            source=source,
            incident=ExtractedIncident.model_validate(candidate_payload()),
            index=0,
            made_by="test-extractor",
        )
        review.link(session=session, principal=SYSTEM, auto_merge=False)
        return candidate.id


QUOTE = "Police said the journalist had received repeated death threats from people linked to Iranian intelligence"
PERSIAN_NAME = "سارا محمدی"  # a made-up name in Persian script, to check right-to-left display


def quoted_record() -> dict:
    """A made-up incident whose claims carry quotes, one victim named in Persian script."""
    source = {
        "id": "SRC-TEST-QUOTE",
        "title": "Journalist threatened in London",
        "publisher": "Test Gazette",
        "published": "2022-11-02",
        "kind": "news_report",
        "reliability": "B",
    }
    claim = {
        "source": "SRC-TEST-QUOTE",
        "quote": QUOTE,
        "quote_start": 0,
        "quote_end": len(QUOTE),
        "made_by": "test",
        "credibility": 2,
    }
    values = [
        ("title", "Death threats to a journalist in London"),
        ("tactic", "threat"),
        ("status", "completed"),
        ("date", {"start": "2022-11-01", "end": "2022-11-01", "precision": "day"}),
        ("location", {"place": "London", "country": "GB", "lat": 51.51, "lon": -0.13, "precision": "city"}),
        ("origin_state", "IR"),
        ("attribution", "official"),
        ("victim", {"name": PERSIAN_NAME, "affiliations": []}),
        ("perpetrator", {"id": "IR.MOIS", "name": "Ministry of Intelligence", "kind": "state_agency"}),
    ]
    return {"id": "INC-TEST-QUOTE", "sources": [source], "claims": [dict(claim, field=f, value=v) for f, v in values]}


def add_quoted_incident(engine: Engine) -> str:
    """Store the quoted incident; returns its id."""
    from longarm.incidents import service as incidents
    from longarm.incidents.schemas import IncidentRecord

    with transaction(engine) as session:
        record = IncidentRecord.model_validate(quoted_record())
        return incidents.create_from_record(session=session, record=record, made_by="test", note="test").id
