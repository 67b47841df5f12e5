"""The HTML pages: every route declares its permission, pages render, forms carry CSRF, no inline code."""

from __future__ import annotations

import re

import pytest

from longarm.auth.middleware import declared_permissions
from longarm.auth.permissions import Permission
from tests.web.fixtures import PERSIAN_NAME, QUOTE

PUBLIC_PAGES = [
    "/",
    "/incidents",
    "/incidents?tactic=killing&country=NL&sort=title",
    "/incidents?q=kolahi",
    "/incidents/INC-TEST-QUOTE",
    "/incidents/INC-KOLAHI15",
    "/actors/IR.MOIS",
    "/sources/SRC-TEST-QUOTE",
    "/map",
    "/timeline?tactic=killing",
    "/stats",
    "/stats?origin_state=IR&region=europe",
    "/docs",
    "/actors",
    "/actors?q=nisi",
    "/sources",
    "/about",
]


def test_every_route_declares_its_permission(app):  # type: ignore[no-untyped-def]
    undeclared = [r.path for r in app.routes if hasattr(r, "dependant") and declared_permissions(r) is None]
    assert undeclared == []
    public = {
        r.path for r in app.routes if hasattr(r, "dependant") and declared_permissions(r) == {Permission.read_public}
    }
    assert {"/review", "/incidents/{incident_id}/edit", "/api/v1/review/candidates"}.isdisjoint(public)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_without_inline_code(client, path):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, response.text
    html = response.text
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None  # no inline script
    assert re.search(r"\son[a-z]+=", html) is None  # no inline event handler
    assert re.search(r"\sstyle=", html) is None
    assert "http://" not in html.replace("http://testserver", "") or 'rel="noreferrer noopener"' in html


