"""Export → import into an empty database → export gives the same text."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine

from longarm.exports.importing import import_records, read_records
from longarm.exports.service import export_text
from longarm.incidents import sealing
from longarm.storage.database import initialise
from longarm.storage.engine import transaction


def _export(engine, format_name: str) -> str:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return export_text(session=session, format_name=format_name)


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_export_import_export_is_identical(engine, settings, tmp_path, format_name):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    first = _export(engine, format_name)
    empty = sealing.install(create_engine(f"sqlite:///{tmp_path / 'empty.db'}"), settings)
    initialise(empty, sample=False)
    with transaction(empty) as session:
        import_records(session=session, records=read_records(first.encode(), name="export"), made_by="test", name="x")
    assert _export(empty, format_name) == first
    empty.dispose()


def test_import_twice_adds_nothing(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    first = _export(engine, "json")
    with transaction(engine) as session:
        result = import_records(session=session, records=read_records(first.encode(), name="e"), made_by="t", name="e")
    assert result.created == 0 and result.skipped == len(json.loads(first)["incidents"])
    assert _export(engine, "json") == first


def test_every_exported_value_is_backed_by_a_claim(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    for incident in json.loads(_export(engine, "json"))["incidents"]:
        fields = {claim["field"] for claim in incident["claims"]}
        for name in ("tactic", "status", "date", "location", "origin_state", "fatalities"):
            if incident[name] is not None:
                assert name in fields, (incident["id"], name)
        if incident["attribution"]:
            assert "attribution" in fields
        for key, field in (("victims", "victim"), ("perpetrators", "perpetrator"), ("outcomes", "outcome")):
            if incident[key]:
                assert field in fields, (incident["id"], field)
        cited = {claim.get("source") for claim in incident["claims"]}
        assert {source["id"] for source in incident["sources"]} == cited - {None}
        assert all(claim.get("quote") or claim.get("note") for claim in incident["claims"])
