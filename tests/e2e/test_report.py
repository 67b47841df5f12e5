"""The report of the sample data in Chromium (a screenshot) and as PDF, its pages looked at through poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from longarm.storage.database import initialise
from tests.cli_runner import longarm
from tests.e2e.conftest import SCREENSHOTS
from tests.web.fixtures import PERSIAN_NAME, add_quoted_incident

pytestmark = pytest.mark.browser
BAR = (43, 108, 176)  # the charts' bar colour (reports/charts.py)


def _report(engine, tmp_path: Path, suffix: str) -> Path:  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    add_quoted_incident(engine)
    out = tmp_path / f"report{suffix}"
    run = longarm("report", "--out", str(out))
    assert run.code == 0, run.stderr
    return out


def _ids(engine) -> list[str]:  # type: ignore[no-untyped-def]
    run = longarm("export", "--format", "csv")
    return [line.split(",", 1)[0] for line in run.stdout.splitlines()[1:]]


def test_the_report_renders_in_chromium(engine, cli_env, tmp_path, browser):  # type: ignore[no-untyped-def]
    html = _report(engine, tmp_path, ".html")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(html.as_uri())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    for chart in ("#chart-year", "#chart-tactic", "#chart-origin_state", "#chart-country", "#map"):
        box = page.locator(f"{chart} svg").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 50, chart
    assert page.locator("#chart-year svg rect").count() > 0 and page.locator("#map svg path").count() > 100
    assert requests == [html.as_uri()]  # self-contained: nothing else is fetched
    for incident_id in _ids(engine):
        assert re.search(r"\[\d+\]", page.locator(f"tr[id='{incident_id}'] td.cited").inner_text()), incident_id
    context.close()


def _pixels(ppm: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what pdftoppm writes)."""
    magic, width, height, _depth, data = ppm.split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), data


def _words(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page, word, top, bottom) for every word, in points, from pdftotext's bounding boxes."""
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found, page = [], 0
    for line in layout.splitlines():
        if "<page " in line:
            page += 1
        elif match := re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', line):
            found.append((page, match[3], float(match[1]), float(match[2])))
    return found


def test_the_pdf_has_the_text_the_charts_and_every_citation(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils is not installed (scripts/system-deps.sh installs it).")
    pdf = _report(engine, tmp_path, ".pdf")
    again = tmp_path / "again.pdf"
    assert longarm("report", "--out", str(again)).code == 0
    assert pdf.read_bytes() == again.read_bytes()  # the same data, the same bytes
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    joined = re.sub(r"\s+", "", text)  # ids wrap inside narrow table cells
    for heading in ("Headline figures", "Is it increasing?", "Estimates from sources", "Map", "References"):
        assert heading in text
    assert "95% interval" in text or "No trend can be fitted" in text
    for incident_id in _ids(engine):
        assert incident_id in joined, incident_id
    assert PERSIAN_NAME.split()[0] in text or PERSIAN_NAME.split()[0][::-1] in text
    words = _words(pdf)
    title = next(w for w in words if w[1] == "Incidents" and any(v[1] == "year" and v[0] == w[0] for v in words))
    caption = next(w for w in words if w[0] == title[0] and w[1] == "Counts" and w[2] > title[3])
    pages = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(title[0]), "-l", str(title[0]), str(pdf), str(pages)], check=True)
    width, height, data = _pixels(next(tmp_path.glob("page*.ppm")).read_bytes())
    area = [
        tuple(data[i : i + 3])
        for y in range(int(title[3]), int(caption[2]))
        for i in range(y * width * 3, (y + 1) * width * 3, 3)
    ]
    drawn = sum(1 for pixel in area if pixel != (255, 255, 255))
    bars = sum(1 for pixel in area if all(abs(a - b) < 24 for a, b in zip(pixel, BAR, strict=True)))
    assert drawn > 0.02 * len(area) and bars > 200, (drawn, bars, len(area))
