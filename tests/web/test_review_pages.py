"""The reviewer's pages with a signed-in session: reject needs a reason and a confirmation, undo, a readable history."""

from __future__ import annotations

import re

from tests.security.helpers import add_user, client_for, csrf_from, sign_in


def _reviewer(app, engine):  # type: ignore[no-untyped-def]
    add_user(engine, "rita", "editor")
    client = client_for(app)
    assert sign_in(client, "rita").status_code == 303
    return client


def _pending(client) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r'href="/review/(\d+)"', client.get("/review").text)
    assert found, "the queue is empty"
    return found.group(1)


def test_reject_asks_for_a_reason_then_a_confirmation_and_can_be_undone(app, web_engine):  # type: ignore[no-untyped-def]
    client = _reviewer(app, web_engine)
    candidate = _pending(client)
    page = client.get(f"/review/{candidate}").text
    token = csrf_from(page)
    empty = client.post(f"/review/{candidate}/reject", data={"csrf_token": token, "reason": "  "})
    assert empty.status_code == 422 and 'id="e-reason"' in empty.text
    asked = client.post(f"/review/{candidate}/reject", data={"csrf_token": token, "reason": "a duplicate"})
    assert asked.status_code == 200 and "Reject candidate" in asked.text and 'name="confirm" value="yes"' in asked.text
    done = client.post(
        f"/review/{candidate}/reject", data={"csrf_token": token, "reason": "a duplicate", "confirm": "yes"}
    )
    assert done.status_code == 303 and done.headers["location"] == f"/review?done={candidate}"
    queue = client.get(done.headers["location"]).text
    assert "rejected" in queue and "a duplicate" in queue and f'action="/review/{candidate}/undo"' in queue
    undone = client.post(f"/review/{candidate}/undo", data={"csrf_token": token})
    assert undone.status_code == 303
    assert 'id="reject"' in client.get(f"/review/{candidate}").text  # pending again


def test_merge_offers_undo_and_the_history_reads_as_old_to_new(app, web_engine):  # type: ignore[no-untyped-def]
    client = _reviewer(app, web_engine)
    candidate = _pending(client)
    token = csrf_from(client.get(f"/review/{candidate}").text)
    merged = client.post(f"/review/{candidate}/merge", data={"csrf_token": token, "incident_id": "INC-KOLAHI15"})
    assert merged.headers["location"] == f"/incidents/INC-KOLAHI15?candidate={candidate}"
    assert f'action="/review/{candidate}/undo"' in client.get(merged.headers["location"]).text
    edit = client.get("/incidents/INC-DKPLOT/edit").text
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', edit))
    form.update(csrf_token=token, fatalities="0", note="no one was hurt", judgement="yes")
    assert client.post("/incidents/INC-DKPLOT/edit", data=form).status_code == 303
    history = client.get("/incidents/INC-DKPLOT/history").text
    assert "{'" not in history and "rita</strong> edited" in history
    assert re.search(
        r"<th scope=\"row\">Fatalities</th><td dir=\"auto\"><del>—</del></td><td dir=\"auto\"><ins>0</ins>", history
    )
    assert "the editor&#39;s judgement (no source)" in history and "why: no one was hurt" in history
    assert "claims from" in history  # the sample's claims, one line per source, not one per claim
