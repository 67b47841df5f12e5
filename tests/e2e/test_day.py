"""A researcher's and a reviewer's day, end to end, at desktop and phone sizes (screenshots in test-artifacts/).

The researcher finds killings in Europe since 2010, a victim under three spellings, which sources back a date
and where they disagree, cites an incident, downloads the filtered list in three formats and checks the rows,
follows a trend by origin state and filters from the map. The reviewer ingests articles, reviews, accepts,
merges, rejects with a reason, undoes, edits with a source and reads the history.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.cli_runner import longarm
from tests.e2e.conftest import EDITOR, screenshot

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
EUROPE = {"Netherlands", "Germany", "France", "Denmark", "United Kingdom", "Belgium", "Austria", "Sweden"}


def _open_filters(page, control: str) -> None:  # type: ignore[no-untyped-def]
    """Open the filter drawer until `control` shows: a filter's update re-renders the drawer after the
    address changes, so one look at it can see the page before the swap."""
    for _ in range(50):
        page.wait_for_load_state("networkidle")
        if page.locator(control).is_visible():
            return
        if not page.locator("#filter-drawer").evaluate("drawer => drawer.open"):
            page.click("#filter-drawer > summary")
        page.wait_for_timeout(100)
    raise AssertionError(f"{control} never showed in the filter drawer")


def _listed_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = page.locator("#incident-list a.title").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [h.rsplit("/", 1)[1] for h in hrefs]


def _download(page, title: str) -> Path:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click(f"#downloads a:has-text('{title}')")
    return Path(info.value.path())


@pytest.mark.parametrize("size", SIZES)
def test_a_researchers_day(page, size):  # type: ignore[no-untyped-def]
    page.set_viewport_size(SIZES[size])

    def shot(step: str) -> None:
        screenshot(page, f"day-{size}-researcher-{step}")

    # Killings in Europe since 2010, chosen in the filter drawer (closed on phones, results first).
    page.goto("/incidents")
    if size == "phone":
        assert page.locator("#filter-drawer").evaluate("drawer => !drawer.open")
        assert page.locator("#incident-list").bounding_box()["y"] < 900  # results are on the first screen
    _open_filters(page, "#region-europe")
    page.check("#region-europe")
    page.wait_for_url(re.compile(r"region=europe"))
    _open_filters(page, "#tactic-killing")
    page.check("#tactic-killing")
    page.wait_for_url(re.compile(r"tactic=killing"))
    _open_filters(page, "#year_from")
    page.fill("#year_from", "2010")
    page.press("#year_from", "Enter")
    page.wait_for_url(re.compile(r"year_from=2010"))
    expect(page.locator("#result-count")).to_contain_text("match")
    listed = _listed_ids(page)
    assert listed and "INC-MYKONOS92" not in listed  # 1992 is before 2010
    for row in page.locator("#incident-list .incident-row .meta").all_inner_texts():
        assert "Killing" in row and any(country in row for country in EUROPE), row
        assert int(re.search(r"\b(19|20)\d\d\b", row).group(0)) >= 2010, row
    shot("killings-in-europe")

    # The filtered list, downloaded in three formats: every listed incident, nothing else.
    rows = list(csv.DictReader(io.StringIO(_download(page, "CSV").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(listed)
    assert all(r["tactic"] == "killing" and r["date_start"] >= "2010" for r in rows)
    records = json.loads(_download(page, "JSON").read_text(encoding="utf-8"))["incidents"]
    assert sorted(r["id"] for r in records) == sorted(listed) and all(r["claims"] for r in records)
    features = json.loads(_download(page, "GeoJSON").read_text(encoding="utf-8"))["features"]
    assert {f["id"] for f in features} == {r["id"] for r in rows if r["lat"]}

    # One victim under three spellings; a click on the result opens the incident (no blank page).
    for spelling in ("Kolahi", "Colahi", "Mohammadreza"):
        page.goto("/incidents")
        _open_filters(page, "#q")
        page.fill("#q", spelling)
        page.press("#q", "Enter")
        page.wait_for_url(re.compile(rf"q={spelling}"))
        expect(page.locator("#incident-list")).to_contain_text("Kolahi")
    shot("other-spelling")
    page.click("#incident-list a.title:has-text('Kolahi')")
    page.wait_for_url(re.compile(r"/incidents/INC-KOLAHI15$"))
    expect(page.locator("h1")).to_contain_text("Kolahi")
    page.go_back()
    page.locator("#incident-list a.title").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/incidents/INC-KOLAHI15$"))
    expect(page.locator("#summary")).to_contain_text("Almere")

    # Which sources back the date, and where they disagree (the place).
    date = page.locator("#field-date")
    expect(date.locator(".why")).to_contain_text("Shown because")
    date.locator("details summary").first.click()
    assert date.locator(".claim").count() >= 3 and date.locator(".claim .claimed").count() >= 3
    conflict = page.locator("#field-location .conflict")
    expect(conflict).to_contain_text("Another source says")
    expect(conflict).to_contain_text("Amsterdam")
    shot("sources-and-conflict")

    # Cite it: a footnote to copy, and BibTeX, RIS and CSL-JSON with the last change.
    page.click("button.copy >> nth=0")
    page.wait_for_selector(".copied:has-text('Copied')")
    page.click(".more-styles > summary")
    assert page.input_value("#citation-bibtex").startswith("@misc{longarm-inckolahi15")
    assert "Last changed" in page.input_value("#citation-ris")
    assert json.loads(page.input_value("#citation-csl-json"))[0]["URL"].endswith("/incidents/INC-KOLAHI15")
    shot("cite")

    # A trend by origin state, and from it the list of one state's incidents.
    page.goto("/timeline")
    page.wait_for_selector("#chart-origin_state[data-rendered] svg")
    expect(page.locator("#by-origin + table")).to_contain_text("Iran")
    shot("trend-by-origin")
    page.click("#by-origin + table a:has-text('Iran')")
    page.wait_for_url(re.compile(r"origin_state=IR"))

    # Filter from the map: a country's shape narrows it; "these N as a list" opens the same incidents.
    page.goto("/map")
    page.wait_for_selector("#map[data-basemap-ready]")
    page.wait_for_selector("#map[data-markers]")
    expect(page.locator("#unlocated")).to_contain_text("without coordinates")
    page.locator("path.country-NL").dispatch_event("click")
    page.wait_for_url(re.compile(r"/map\?.*country=NL"))
    page.wait_for_selector("#map[data-markers]")
    shot("map-netherlands")
    count = int(re.search(r"These (\d+) incident", page.inner_text("#as-list")).group(1))
    page.click("#as-list")
    page.wait_for_url(re.compile(r"/incidents\?.*country=NL"))
    assert len(_listed_ids(page)) == count
    assert page.console_errors == []


ARTICLE = """{victim} shot dead in {city}, prosecutors say Iran ordered the killing

