"""The team's JSON API: review decisions, edits with per-field errors, history; on both backends."""

from __future__ import annotations

from tests.web.conftest import token_for
from tests.web.fixtures import CANDIDATE_QUOTE


def _pending(editor) -> dict:  # type: ignore[no-untyped-def]
    candidates = editor.get("/api/v1/review/candidates").json()["candidates"]
    assert len(candidates) == 1
    return candidates[0]


def test_review_needs_a_signed_in_reviewer(client, app, web_engine):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/review/candidates")
    assert response.status_code == 401
    secret = token_for(web_engine, "viewer", ["read_public", "read_team"])
    from tests.web.conftest import TestClient

    with TestClient(app, headers={"Authorization": f"Bearer {secret}"}) as viewer:
        assert viewer.get("/api/v1/review/candidates").status_code == 403
        assert viewer.get("/api/v1/incidents/INC-TEST-DRAFT").status_code == 200


def test_merge_a_candidate_into_its_match(editor):  # type: ignore[no-untyped-def]
    candidate = _pending(editor)
    assert candidate["matches"][0]["incident_id"] == "INC-KOLAHI15"
    merged = editor.post(f"/api/v1/review/candidates/{candidate['id']}/merge", json={"incident_id": "INC-KOLAHI15"})
    assert merged.status_code == 200, merged.text
    assert merged.json() == {"candidate": candidate["id"], "status": "merged", "incident_id": "INC-KOLAHI15"}
    record = editor.get("/api/v1/incidents/INC-KOLAHI15").json()
    assert "SRC-E2E-COURT" in {s["id"] for s in record["sources"]}
    assert CANDIDATE_QUOTE in {c.get("quote") for c in record["claims"]}
    # The quote is now searchable, and a second decision on the same candidate is a conflict.
    found = editor.get("/api/v1/incidents", params={"q": "gunmen outside his home"}).json()["incidents"]
    assert [row["id"] for row in found] == ["INC-KOLAHI15"]
    again = editor.post(f"/api/v1/review/candidates/{candidate['id']}/accept")
    assert again.status_code == 409 and again.json()["error"]["type"] == "conflict"


def test_accept_reject_and_undo(editor):  # type: ignore[no-untyped-def]
    candidate = _pending(editor)
    missing = editor.post(f"/api/v1/review/candidates/{candidate['id']}/reject", json={})
    assert missing.status_code == 422 and "reason" in missing.json()["error"]["fields"]
    rejected = editor.post(f"/api/v1/review/candidates/{candidate['id']}/reject", json={"reason": "duplicate"})
    assert rejected.json()["status"] == "rejected"
    assert editor.post(f"/api/v1/review/candidates/{candidate['id']}/undo").json()["status"] == "pending"
    accepted = editor.post(f"/api/v1/review/candidates/{candidate['id']}/accept").json()
    assert editor.get(f"/api/v1/incidents/{accepted['incident_id']}").json()["tactic"] == "killing"
    assert editor.get("/api/v1/review/candidates/999999").status_code == 404


def test_an_edit_reports_each_bad_field(editor):  # type: ignore[no-untyped-def]
    response = editor.post(
        "/api/v1/incidents/INC-DKPLOT/edits",
        json={
            "values": {"tactic": "poisoning", "date_start": "2018-02-30", "lat": "north", "origin_state": "ZZ"},
            "note": "checking",
        },
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"tactic", "date_start", "lat", "origin_state"}


def test_an_edit_becomes_a_preferred_claim_and_reaches_search_and_history(editor, client):  # type: ignore[no-untyped-def]
    response = editor.post(
        "/api/v1/incidents/INC-DKPLOT/edits",
        json={
            "values": {"title": "Foiled plot against an ASMLA leader near Ringsted", "date_start": "2018-09-28"},
            "note": "Danish security service statement",
            "judgement": True,
            "override": True,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["changed"]) == {"title", "date"}
    mine = [c for c in body["incident"]["claims"] if c["made_by"] == "test-editor"]
    assert {c["field"] for c in mine} == {"title", "date"} and all(c["preferred"] for c in mine)
    assert body["incident"]["date"]["start"] == "2018-09-28"
    found = client.get("/api/v1/incidents", params={"q": "ringsted"}).json()["incidents"]
    assert [row["id"] for row in found] == ["INC-DKPLOT"]
    misspelt = client.get("/api/v1/incidents", params={"q": "ringstedd"}).json()["incidents"]
    assert [row["id"] for row in misspelt] == ["INC-DKPLOT"]  # the spelling vocabulary follows the edit
    events = editor.get("/api/v1/incidents/INC-DKPLOT/history").json()["events"]
    assert events[0]["action"] == "incident.edit" and events[0]["actor"] == "test-editor"
    assert client.get("/api/v1/incidents/INC-DKPLOT/history").status_code == 401


def test_an_edit_cites_a_source_or_is_judgement_and_never_silently_outranks_a_stronger_source(editor):  # type: ignore[no-untyped-def]
    url = "/api/v1/incidents/INC-KOLAHI15/edits"
    day = {"date_start": "2016-01-05", "date_end": "2016-01-05", "date_precision": "day"}
    change = {"values": day, "note": "my reading"}
    unbacked = editor.post(url, json=change)
    assert unbacked.status_code == 422 and "source" in unbacked.json()["error"]["fields"]
    silent = editor.post(url, json={**change, "judgement": True})
    assert (
        silent.status_code == 422
        and "stronger source (interested party, news report)" in silent.json()["error"]["fields"]["override"]
    )
    assert editor.post(url, json={**change, "source": "SRC-NOPE"}).json()["error"]["fields"]["source"]
    knowing = editor.post(url, json={**change, "judgement": True, "override": True})
    assert knowing.status_code == 200, knowing.text
    mine = [c for c in knowing.json()["incident"]["claims"] if c["made_by"] == "test-editor"]
    assert mine and all("source" not in c and c["preferred"] for c in mine)
    event = editor.get("/api/v1/incidents/INC-KOLAHI15/history").json()["events"][0]
    assert event["after"]["judgement"] is True and event["after"]["overrides"] == ["date"]
    cited = editor.post(
        url, json={**change, "values": {**day, "date_end": "2016-01-06"}, "source": "SRC-RADIOFARDA-2019"}
    )
    assert cited.status_code == 200, cited.text  # a news report against news reports: no override needed
