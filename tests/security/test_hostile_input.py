"""Hostile input renders inert: script tags and event handlers in titles and names; formula cells in CSV."""

from __future__ import annotations

import csv
import io

import pytest

from longarm.exports.csv_format import neutralise, stream_csv
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.storage.engine import transaction
from tests.security.helpers import client_for

SCRIPT = '<script>alert("x")</script>'
HANDLER = '<img src=x onerror="alert(1)">'


def test_script_and_handlers_in_titles_and_names_are_escaped(engine, web_app):  # type: ignore[no-untyped-def]
    record = IncidentRecord.model_validate(
        {
            "id": "INC-XSS",
            "sources": [{"id": "SRC-XSS", "title": f"Report {HANDLER}", "publisher": SCRIPT}],
            "claims": [
                {
                    "field": "title",
                    "value": f"Title {SCRIPT}",
                    "source": "SRC-XSS",
                    "quote": f"quote {HANDLER}",
                    "made_by": "t",
                },
                {"field": "tactic", "value": "threat", "source": "SRC-XSS", "note": "n", "made_by": "t"},
                {
                    "field": "victim",
                    "value": {"name": f"Name {HANDLER}"},
                    "source": "SRC-XSS",
                    "note": SCRIPT,
                    "made_by": "t",
                },
            ],
        }
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="t", note="n")
    client = client_for(web_app)
    pages = ["/", "/incidents", "/incidents/INC-XSS", "/sources/SRC-XSS", "/incidents?q=Title"]
    for path in pages:
        body = client.get(path).text
        assert "<script>alert" not in body, path
        assert "<img src=x" not in body and 'onerror="alert' not in body, path
    assert "&lt;script&gt;" in client.get("/incidents/INC-XSS").text


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_cells_are_neutralised(cell):  # type: ignore[no-untyped-def]
    assert neutralise(cell).startswith("'")
    record = {"id": "INC-1", "title": cell, "victims": [{"name": cell}], "sources": [{"id": "S", "title": cell}]}
    text = "".join(stream_csv([IncidentRecord.model_validate(record)]))
    row = next(csv.DictReader(io.StringIO(text)))
    for column in ("title", "victims", "source_titles"):
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])


def test_ordinary_cells_are_left_alone():  # type: ignore[no-untyped-def]
    assert neutralise("Amsterdam") == "Amsterdam"
