"""The public JSON API: filters, pagination, one incident, 404s and validation errors, on both backends."""

from __future__ import annotations

import pytest

from tests.web.conftest import SECRET_PLACE


def _ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["incidents"]]


def test_the_list_shows_published_public_incidents_only(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/incidents", params={"per_page": 100}).json()
    ids = {row["id"] for row in body["incidents"]}
    assert {"INC-KOLAHI15", "INC-TEST-QUOTE"} <= ids
    assert not ids & {"INC-TEST-DRAFT", "INC-TEST-SECRET"}
    assert body["total"] == len(ids)


@pytest.mark.parametrize(
    ("params", "expected", "excluded"),
    [
        ({"tactic": "threat"}, {"INC-TEST-QUOTE", "INC-MOLANISSI-THR"}, {"INC-KOLAHI15"}),
        ({"country": "NL", "tactic": "killing"}, {"INC-KOLAHI15", "INC-MOLANISSI17"}, {"INC-MOLANISSI-THR"}),
        ({"q": "nissi"}, {"INC-MOLANISSI17", "INC-MOLANISSI-THR"}, {"INC-KOLAHI15"}),
        ({"q": "vaja"}, {"INC-KOLAHI15"}, {"INC-ZAM19"}),  # a registry alias of the Ministry of Intelligence
        ({"q": "kolahi almere"}, {"INC-KOLAHI15"}, {"INC-MOLANISSI17"}),
        ({"q": "death threats"}, {"INC-TEST-QUOTE"}, {"INC-KOLAHI15"}),  # words from a quote
        ({"year_from": "2018", "year_to": "2018"}, {"INC-VILLEPINTE18"}, {"INC-KOLAHI15", "INC-ZAM19"}),
        ({"status": "foiled"}, {"INC-VILLEPINTE18", "INC-ARBABSIAR"}, {"INC-KOLAHI15"}),
        ({"attribution": "court_ruling"}, set(), {"INC-TEST-QUOTE"}),
        ({"origin_state": "IR", "tactic": ["abduction", "surveillance"]}, {"INC-ZAM19"}, {"INC-KOLAHI15"}),
    ],
)
def test_filters_narrow_the_list(client, params, expected, excluded):  # type: ignore[no-untyped-def]
    ids = set(_ids(client.get("/api/v1/incidents", params={**params, "per_page": 100})))
    assert expected <= ids
    assert not ids & excluded


def test_search_never_finds_restricted_values(client, editor):  # type: ignore[no-untyped-def]
    assert _ids(client.get("/api/v1/incidents", params={"q": "hidden street"})) == []
    assert _ids(editor.get("/api/v1/incidents", params={"q": "hidden street"})) == []
    page = client.get("/incidents", params={"q": "london"})
    assert page.status_code == 200 and SECRET_PLACE not in page.text


def test_pages_of_results_follow_each_other(client):  # type: ignore[no-untyped-def]
    first = client.get("/api/v1/incidents", params={"per_page": 4, "sort": "-date"}).json()
    assert first["page"] == 1 and first["per_page"] == 4 and len(first["incidents"]) == 4
    assert first["links"]["prev"] is None and "cursor=" in first["links"]["next"]
    second = client.get(first["links"]["next"]).json()
    assert not {r["id"] for r in first["incidents"]} & {r["id"] for r in second["incidents"]}
    dates = [r["date"]["start"] for r in first["incidents"] + second["incidents"] if r["date"]]
    assert dates == sorted(dates)
    last = client.get("/api/v1/incidents", params={"per_page": 4, "page": first["pages"]}).json()
    assert last["links"]["next"] is None
    beyond = client.get("/api/v1/incidents", params={"per_page": 4, "page": first["pages"] + 1}).json()
    assert beyond["incidents"] == [] and beyond["total"] == first["total"]


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_cursor_pages_give_what_page_numbers_give(client, sort):  # type: ignore[no-untyped-def]
    params = {"per_page": 3, "sort": sort}
    first = client.get("/api/v1/incidents", params=params).json()
    numbered = [
        r["id"]
        for n in range(1, first["pages"] + 1)
        for r in client.get("/api/v1/incidents", params={**params, "page": n}).json()["incidents"]
    ]
    walked, answer = [], first
    while True:
        walked += [r["id"] for r in answer["incidents"]]
        if answer["links"]["next"] is None:
            break
        answer = client.get(answer["links"]["next"]).json()
        assert answer["page"] is None and answer["links"]["prev"] is None
    # Every incident once, undated ones last, in the order of the numbered pages.
    assert walked == numbered and len(walked) == first["total"] == len(set(walked))
    rows = client.get("/api/v1/incidents", params={"per_page": 100}).json()["incidents"]
    undated = {r["id"] for r in rows if r["date"] is None}
    assert undated and set(walked[-len(undated) :]) == undated


def test_a_forged_cursor_is_a_clear_error(client):  # type: ignore[no-untyped-def]
    for cursor in ("not-a-cursor", "WzEsMl0"):
        response = client.get("/api/v1/incidents", params={"cursor": cursor})
        assert response.status_code == 422 and "cursor" in response.json()["error"]["fields"]
    response = client.get("/api/v1/incidents", params={"cursor": "WzEsMl0", "q": "london"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"tactic": "poisoning"}, "tactic"),
        ({"country": "XX"}, "country"),
        ({"year_from": "19"}, "year_from"),
        ({"year_from": "2020", "year_to": "2010"}, "year_from"),
        ({"sort": "colour"}, "sort"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"page": "two"}, "page"),
    ],
)
def test_bad_parameters_get_a_clear_json_error(client, params, field):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/incidents", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and error["type"] == "bad_input"
    assert field in error["fields"] and field in error["message"]


def test_one_incident_has_claims_sources_and_conflicts(client):  # type: ignore[no-untyped-def]
    record = client.get("/api/v1/incidents/INC-KOLAHI15").json()
    assert record["id"] == "INC-KOLAHI15" and record["tactic"] == "killing"
    assert record["sources"] and record["claims"]
    assert any(c["field"] == "location" for c in record["conflicts"])


def test_restricted_values_only_reach_trusted_readers(client, editor):  # type: ignore[no-untyped-def]
    public = client.get("/api/v1/incidents/INC-TEST-QUOTE")
    assert public.status_code == 200 and SECRET_PLACE not in public.text
    trusted = editor.get("/api/v1/incidents/INC-TEST-QUOTE")
    assert SECRET_PLACE in trusted.text
    assert SECRET_PLACE not in client.get("/incidents/INC-TEST-QUOTE").text


@pytest.mark.parametrize("incident_id", ["INC-NOPE", "INC-TEST-DRAFT", "INC-TEST-SECRET"])
def test_missing_and_hidden_incidents_are_404(client, incident_id):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/incidents/{incident_id}")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "status": 404,
        "type": "not_found",
        "message": f"There is no incident {incident_id!r}.",
    }
    page = client.get(f"/incidents/{incident_id}")
    assert page.status_code == 404 and "There is no incident" in page.text


def test_the_team_sees_drafts_and_restricted_incidents(editor):  # type: ignore[no-untyped-def]
    ids = set(_ids(editor.get("/api/v1/incidents", params={"per_page": 100})))
    assert {"INC-TEST-DRAFT", "INC-TEST-SECRET"} <= ids
    assert editor.get("/api/v1/incidents/INC-TEST-DRAFT").status_code == 200


def test_unknown_api_paths_answer_in_json(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json()["error"]["type"] == "not_found"