{CITY}, 4 March 2021 - Dutch prosecutors said on Thursday that Iranian intelligence ordered the killing of {victim},
an Iranian dissident who was shot dead outside his home in {city} on 2 March 2021. Two men were arrested.
"""
COURT = """Court told Iranian intelligence was behind {city} shooting of {victim}

A Dutch court heard on 9 June 2021 that {victim}, an Iranian dissident, was shot dead in {city} on 2 March 2021
on the orders of Iranian intelligence. Two defendants deny the murder.
"""
PEOPLE = {"desktop": ("Reza Tahmasebi", "Rotterdam"), "phone": ("Kaveh Rostamian", "Utrecht")}


def _ingest(live_settings, path: Path, published: str) -> None:  # type: ignore[no-untyped-def]
    """`longarm ingest` as the team runs it, on the live app's database."""
    environment = {
        "LONGARM_HOME": str(live_settings.home),
        "LONGARM_DATABASE_URL": live_settings.effective_database_url,
    }
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        run = longarm("ingest", str(path), "--published", published)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert run.code == 0 and "Traceback" not in run.stderr, run.stderr


def _open_candidate(page, city: str) -> str:  # type: ignore[no-untyped-def]
    page.goto("/review")
    link = page.locator("table.queue tr", has_text=city).locator("td a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + r"(\?.*)?$"))
    return href.rsplit("/", 1)[1]


@pytest.mark.parametrize("size", SIZES)
def test_a_reviewers_day(page, size, live_settings, tmp_path):  # type: ignore[no-untyped-def]
    page.set_viewport_size(SIZES[size])
    victim, city = PEOPLE[size]

    def shot(step: str) -> None:
        screenshot(page, f"day-{size}-reviewer-{step}")

    first, second = tmp_path / "first.txt", tmp_path / "court.txt"
    first.write_text(ARTICLE.format(victim=victim, city=city, CITY=city.upper()), encoding="utf-8")
    second.write_text(COURT.format(victim=victim, city=city), encoding="utf-8")
    _ingest(live_settings, first, "2021-03-04")

    page.goto("/login?next=/review")
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    expect(page.locator("table.queue")).to_contain_text(city)
    shot("queue")

    # Review: the first article is a new incident.
    _open_candidate(page, city)
    expect(page.locator("table.compare")).to_contain_text(victim)
    shot("candidate")
    page.click("#accept")
    page.wait_for_url(re.compile(r"/incidents/INC-[0-9A-Z]+\?candidate=\d+$"))
    incident = re.search(r"/incidents/(INC-[0-9A-Z]+)", page.url).group(1)
    expect(page.locator("#decided")).to_contain_text("accepted")

    # The court report is the same killing: merge it.
    _ingest(live_settings, second, "2021-06-10")
    candidate = _open_candidate(page, city)
    expect(page.locator("table.compare caption")).to_contain_text(incident)
    page.click("#merge")
    page.wait_for_url(re.compile(rf"/incidents/{incident}\?candidate={candidate}$"))
    shot("merged")

    # Undo the merge; reject needs a reason and a confirmation, and can be undone too.
    page.click("#decided #undo")
    page.wait_for_url(re.compile(rf"/review/{candidate}$"))
    page.click("#reject")  # no reason: the browser (required) or the server refuses
    assert page.locator("#reason").evaluate("input => !input.checkValidity()")
    page.fill("#reason", "testing the reject, then undoing it")
    page.click("#reject")
    page.wait_for_selector("#confirm-reject")
    shot("reject-confirm")
    page.click("#confirm-reject")
    page.wait_for_url(re.compile(rf"/review\?done={candidate}$"))
    expect(page.locator("#decided")).to_contain_text("rejected")
    page.click("#decided #undo")
    page.wait_for_url(re.compile(rf"/review/{candidate}$"))
    page.click("#merge")
    page.wait_for_url(re.compile(rf"/incidents/{incident}\?candidate={candidate}$"))

    # Edit with a source: a clearer title, citing the court report.
    page.click("a:has-text('Edit')")
    page.fill("#f-title", f"Killing of {victim} in {city}")
    page.click("form.edit-form button[type=submit]")
    expect(page.locator("#e-source")).to_contain_text("Cite the source")
    page.select_option("#f-source", index=1)
    page.fill("#f-note", "the court report's wording")
    shot("edit")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/incidents/{incident}$"))
    expect(page.locator("h1")).to_contain_text(f"Killing of {victim} in {city}")

    # The history reads as who changed which field, from what to what.
    page.click("a:has-text('History')")
    history = page.locator(".history")
    expect(history).to_contain_text("edited")
    expect(history.locator("table.changes").first).to_contain_text(f"Killing of {victim} in {city}")
    expect(history).to_contain_text("merged a candidate")
    expect(history).to_contain_text("undid a merge")
    assert "{'" not in page.inner_text(".history")
    shot("history")
    # The one error is the edit refused on purpose above (422, no source cited).
    assert [e for e in page.console_errors if "422" not in e] == []