def test_the_incident_page_shows_quotes_names_right_to_left_and_a_citation(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents/INC-TEST-QUOTE").text
    assert QUOTE in html
    assert f'dir="auto" lang="fa">{PERSIAN_NAME}' in html
    assert 'id="citation"' in html and "INC-TEST-QUOTE" in html


def test_the_incident_page_summarises_puts_the_strongest_source_first_and_says_why(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents/INC-KOLAHI15").text
    assert 'id="summary"' in html and "Killing (completed) in" in html and "last changed" in html
    assert "Shown: the only value given" not in html
    assert "Shown because all" in html or "Shown because the" in html
    assert 'class="claimed"' in html  # each claim line says what it claims


def test_citations_in_four_styles_with_the_last_change(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents/INC-KOLAHI15").text
    assert "@misc{longarm-inckolahi15" in html and "TY  - DBASE" in html and "dataset" in html
    bib = client.get("/incidents/INC-KOLAHI15/cite/bibtex")
    assert bib.headers["content-type"].startswith("application/x-bibtex") and "date = {" in bib.text
    ris = client.get("/incidents/INC-KOLAHI15/cite/ris").text
    assert "UR  - http://testserver/incidents/INC-KOLAHI15" in ris and "N1  - Last changed" in ris
    csl = client.get("/incidents/INC-KOLAHI15/cite/csl-json").json()
    assert csl[0]["id"] == "INC-KOLAHI15" and csl[0]["issued"]["date-parts"]
    assert client.get("/incidents/INC-KOLAHI15/cite/mla").status_code == 404


def test_conflicts_are_shown_side_by_side_with_the_reason(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents/INC-KOLAHI15").text
    assert 'class="conflict"' in html and "Another source says" in html and "wins by" in html


def test_team_pages_send_anonymous_visitors_to_sign_in(client):  # type: ignore[no-untyped-def]
    for path in ["/review", "/incidents/INC-KOLAHI15/edit", "/incidents/INC-KOLAHI15/history"]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def test_a_bad_filter_on_a_page_is_a_page_with_the_message(client):  # type: ignore[no-untyped-def]
    response = client.get("/incidents", params={"year_from": "soon"})
    assert response.status_code == 422 and "year_from must be a year" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_team_forms_carry_the_csrf_token(editor):  # type: ignore[no-untyped-def]
    # An API token does not reach pages (sessions do); the forms are checked through the renderer instead.
    from longarm.web.rendering import TEMPLATES

    source = TEMPLATES.env.loader.get_source(TEMPLATES.env, "review/candidate.html")[0]  # type: ignore[union-attr]
    assert source.count('name="csrf_token"') == source.count("<form")
    edit = TEMPLATES.env.loader.get_source(TEMPLATES.env, "incidents/edit.html")[0]  # type: ignore[union-attr]
    assert edit.count('name="csrf_token"') == edit.count("<form")


def test_the_map_names_what_it_cannot_draw_and_links_its_list(client):  # type: ignore[no-untyped-def]
    html = client.get("/map?region=europe").text
    assert 'id="unlocated"' in html and "without coordinates" in html
    assert 'id="as-list"' in html and "/incidents?region=europe" in html and "data-countries=" in html
    feature = client.get("/api/v1/incidents.geojson").json()["features"]
    mykonos = next(f for f in feature if f["id"] == "INC-MYKONOS92")
    assert mykonos["properties"]["date_text"] == "1992"


def test_the_timeline_charts_and_counts_by_origin_state(client):  # type: ignore[no-untyped-def]
    html = client.get("/timeline").text
    assert 'id="chart-origin_state"' in html and 'id="by-origin"' in html
    spec = client.get("/api/v1/charts/per-year", params={"by": "origin_state"}).json()
    assert spec["encoding"]["color"]["title"] == "Origin state" and spec["data"]["values"][0]["label"] == "Iran"


def test_the_stats_page_answers_with_its_interval_warnings_and_the_estimate(client):  # type: ignore[no-untyped-def]
    html = client.get("/stats", params={"origin_state": "IR"}).text
    figures = client.get("/api/v1/stats/analysis", params={"origin_state": "IR"}).json()
    found = figures["trend"]
    assert 'id="trend-answer"' in html and found["reading"].capitalize() in html
    if found["ci95"]:
        assert f"{found['ci95'][0]:.2f}–{found['ci95'][1]:.2f}" in html
    assert all(warning in html for warning in found["warnings"])
    estimate = figures["estimates"][0]
    assert f"{estimate['value']:g}" in html and f"{estimate['database']['incidents']} incident(s)" in html
    assert html.count("<svg") == 4 and 'role="img"' in html  # drawn on the server: no script needed
    assert 'href="/stats"' in client.get("/timeline").text  # linked from the nav and the timeline


def test_indexes_and_the_about_page(client):  # type: ignore[no-untyped-def]
    actors = client.get("/actors?q=nisi").text
    assert "Ahmad Mola Nissi" in actors and "/incidents?actor=" in actors
    sources = client.get("/sources").text
    assert "SRC-TEST-QUOTE" in sources or "Reliability" in sources
    about = client.get("/about").text
    assert 'id="codebook"' in about and 'id="last-updated"' in about and "Europe" in about


def test_the_list_filters_by_the_actors_involved(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents").text
    assert 'id="facet-actor"' in html and "Ministry of Intelligence" in html
    chosen = client.get("/incidents", params={"actor": "IR.MOIS"}).text
    assert 'id="actor-IR.MOIS" name="actor" value="IR.MOIS" checked' in chosen
    unknown = client.get("/incidents", params={"actor": "ACT-NOBODY"}).text
    assert "0 incidents match" in unknown and ">ACT-NOBODY</span>" in unknown  # an id, never a hidden name


def test_arabic_script_carries_its_language(client):  # type: ignore[no-untyped-def]
    from longarm.web.rendering import script_lang

    assert script_lang(PERSIAN_NAME) == "fa" and script_lang("محمد علي") == "ar" and script_lang("Kolahi") == ""
    assert 'lang="fa"' in client.get("/incidents/INC-TEST-QUOTE").text
