"""The app on each test database (SQLite and PostgreSQL), loaded with the sample incidents and a few more."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.exceptions import StarletteDeprecationWarning

from longarm.auth import service as users
from longarm.auth import tokens
from longarm.config import Settings
from longarm.incidents import service as incidents
from longarm.incidents.schemas import ClaimRecord, IncidentRecord
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from longarm.web.app import create_app
from tests.web.fixtures import add_quoted_incident, add_review_candidate

with warnings.catch_warnings():
    # Starlette nudges towards httpx2 on import; the client behaves the same (as in tests/security).
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

SECRET_PLACE = "Hidden Street 7"


def add_hidden_incidents(engine: Engine) -> None:
    """A draft incident, and a published one with a restricted claim and restricted sensitivity."""
    with transaction(engine) as session:
        draft = IncidentRecord.model_validate(
            {
                "id": "INC-TEST-DRAFT",
                "title": "Draft: unverified abduction report",
                "tactic": "abduction",
                "status": "alleged",
                "publication_state": "draft",
                "date": {"start": "2021-05-01", "end": "2021-05-31", "precision": "month"},
            }
        )
        incidents.create_from_record(session=session, record=draft, made_by="test", note="test")
        secret = IncidentRecord.model_validate(
            {
                "id": "INC-TEST-SECRET",
                "title": "Restricted surveillance case",
                "tactic": "surveillance",
                "status": "completed",
                "sensitivity": "restricted",
                "date": {"start": "2020-02-01", "end": "2020-02-01", "precision": "day"},
            }
        )
        incidents.create_from_record(session=session, record=secret, made_by="test", note="test")
        quoted = incidents.get_or_raise(session=session, incident_id="INC-TEST-QUOTE")
        incidents.add_claims(
            session=session,
            incident=quoted,
            claims=[
                ClaimRecord(
                    field="location",
                    value={"place": SECRET_PLACE, "country": "GB"},
                    quote=f"lives at {SECRET_PLACE}",
                    made_by="test",
                    restricted=True,
                )
            ],
        )
        incidents.resolve_incident(session=session, incident=quoted)


@pytest.fixture
def web_engine(engine: Engine) -> Engine:
    """The test database with the sample data, a quoted incident, hidden incidents and a candidate."""
    initialise(engine, sample=True)
    return engine


@pytest.fixture
def app(web_engine: Engine, settings: Settings):  # type: ignore[no-untyped-def]
    """The app on the test database (created first, so that it binds the test's key file)."""
    application = create_app(settings, engine=web_engine)
    add_quoted_incident(web_engine)
    add_hidden_incidents(web_engine)
    add_review_candidate(web_engine)
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """An anonymous client."""
    with TestClient(app) as test_client:
        yield test_client


def token_for(engine: Engine, role: str, scopes: list[str]) -> str:
    """An API token of a new user with the role, limited to the scopes."""
    with transaction(engine) as session:
        user = users.create(session=session, name=f"test-{role}", role=role, password="a long enough password")
        secret, _row = tokens.create(session=session, user=user, name="tests", scopes=scopes, days=1)
        return secret


@pytest.fixture
def editor(app, web_engine: Engine) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A client sending an editor's API token."""
    secret = token_for(web_engine, "editor", ["read_public", "read_team", "read_restricted", "review", "edit"])
    with TestClient(app, headers={"Authorization": f"Bearer {secret}"}) as test_client:
        yield test_client
