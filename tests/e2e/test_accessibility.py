"""axe-core (vendored from npm) finds no violation on any page, the team's and the API docs included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import EDITOR

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PUBLIC = [
    "/",
    "/incidents",
    "/incidents?q=colahi",
    "/incidents?q=kolhaiz",
    "/incidents?region=europe&tactic=killing",
    "/incidents/INC-KOLAHI15",
    "/incidents/INC-TEST-QUOTE",
    "/actors",
    "/actors/IR.MOIS",
    "/sources",
    "/sources/SRC-TEST-QUOTE",
    "/map",
    "/timeline",
    "/stats",
    "/stats?origin_state=IR",
    "/about",
    "/docs",
    "/login",
    "/no-such-page",
]
TEAM = ["/review", "/review?status=merged", "/incidents/INC-DKPLOT/edit", "/incidents/INC-KOLAHI15/history"]
# What makes a page ready to check: its script-drawn parts are there.
READY = {
    "/map": "#map[data-basemap-ready]",
    "/timeline": "#chart-tactic[data-rendered] svg",
    "/docs": ".swagger-ui .opblock",
}


def violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """axe's violations on the page (WCAG 2.x A and AA and best practices), briefly."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluated through the DevTools protocol: the page's CSP allows no injected <script>
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in found]


def check(page, path: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """Open a page, wait until it is drawn, and run axe."""
    page.goto(path)
    ready = READY.get(path.split("?")[0])
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    return [dict(v, page=path) for v in violations(page)]


@pytest.mark.parametrize("size", SIZES)
def test_public_pages_have_no_axe_violation(page, size):  # type: ignore[no-untyped-def]
    page.set_viewport_size(SIZES[size])
    found = [v for path in PUBLIC for v in check(page, path)]
    assert found == [], json.dumps(found, indent=1)


@pytest.mark.parametrize("size", SIZES)
def test_team_pages_have_no_axe_violation(page, size):  # type: ignore[no-untyped-def]
    page.set_viewport_size(SIZES[size])
    page.goto("/login?next=/review")
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    candidate = page.locator("table.queue td a").first.get_attribute("href")
    paths = [*TEAM, *([candidate] if candidate else [])]
    found = [v for path in paths for v in check(page, path)]
    if candidate:
        page.goto(candidate)
        page.fill("#reason", "checking the confirmation page")
        page.click("#reject")
        page.wait_for_selector("#confirm-reject")
        found += [dict(v, page="reject confirmation") for v in violations(page)]
    assert found == [], json.dumps(found, indent=1)


def test_refusal_pages_are_styled_and_have_no_axe_violation(page, live_settings):  # type: ignore[no-untyped-def]
    """The 403 page (a viewer on /review) and the expired-form page look like the site, and pass axe."""
    from longarm.storage.database import open_engine
    from tests.web.fixtures import add_team_user

    engine = open_engine(live_settings)
    add_team_user(engine, "vi.ewer", "a long enough password", role="viewer")
    engine.dispose()
    page.goto("/login")
    page.fill("#name", "vi.ewer")
    page.fill("#password", "a long enough password")
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    refused = page.goto("/review")
    assert refused is not None and refused.status == 403
    assert page.locator("header.site .brand").is_visible()
    found = [dict(v, page="403") for v in violations(page)]
    # A form posted with a token that is not this browser's: the expired-form page.
    page.evaluate(
        """() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/logout';
        const t = document.createElement('input'); t.name = 'csrf_token'; t.value = 'stale'; f.appendChild(t);
        document.body.appendChild(f); f.submit(); }"""
    )
    page.wait_for_selector("h1:has-text('Form expired')")
    assert page.locator("header.site .brand").is_visible()
    found += [dict(v, page="expired form") for v in violations(page)]
    assert found == [], json.dumps(found, indent=1)
