"""The attacker's low findings: search ranking, link schemes, file modes, who publishes, huge page numbers and ids."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from longarm.auth.permissions import Principal
from longarm.incidents import editing
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.review import service as review
from longarm.sources.models import Source
from longarm.storage.engine import transaction
from tests.cli_runner import longarm
from tests.review.factories import extracted, queued
from tests.security.helpers import add_user, client_for, csrf_from, sign_in


def _incident(engine, incident_id: str, title: str, *, hidden: bool = False) -> None:  # type: ignore[no-untyped-def]
    record = IncidentRecord.model_validate(
        {"id": incident_id, "title": title, "tactic": "threat", "sensitivity": "restricted" if hidden else "public"}
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="t", note="n")


def _order(client) -> list[str]:  # type: ignore[no-untyped-def]
    answer = client.get("/api/v1/incidents", params={"q": "alpha beta", "sort": "relevance"})
    assert answer.status_code == 200
    return [incident["id"] for incident in answer.json()["incidents"]]


def test_hidden_incidents_do_not_shift_the_public_ranking(engine, web_app):  # type: ignore[no-untyped-def]
    _incident(engine, "INC-A", "alpha alpha alpha beta in one town")
    _incident(engine, "INC-B", "alpha beta beta in another town")
    client = client_for(web_app)
    before = _order(client)
    assert sorted(before) == ["INC-A", "INC-B"]
    for n in range(12):  # hidden incidents full of one word change its weight across the whole index
        _incident(engine, f"INC-H{n}", "alpha " * 8, hidden=True)
    assert _order(client) == before


def test_sources_take_web_addresses_only_and_others_are_never_links(engine, web_app):  # type: ignore[no-untyped-def]
    record = {
        "id": "INC-J",
        "title": "A threat",
        "tactic": "threat",
        "sources": [{"id": "SRC-J", "title": "A source", "url": "javascript:alert(document.cookie)"}],
    }
    with pytest.raises(ValidationError, match="url"):
        IncidentRecord.model_validate(record)
    with transaction(engine) as session:  # stored some other way (an old database, a manifest)
        session.add(Source(id="SRC-D", title="Data", url="data:text/html,<script>alert(1)</script>"))
    page = client_for(web_app).get("/sources/SRC-D").text
    assert 'href="data:' not in page and 'href="javascript:' not in page


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_backups_are_the_owners_alone(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    home = tmp_path / "fresh"
    monkeypatch.setenv("LONGARM_HOME", str(home))
    monkeypatch.delenv("LONGARM_DATABASE_URL", raising=False)
    assert longarm("init").code == 0
    assert longarm("backup", str(tmp_path / "backup")).code == 0
    written = [home, *home.rglob("*"), tmp_path / "backup", *(tmp_path / "backup").rglob("*")]
    assert [str(p) for p in written if not p.name.endswith(".lock") and _mode(p) & 0o077] == []


def test_an_analysts_accept_waits_as_a_draft_for_an_editor(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        first = queued(session, extracted(victim="Ana Example", country="NL"), source_id="SRC-1")
        second = queued(session, extracted(victim="Ben Example", country="BE"), source_id="SRC-2")
        analyst = Principal(name="analyst", role="analyst")
        editor = Principal(name="editor", role="editor")
        assert review.accept(session=session, candidate_id=first.id, principal=analyst).publication_state == "draft"
        published = review.accept(session=session, candidate_id=second.id, principal=editor)
        assert published.publication_state == "published"


def test_an_analysts_merge_into_a_published_incident_waits_for_an_editor(engine, web_app):  # type: ignore[no-untyped-def]
    analyst, editor = Principal(name="analyst", role="analyst"), Principal(name="editor", role="editor")
    with transaction(engine) as session:
        first = queued(session, extracted(victim="Ana Example", country="NL"), source_id="SRC-1")
        second = queued(session, extracted(victim="Ben Example", country="BE"), source_id="SRC-2")
        incident_id = review.accept(session=session, candidate_id=first.id, principal=editor).id
    public = client_for(web_app)
    assert "Ana Example" in public.get(f"/api/v1/incidents/{incident_id}").text
    with transaction(engine) as session:
        review.merge(session=session, candidate_id=second.id, incident_id=incident_id, principal=analyst)
    hidden = public.get(f"/api/v1/incidents/{incident_id}")
    assert "Ben Example" not in hidden.text and "SRC-2" not in hidden.text
    with transaction(engine) as session:
        edit = editing.IncidentEdit(values={"publication_state": "published"}, note="checked")
        editing.edit_incident(session=session, incident_id=incident_id, edit=edit, principal=editor)
    shown = public.get(f"/api/v1/incidents/{incident_id}").text
    assert "Ben Example" in shown and "SRC-2" in shown
    with transaction(engine) as session:  # an editor's own merge is published at once
        third = queued(session, extracted(victim="Cleo Example", country="FR"), source_id="SRC-3")
        review.merge(session=session, candidate_id=third.id, incident_id=incident_id, principal=editor)
    assert "Cleo Example" in public.get(f"/api/v1/incidents/{incident_id}").text


def test_a_huge_page_number_is_refused_with_the_security_headers(web_app):  # type: ignore[no-untyped-def]
    client = client_for(web_app)
    for path in ("/incidents", "/api/v1/incidents"):
        answer = client.get(path, params={"page": "9223372036854775807"})
        assert answer.status_code == 422
        assert answer.headers["content-security-policy"].startswith("default-src 'self'")


def test_a_candidate_id_past_the_databases_integer_is_refused_not_a_500(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "analyst", "analyst")
    client = client_for(web_app)
    sign_in(client, "analyst")
    token = csrf_from(client.get("/review").text)
    huge = str(2**63)  # past int64; 2**31 is already past PostgreSQL's integer
    for number in (huge, str(2**31)):
        pages = [client.get(f"/review/{number}"), client.get("/review", params={"done": number})]
        pages += [client.post(f"/review/{number}/{a}", data={"csrf_token": token}) for a in ("accept", "undo", "split")]
        assert [p.status_code for p in pages] == [422] * 5
        api = client.get(f"/api/v1/review/candidates/{number}")
        assert api.status_code == 422
        assert {"status", "type", "message"} <= set(api.json()["error"])
        assert client.get("/api/v1/review/candidates", params={"offset": number}).status_code == 422
        posted = client.post(f"/api/v1/review/candidates/{number}/undo", headers={"X-CSRF-Token": token})
        assert posted.status_code == 422 and posted.json()["error"]["status"] == 422
        assert api.headers["content-security-policy"].startswith("default-src 'self'")
