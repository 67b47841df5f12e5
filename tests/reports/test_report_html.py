"""The report's HTML: self-contained, the same bytes from the same data, every incident with its citations."""

from __future__ import annotations

import re

from longarm.incidents.search import IncidentFilters
from longarm.reports.build import report_content
from longarm.reports.render import report_html
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from tests.cli_runner import longarm
from tests.web.fixtures import PERSIAN_NAME, add_quoted_incident


def _html(engine, filters: IncidentFilters | None = None) -> str:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return report_html(report_content(session=session, filters=filters or IncidentFilters()))


def test_every_incident_cites_numbered_references_that_exist(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    add_quoted_incident(engine)
    html = _html(engine)
    with transaction(engine) as session:
        content = report_content(session=session, filters=IncidentFilters())
    references = re.findall(r'<li id="ref-(\d+)">', html)
    assert references == [str(n) for n in range(1, len(content["citations"]) + 1)]
    for incident in content["incidents"]:
        row = html.split(f'<tr id="{incident["id"]}">', 1)[1].split("</tr>", 1)[0]
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", row)]
        assert len(numbers) == len(incident["sources"]) > 0, incident["id"]
        assert {content["citations"][n - 1]["id"] for n in numbers} == {s["id"] for s in incident["sources"]}
    assert f'dir="auto" lang="fa">{PERSIAN_NAME}' in html
    assert html.count("<svg") == 5  # four charts and the map, drawn into the file
    assert "<script" not in html and "src=" not in html and "http://" not in html.split("<body>", 1)[0]


def test_the_same_data_gives_the_same_bytes_and_filters_narrow_it(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    assert _html(engine) == _html(engine)
    narrowed = _html(engine, IncidentFilters(country=("NL",)))
    assert "INC-KOLAHI15" in narrowed and "INC-MYKONOS92" not in narrowed
    assert "Transnational repression: country Netherlands" in narrowed


def test_the_cli_writes_the_report_and_refuses_other_suffixes(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    assert longarm("init", "--sample").code == 0
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    run = longarm("report", "--origin-state", "IR", "--out", str(first))
    assert run.code == 0, run.stderr
    assert longarm("report", "--origin-state", "IR", "--out", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    wrong = longarm("report", "--out", str(tmp_path / "r.docx"))
    assert wrong.code == 2 and wrong.stderr.count("\n") == 1 and ".html or .pdf" in wrong.stderr
    assert not (tmp_path / "r.docx").exists()
