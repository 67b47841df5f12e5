"""The public pages in a real browser: search and facets, an incident's quotes, the map, the charts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.web.fixtures import PERSIAN_NAME, QUOTE

pytestmark = pytest.mark.browser


def _listed(page) -> int:  # type: ignore[no-untyped-def]
    return page.locator("#incident-list > li.incident-row").count()


def test_search_and_facets_narrow_the_list(page):  # type: ignore[no-untyped-def]
    page.goto("/incidents")
    everything = _listed(page)
    assert everything >= 5
    screenshot(page, "incidents")

    page.fill("#q", "nissi")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=nissi"))
    expect(page.locator("#result-count")).to_contain_text("match")
    searched = _listed(page)
    assert 0 < searched < everything
    assert "Nissi" in page.inner_text("#incident-list")
    assert page.locator("#incident-list mark").count() >= 1

    page.goto("/incidents")
    page.check("#tactic-surveillance")  # HTMX reloads the list in place and updates the URL
    page.wait_for_url(re.compile(r"tactic=surveillance"))
    expect(page.locator("#result-count")).to_contain_text("match")
    assert _listed(page) < everything
    texts = page.locator("#incident-list .tag.tactic-surveillance").count()
    assert texts == _listed(page) > 0
    screenshot(page, "incidents-filtered")

    page.fill("#year_from", "2018")
    page.fill("#year_to", "2018")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"year_from=2018"))
    expect(page.locator("#incident-list .meta").filter(has_not_text="2018")).to_have_count(0)
    assert _listed(page) >= 1


def test_an_incident_page_shows_its_quotes_sources_and_citation(page):  # type: ignore[no-untyped-def]
    page.goto("/incidents/INC-TEST-QUOTE")
    expect(page.locator("#field-location blockquote")).to_contain_text(QUOTE)
    expect(page.locator(".sources")).to_contain_text("Journalist threatened in London")
    victim = page.locator(".people [dir=auto]", has_text=PERSIAN_NAME)
    assert victim.evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert "INC-TEST-QUOTE" in page.input_value("#citation")

    page.goto("/incidents/INC-KOLAHI15")  # the sample data backs values with notes from each source
    assert "Kolahi" in page.inner_text("h1")
    assert page.locator(".claim .note").count() >= 5
    assert page.locator(".sources > li").count() >= 3
    screenshot(page, "incident")
    page.click("button.copy")
    page.wait_for_selector(".copied:has-text('Copied')")
    assert page.console_errors == []


def test_the_map_shows_markers(page):  # type: ignore[no-untyped-def]
    page.goto("/map")
    page.wait_for_selector("#map[data-markers]")
    assert int(page.get_attribute("#map", "data-markers")) >= 5
    page.wait_for_selector("#map[data-basemap-ready]")  # the offline basemap's countries, loaded apart from markers
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    assert page.locator(".marker-cluster, path.incident-marker").count() >= 1
    screenshot(page, "map")
    assert page.console_errors == []

    page.goto("/map?tactic=surveillance")
    page.wait_for_selector("#map[data-markers]")
    assert int(page.get_attribute("#map", "data-markers")) < 5


def test_the_map_asks_for_its_view_and_a_cluster_opens_into_its_incidents(page):  # type: ignore[no-untyped-def]
    # The first answer (the world) is framed, then the framed view asked for: two incidents of the sample share a cell.
    with page.expect_response(lambda response: "incidents.geojson" in response.url and "bbox=" in response.url) as seen:
        page.goto("/map")
    framed = seen.value.url
    page.wait_for_selector(".incident-cluster")
    with page.expect_response(lambda response: "incidents.geojson" in response.url) as opened:
        page.locator(".incident-cluster").first.click()
    zoom = re.compile(r"zoom=(\d+)")
    assert int(zoom.search(opened.value.url).group(1)) > int(zoom.search(framed).group(1))
    # The narrower view is drawn from that answer (other tests may have added incidents at one spot: still a cluster).
    expect(page.locator("#map-status")).to_contain_text("in view")
    assert page.locator("path.incident-marker, .incident-cluster").count() >= 1
    assert page.console_errors == []


def test_the_charts_render_and_link_to_the_list(page):  # type: ignore[no-untyped-def]
    page.goto("/timeline")
    page.wait_for_selector("#chart-tactic[data-rendered] svg")
    page.wait_for_selector("#chart-country[data-rendered] svg")
    bars = page.locator("#chart-tactic svg path[role='graphics-symbol'], #chart-tactic svg .mark-rect path")
    assert bars.count() >= 3
    screenshot(page, "timeline")
    assert page.console_errors == []
    bars.first.click()
    page.wait_for_url(re.compile(r"/incidents\?.*year_from=\d{4}"))
    assert _listed(page) >= 1


def test_the_stats_page_answers_from_the_timeline(page):  # type: ignore[no-untyped-def]
    page.goto("/timeline?origin_state=IR")
    page.click("a[href='/stats?origin_state=IR']")
    page.wait_for_url(re.compile(r"/stats\?origin_state=IR$"))
    assert page.locator("#trend-answer").inner_text().strip()
    assert page.locator("table.estimates tbody tr").count() >= 1
    box = page.locator("svg.svg-chart").first.bounding_box()
    assert box and box["height"] > 100
    screenshot(page, "stats")
    assert page.console_errors == []


def test_the_pages_make_no_request_outside_the_app(page, live_server, requested_hosts):  # type: ignore[no-untyped-def]
    for path, name in [("/", "home"), ("/actors/IR.MOIS", "actor"), ("/docs", "api-docs"), ("/sources/SRC-A", None)]:
        response = page.goto(path)
        if name:
            page.wait_for_load_state("networkidle")
            screenshot(page, name)
        assert response is not None
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    page.goto("/incidents/INC-KOLAHI15")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "incident-phone")
    host = live_server.removeprefix("http://")
    assert requested_hosts == {host}
