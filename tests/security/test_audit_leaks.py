"""Restricted values of every shape stay out of the audit log's clear text and a viewer's history.

Short codes, small counts and years (KP, 7, 13) were kept in clear because masking went
by the value's shape; it now goes by the claim's restriction, and the full values are
sealed beside the clear text for readers with `read_restricted`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text

from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.storage.engine import transaction
from tests.security.helpers import add_everyone, client_for, sign_in

SOURCE = {"id": "SRC-A", "title": "A public report", "kind": "court_record", "reliability": "A"}
# Restricted values of the shapes that slipped through: a 2-letter code, small numbers, an address's country.
RESTRICTED = {
    "origin_state": "KP",
    "fatalities": 7,
    "outcome": {"type": "sentence", "years": 13},
    "location": {"place": "Secret Street 4", "country": "BE", "precision": "city"},
}


def _claim(field: str, value: Any, *, restricted: bool) -> dict[str, Any]:
    claim = {"field": field, "value": value, "source": "SRC-A", "made_by": "tester", "restricted": restricted}
    return claim | ({"quote": "the witness said so", "note": "at risk"} if restricted else {"note": "public"})


def plant(engine) -> None:  # type: ignore[no-untyped-def]
    """An incident whose restricted claims carry short values (also used by benchmarks/bench_attacks.py)."""
    record = IncidentRecord.model_validate(
        {
            "id": "INC-AUD",
            "sources": [SOURCE],
            "claims": [
                _claim("title", "Threats against a journalist", restricted=False),
                _claim("tactic", "threat", restricted=False),
                *(_claim(field, value, restricted=True) for field, value in RESTRICTED.items()),
            ],
        }
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="tester", note="planted")


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [value, *(leaf for item in value.values() for leaf in _leaves(item))]
    if isinstance(value, list):
        return [value, *(leaf for item in value for leaf in _leaves(item))]
    return [value]


def found_restricted(document: Any) -> list[Any]:
    """Restricted values (or restricted claims) anywhere in a JSON document."""
    secrets = [v for value in RESTRICTED.values() for v in _leaves(value) if v != "sentence"]
    leaves = _leaves(document)
    hits = [leaf for leaf in leaves if not isinstance(leaf, bool) and any(leaf == s for s in secrets)]
    hits += [leaf for leaf in leaves if isinstance(leaf, dict) and leaf.get("restricted") is True]
    hits += [leaf for leaf in leaves if isinstance(leaf, str) and "witness" in leaf]
    return hits


def test_the_audit_table_keeps_no_restricted_value_in_clear(engine):  # type: ignore[no-untyped-def]
    plant(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT before, after, sealed FROM audit_events")).all()
    assert rows and all(row.sealed for row in rows)
    for before, after, _sealed in rows:
        for column in (before, after):
            assert found_restricted(json.loads(column) if column else None) == []


def test_a_viewer_sees_no_restricted_value_or_claim_in_history(engine, web_app):  # type: ignore[no-untyped-def]
    add_everyone(engine)
    plant(engine)
    client = client_for(web_app)
    assert sign_in(client, "viewer").status_code == 303
    answer = client.get("/api/v1/incidents/INC-AUD/history")
    assert answer.status_code == 200
    assert found_restricted(answer.json()) == []
    page = client.get("/incidents/INC-AUD/history").text
    assert "Secret Street" not in page and "witness" not in page


def test_a_viewers_history_does_not_show_where_restricted_values_are(engine, web_app):  # type: ignore[no-untyped-def]
    add_everyone(engine)
    plant(engine)
    client = client_for(web_app)
    assert sign_in(client, "viewer").status_code == 303
    events = client.get("/api/v1/incidents/INC-AUD/history").json()["events"]
    # A placeholder would tell which fields hold restricted values and how many outcomes there are.
    assert "[restricted]" not in json.dumps(events)
    created = next(e for e in events if e["action"] == "create")
    assert {"origin_state", "fatalities"}.isdisjoint(created["after"]) and created["after"]["outcomes"] == []
    assert created["after"]["title"] == "Threats against a journalist"


def test_a_reader_of_restricted_values_sees_them_in_history(engine, web_app):  # type: ignore[no-untyped-def]
    add_everyone(engine)
    plant(engine)
    client = client_for(web_app)
    assert sign_in(client, "analyst").status_code == 303
    events = client.get("/api/v1/incidents/INC-AUD/history").json()["events"]
    created = next(e for e in events if e["action"] == "create")
    assert created["after"]["origin_state"] == "KP"
    assert created["after"]["fatalities"] == 7


def _api_answers(client, app) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Restricted-looking values in every JSON answer of the API's GET routes (as text, for comparing)."""
    found: dict[str, list[str]] = {}
    for route in app.routes:
        if not isinstance(route, APIRoute) or "GET" not in route.methods or not route.path.startswith("/api/v1"):
            continue
        path = route.path.replace("{incident_id}", "INC-AUD").replace("{source_id}", "SRC-A")
        if "{" in path:
            continue
        answer = client.get(path)
        if answer.status_code == 200 and answer.headers["content-type"].startswith("application/json"):
            found[path] = sorted(json.dumps(hit, sort_keys=True) for hit in found_restricted(answer.json()))
    return found


@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_no_api_answer_to_the_public_or_a_viewer_holds_a_restricted_value(engine, web_app, who):  # type: ignore[no-untyped-def]
    add_everyone(engine)
    client = client_for(web_app)
    if who == "viewer":
        assert sign_in(client, "viewer").status_code == 303
    # The actor registry names states by code (KP...): only what planting adds can be a leak.
    before = _api_answers(client, web_app)
    plant(engine)
    after = _api_answers(client, web_app)
    leaks = {path: hits for path, hits in after.items() if hits != before.get(path, [])}
    assert leaks == {}
