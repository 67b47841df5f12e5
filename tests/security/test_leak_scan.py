"""Leak scan: canaries planted in every restricted value never reach anonymous visitors or viewers.

Crawled: every GET route of the web app and the API (with every incident, actor and
source id, and searches for the canaries), every export format without credentials
(in-process and through the CLI), all log output; and the database itself, where a
sealed value must not be readable at all.
"""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import inspect, text

from longarm.exports.registry import FORMATS
from longarm.exports.service import export_bytes
from longarm.incidents import service as incidents
from longarm.incidents.models import Actor, Incident
from longarm.incidents.schemas import IncidentRecord
from longarm.sources.models import Source
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from tests.cli_runner import longarm
from tests.security.helpers import add_everyone, client_for, sign_in

RUN = secrets.token_hex(3).upper()


def canary(name: str) -> str:
    """A string that appears nowhere unless it leaked."""
    return f"CANARY{RUN}{name.upper().replace('_', '')}"


SEALED = {
    name: canary(name)
    for name in (
        "title",
        "place",
        "victimname",
        "affiliation",
        "perpetrator",
        "quote",
        "note",
        "origin",
    )
}
HIDDEN_INCIDENT = canary("restrictedincident")  # a whole restricted incident: no viewer may see it
DRAFT = canary("draft")  # a draft: the team may see it, the public may not


def _claim(field: str, value: Any, *, restricted: bool, what: str) -> dict[str, Any]:
    claim = {"field": field, "value": value, "source": "SRC-LEAK", "made_by": "leak-test", "restricted": restricted}
    if restricted:
        claim |= {"quote": f"{SEALED['quote']} {what}", "note": f"{SEALED['note']} {what}"}
    else:
        claim["note"] = f"public {what}"
    return claim


def _plant(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    source = {"id": "SRC-LEAK", "title": "A public report", "kind": "court_record", "reliability": "A"}
    public_incident = IncidentRecord.model_validate(
        {
            "id": "INC-LEAK",
            "sources": [source],
            "claims": [
                _claim("title", "Attack on a journalist", restricted=False, what="title"),
                _claim("tactic", "assault", restricted=False, what="tactic"),
                _claim(
                    "location",
                    {"place": "Amsterdam", "country": "NL", "lat": 52.37, "lon": 4.89, "precision": "city"},
                    restricted=False,
                    what="city",
                ),
                _claim("title", SEALED["title"], restricted=True, what="title"),
                _claim(
                    "location",
                    {"place": SEALED["place"], "country": "NL", "lat": 52.3512, "lon": 4.9123, "precision": "city"},
                    restricted=True,
                    what="home",
                ),
                _claim(
                    "victim",
                    {"name": SEALED["victimname"], "affiliations": [SEALED["affiliation"]]},
                    restricted=True,
                    what="witness",
                ),
                _claim("perpetrator", {"name": SEALED["perpetrator"], "kind": "person"}, restricted=True, what="agent"),
                _claim("origin_state", "IR", restricted=True, what=SEALED["origin"]),
            ],
        }
    )
    hidden = IncidentRecord.model_validate(
        {"id": "INC-HIDDEN", "title": HIDDEN_INCIDENT, "tactic": "threat", "sensitivity": "restricted"}
    )
    draft = IncidentRecord.model_validate(
        {"id": "INC-DRAFT", "title": DRAFT, "tactic": "threat", "publication_state": "draft"}
    )
    with transaction(engine) as session:
        for record in (public_incident, hidden, draft):
            incidents.create_from_record(session=session, record=record, made_by="leak-test", note="planted")
    return SEALED


def _leaks(text_: str, secrets_: list[str]) -> list[str]:
    return [s for s in secrets_ if s in text_]


def _ids(engine) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return {
            "incident_id": [i.id for i in session.query(Incident)],
            "actor_id": [a.id for a in session.query(Actor)],
            "source_id": [s.id for s in session.query(Source)],
        }


def _crawl(client: Any, app: Any, ids: dict[str, list[str]]) -> dict[str, str]:
    """Every GET route with every id, plus searches for each canary: URL → body."""
    pages: dict[str, str] = {}
    # Searches use the canaries' common prefix (words match as prefixes): the page may echo what was
    # typed, but a full canary in the answer can only come from the data.
    words = [f"CANARY{RUN}", "witness", "home", "agent"]
    for route in app.routes:
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        names = re.findall(r"{([^}:]+)", route.path)
        if not names:
            paths = [route.path] + [f"{route.path}?q={word}" for word in words]
        elif len(names) == 1:
            paths = [route.path.replace("{" + names[0] + "}", value) for value in ids.get(names[0], ["1"])]
        else:
            continue
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, (path, response.status_code)
            pages[path] = response.text
    return pages


@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_no_canary_reaches_the_public_or_a_viewer(engine, web_app, cli_env, caplog, who):  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    initialise(engine, sample=True)
    add_everyone(engine)
    sealed = list(_plant(engine).values())
    forbidden = sealed + [HIDDEN_INCIDENT] + ([DRAFT] if who == "anonymous" else [])
    client = client_for(web_app)
    if who == "viewer":
        assert sign_in(client, "viewer").status_code == 303
    leaks = {
        url: found for url, body in _crawl(client, web_app, _ids(engine)).items() if (found := _leaks(body, forbidden))
    }
    with transaction(engine) as session:
        for name in FORMATS:
            written = export_bytes(session=session, format_name=name).decode("utf-8", "replace")
            if found := _leaks(written, forbidden + [DRAFT]):
                leaks[f"export {name}"] = found
    for name in ("json", "csv", "geojson"):
        run = longarm("export", "--format", name)
        assert run.code == 0, run.stderr
        if found := _leaks(run.stdout + run.stderr, forbidden + [DRAFT]):
            leaks[f"longarm export --format {name}"] = found
    if found := _leaks("\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records), forbidden):
        leaks["logs"] = found
    assert leaks == {}


def test_the_team_with_read_restricted_does_see_them(engine, web_app):  # type: ignore[no-untyped-def]
    add_everyone(engine)
    _plant(engine)
    client = client_for(web_app)
    sign_in(client, "analyst")
    body = client.get("/api/v1/incidents/INC-LEAK").text
    assert SEALED["place"] in body and SEALED["victimname"] in body
    assert HIDDEN_INCIDENT in client.get("/api/v1/incidents/INC-HIDDEN").text


def _database_text(engine, settings) -> bytes:  # type: ignore[no-untyped-def]
    if engine.url.get_backend_name() == "sqlite":
        home = Path(engine.url.database).parent
        return b"".join(p.read_bytes() for p in home.glob(Path(engine.url.database).name + "*"))
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        rows = [str(connection.execute(text(f'SELECT CAST(t AS text) FROM "{name}" t')).all()) for name in tables]
    return "\n".join(rows).encode("utf-8")


def test_sealed_values_are_not_in_the_database(engine, settings):  # type: ignore[no-untyped-def]
    sealed = _plant(engine)
    stored = _database_text(engine, settings)
    assert [name for name, value in sealed.items() if value.encode() in stored] == []
    assert b"leak-test" in stored  # the scan does read the data
    with transaction(engine) as session:
        record = incidents.to_record(
            incidents.get_or_raise(session=session, incident_id="INC-LEAK"), include_restricted=True
        ).model_dump(mode="json")
    assert SEALED["place"] in str(record)
