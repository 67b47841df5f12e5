"""ACLED and Parquet: what other tools read and write, with the list's filters and the fields kept."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from longarm.auth.permissions import operator
from longarm.exports.acled_format import COLUMNS
from longarm.exports.acled_import import FITTING, import_acled
from longarm.exports.service import export_bytes, export_text
from longarm.incidents.search import IncidentFilters
from longarm.review.models import Candidate
from longarm.sources.evidence import EvidenceStore
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from tests.cli_runner import longarm

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "acled_sample.csv"
HEADER = ",".join(COLUMNS)


def _import(engine, path: Path, evidence: Path):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return import_acled(session=session, store=EvidenceStore(evidence), path=path, principal=operator())


def _payloads(engine) -> dict[str, dict]:  # type: ignore[type-arg,no-untyped-def]
    with transaction(engine) as session:
        return {c.payload["acled"]["event_id_cnty"]: c.payload for c in session.scalars(select(Candidate))}


def test_acled_export_has_acleds_columns_and_codes(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    with transaction(engine) as session:
        rows = list(csv.DictReader(io.StringIO(export_text(session=session, format_name="acled"))))
    assert list(rows[0]) == list(COLUMNS)
    by_id = {row["event_id_cnty"]: row for row in rows}
    kolahi = by_id["INC-KOLAHI15"]
    assert (kolahi["event_type"], kolahi["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (kolahi["iso"], kolahi["iso3"], kolahi["country"]) == ("528", "NLD", "Netherlands")
    assert kolahi["time_precision"] == "3" and kolahi["geo_precision"] == "1"  # a month; the town itself
    assert kolahi["fatalities"] == "1" and kolahi["interaction"] == "78"
    assert by_id["INC-ARBABSIAR"]["sub_event_type"] == "Disrupted weapons use"  # a foiled plot


def test_acled_export_import_keeps_the_fields(engine, tmp_path):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    with transaction(engine) as session:
        records = json.loads(export_text(session=session, format_name="json"))["incidents"]
        (tmp_path / "export.csv").write_bytes(export_bytes(session=session, format_name="acled"))
    result = _import(engine, tmp_path / "export.csv", tmp_path / "evidence")
    assert result.candidates == len(records) and result.skipped == []
    payloads = _payloads(engine)
    for record in records:
        payload = payloads[record["id"]]
        for name in ("tactic", "status", "date", "location", "origin_state", "fatalities", "attribution"):
            assert payload.get(name) == record[name], (record["id"], name)
        assert [(v["name"], v["affiliations"]) for v in payload["victims"]] == [
            (v.get("name"), v.get("affiliations") or []) for v in record["victims"]
        ]
        assert [(p["name"], p["id"], p["kind"]) for p in payload["perpetrators"]] == [
            (p.get("name"), p.get("id"), p.get("kind")) for p in record["perpetrators"]
        ]


def test_acled_rows_that_fit_become_candidates_and_the_rest_are_reported(engine, tmp_path):  # type: ignore[no-untyped-def]
    initialise(engine, sample=False)
    blank = dict.fromkeys(COLUMNS, "")
    rows = [
        blank
        | {
            "event_id_cnty": "IRQ1",
            "event_date": "2020-05-09",
            "time_precision": "1",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Military Forces of Iran (1989-)",
            "country": "Iraq",
            "iso": "368",
            "location": "Erbil",
            "latitude": "36.19",
            "longitude": "44.01",
            "geo_precision": "1",
            "notes": "Shelling of a Kurdish opposition camp.",
            "fatalities": "2",
        },
        blank
        | {
            "event_id_cnty": "TUR2",
            "event_date": "09 May 2020",
            "time_precision": "3",
            "event_type": "Strategic developments",
            "sub_event_type": "Arrests",
            "actor1": "Police Forces of Turkey (2016-)",
            "country": "Turkey",
            "iso": "792",
            "notes": "Police detained two exiled journalists.",
            "fatalities": "0",
        },
        blank
        | {
            "event_id_cnty": "FRA3",
            "event_date": "9-May-20",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (France)",
            "country": "France",
            "notes": "A march.",
        },
        blank
        | {
            "event_id_cnty": "MEX4",
            "event_date": "2020-05-09",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Unidentified Gang (Mexico)",
            "country": "Mexico",
            "notes": "A man was shot.",
            "fatalities": "1",
        },
    ]
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = _import(engine, path, tmp_path / "evidence")
    assert result.candidates == 2
    assert [(line, event) for line, event, _reason in result.skipped] == [(4, "FRA3"), (5, "MEX4")]
    assert "not an attack" in result.skipped[0][2] and "abroad" in result.skipped[1][2]
    payloads = _payloads(engine)
    erbil = payloads["IRQ1"]
    assert (erbil["tactic"], erbil["status"], erbil["origin_state"], erbil["fatalities"]) == (
        "killing",
        "completed",
        "IR",
        2,
    )
    assert erbil["date"] == {"start": "2020-05-09", "end": "2020-05-09", "precision": "day"}
    assert erbil["location"] == {"place": "Erbil", "country": "IQ", "lat": 36.19, "lon": 44.01, "precision": "city"}
    quote = erbil["evidence"][0]
    assert path.read_bytes().decode("utf-8")[quote["start"] : quote["end"]] == quote["quote"] == rows[0]["notes"]
    assert payloads["TUR2"]["tactic"] == "detention" and payloads["TUR2"]["date"]["precision"] == "month"


def test_importing_the_real_acled_sample(engine, tmp_path):  # type: ignore[no-untyped-def]
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is not beside the repository")
    initialise(engine, sample=False)
    result = _import(engine, SAMPLE, tmp_path / "evidence")
    rows = list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    assert result.candidates + len(result.skipped) == len(rows)
    assert result.candidates > 0
    payloads = _payloads(engine)
    assert len(payloads) == result.candidates
    assert {p["acled"]["sub_event_type"] for p in payloads.values()} <= FITTING
    skipped = {event for _line, event, _reason in result.skipped}
    assert all(row["event_id_cnty"] not in skipped for row in rows if row["event_id_cnty"] in payloads)
    reasons = result.reasons()
    assert reasons["Protests / Peaceful protest: not an attack, abduction, arrest or disrupted weapons use"] == sum(
        row["sub_event_type"] == "Peaceful protest" for row in rows
    )


def test_cli_acled_import_reports_and_refuses_what_it_cannot_read(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    assert longarm("init").code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    run = longarm("import", "--format", "acled", str(bad))
    assert run.code == 2 and run.stderr.strip().count("\n") == 0 and "ACLED" in run.stderr
    good = tmp_path / "one.csv"
    good.write_text(HEADER + "\n" + ",".join("" for _ in COLUMNS) + "\n", encoding="utf-8")
    report = tmp_path / "skipped.csv"
    run = longarm("import", "--format", "acled", str(good), "--skip-report", str(report))
    assert run.code == 0, run.stderr
    assert "0 candidate(s) queued" in run.stdout and "1 row(s) skipped" in run.stdout
    assert report.read_text(encoding="utf-8").splitlines()[0] == "line,event_id_cnty,reason"


def test_parquet_opens_in_pandas_with_the_json_exports_rows(engine, tmp_path):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    chosen = IncidentFilters(origin_state=("IR",))
    with transaction(engine) as session:
        records = json.loads(export_text(session=session, format_name="json", filters=chosen))["incidents"]
        (tmp_path / "x.parquet").write_bytes(export_bytes(session=session, format_name="parquet", filters=chosen))
    table = pd.read_parquet(tmp_path / "x.parquet")
    assert list(table["id"]) == [record["id"] for record in records]
    for row, record in zip(table.to_dict("records"), records, strict=True):
        row = {name: None if pd.isna(value) else value for name, value in row.items()}
        location = record["location"] or {}
        assert (row["tactic"], row["origin_state"], row["title"]) == (record["tactic"], "IR", record["title"])
        assert row["date_start"] == (record["date"] or {}).get("start")
        assert (row["lat"], row["lon"], row["fatalities"]) == (
            location.get("lat"),
            location.get("lon"),
            record["fatalities"],
        )
        assert row["source_ids"] == "; ".join(source["id"] for source in record["sources"])


def test_binary_export_needs_a_file(cli_env):  # type: ignore[no-untyped-def]
    assert longarm("init", "--sample").code == 0
    run = longarm("export", "--format", "parquet")
    assert run.code == 2 and "--out" in run.stderr
