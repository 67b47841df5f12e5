"""The team's pages in a real browser: sign in, review a candidate, merge it, see it on the incident."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EDITOR, screenshot
from tests.web.fixtures import CANDIDATE_QUOTE

pytestmark = pytest.mark.browser


def _sign_in(page, next_path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(next_path)
    page.wait_for_url(re.compile(r"/login"))
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def test_sign_in_review_and_merge_a_candidate(page):  # type: ignore[no-untyped-def]
    _sign_in(page, "/review")
    expect(page.locator("table.queue")).to_contain_text("Kolahi shot in Almere")
    screenshot(page, "review-queue")
    page.click("table.queue a:has-text('Kolahi shot in Almere')")
    expect(page.locator("table.compare caption")).to_contain_text("INC-KOLAHI15")
    expect(page.locator("table.compare")).to_contain_text(CANDIDATE_QUOTE)
    screenshot(page, "review-candidate")

    page.click("#merge")
    page.wait_for_url(re.compile(r"/incidents/INC-KOLAHI15\?candidate=\d+$"))
    expect(page.locator("#field-location")).to_contain_text(CANDIDATE_QUOTE)
    expect(page.locator(".sources")).to_contain_text("Court hears of the Almere shooting")
    assert page.console_errors == []


def test_an_edit_with_a_mistake_shows_the_message_on_the_field(page):  # type: ignore[no-untyped-def]
    _sign_in(page, "/incidents/INC-DKPLOT/edit")
    page.fill("#f-date_start", "2018-13-40")
    page.fill("#f-fatalities", "-1")
    page.fill("#f-note", "checked against the EU decision")
    page.check("#f-judgement")
    page.click("form.edit-form button[type=submit]")
    expect(page.locator("#e-date_start")).to_be_visible()
    expect(page.locator("#e-fatalities")).to_contain_text("negative")
    assert page.get_attribute("#f-fatalities", "aria-invalid") == "true"
    screenshot(page, "edit-errors")

    page.fill("#f-date_start", "2018-10-30")
    page.fill("#f-fatalities", "0")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/incidents/INC-DKPLOT$"))
    expect(page.locator("#field-date .value")).to_contain_text("30 October 2018")
    expect(page.locator("#field-date")).to_contain_text("checked against the EU decision")
    page.click("a:has-text('History')")
    expect(page.locator(".history")).to_contain_text("edited")
    screenshot(page, "history")


def test_the_team_pages_made_no_request_outside_the_app(live_server, requested_hosts):  # type: ignore[no-untyped-def]
    assert requested_hosts == {live_server.removeprefix("http://")}
