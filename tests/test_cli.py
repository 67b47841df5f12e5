"""The command line end to end: init with the sample data, export it, and one-line errors."""

from __future__ import annotations

import json

from tests.cli_runner import longarm

SEED_INCIDENTS = {"INC-MYKONOS92", "INC-KOLAHI15", "INC-ARBABSIAR", "INC-DESPIES18", "INC-USMEKSPY19"}


def test_init_sample_then_export_lists_the_seed_incidents_with_sources(cli_env):  # type: ignore[no-untyped-def]
    assert longarm("init", "--sample").code == 0
    run = longarm("export", "--format", "json")
    assert run.code == 0, run.stderr
    incidents = {incident["id"]: incident for incident in json.loads(run.stdout)["incidents"]}
    assert set(incidents) >= SEED_INCIDENTS
    for incident_id in SEED_INCIDENTS:
        incident = incidents[incident_id]
        assert incident["sources"] and all(s["title"] and s["publisher"] for s in incident["sources"])
        assert incident["date"] and incident["location"]["country"]
    assert incidents["INC-MYKONOS92"]["location"]["place"] == "Berlin"
    assert incidents["INC-KOLAHI15"]["location"]["place"] == "Almere"


def test_mistakes_are_one_line_with_exit_2(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    assert longarm("init").code == 0
    for args, expected in (
        (["export", "--format", "xml"], "Unknown export format 'xml'"),
        (["export", "--region", "atlantis"], "region 'atlantis' is not one of"),
        (["export", "--year-from", "92"], "year_from must be a year of four digits"),
        (["import", str(tmp_path / "missing.json")], "missing.json: cannot be read"),
        (["review", "show", "999"], "There is no candidate 999"),
        (["review", "merge", "999", "INC-NOPE"], "There is no candidate 999"),
    ):
        run = longarm(*args)
        assert run.code == 2, (args, run.stderr)
        assert expected in run.stderr and run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr


def test_a_database_that_was_never_initialised_says_to_run_init(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_HOME", str(tmp_path))
    monkeypatch.setenv("LONGARM_DATABASE_URL", f"sqlite:///{tmp_path / 'never-initialised.db'}")
    run = longarm("review", "list")
    assert run.code == 2 and "Run `longarm init`" in run.stderr and "Traceback" not in run.stderr


def test_export_import_export_round_trips_through_the_installed_command(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """`longarm import` of the app's own export into a fresh database, run as a user runs it."""
    for fmt in ("json", "csv"):
        source, target = tmp_path / f"{fmt}-source", tmp_path / f"{fmt}-target"
        monkeypatch.setenv("LONGARM_HOME", str(source))
        monkeypatch.delenv("LONGARM_DATABASE_URL", raising=False)
        assert longarm("init", "--sample").code == 0
        first = tmp_path / f"first.{fmt}"
        assert longarm("export", "--format", fmt, "--out", str(first)).code == 0
        monkeypatch.setenv("LONGARM_HOME", str(target))
        assert longarm("init").code == 0
        run = longarm("import", str(first))
        assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
        second = tmp_path / f"second.{fmt}"
        assert longarm("export", "--format", fmt, "--out", str(second)).code == 0
        assert second.read_bytes() == first.read_bytes()


def test_export_takes_the_lists_filters(cli_env):  # type: ignore[no-untyped-def]
    assert longarm("init", "--sample").code == 0
    run = longarm("export", "--format", "json", "--tactic", "killing", "--region", "europe", "--year-from", "2010")
    assert run.code == 0, run.stderr
    chosen = json.loads(run.stdout)["incidents"]
    assert chosen and all(i["tactic"] == "killing" and i["date"]["start"] >= "2010" for i in chosen)
    assert {i["location"]["country"] for i in chosen} <= {"NL", "DE", "FR", "DK", "GB"}
    assert "INC-MYKONOS92" not in {i["id"] for i in chosen}
