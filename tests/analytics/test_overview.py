"""`longarm stats` and /api/v1/stats/analysis: counts, the trend and the seed's estimate, public view only."""

from __future__ import annotations

import json

import pytest

from longarm.analytics.overview import overview
from longarm.incidents import service as incidents
from longarm.incidents.models import Estimate
from longarm.incidents.schemas import IncidentRecord
from longarm.incidents.search import Audience, IncidentFilters
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from longarm.web.app import create_app
from tests.cli_runner import longarm
from tests.security.helpers import client_for

IRAN = IncidentFilters(origin_state=("IR",))


def _add_restricted_killing(engine) -> None:  # type: ignore[no-untyped-def]
    record = IncidentRecord.model_validate(
        {
            "id": "INC-TEST-RESTRICTED-IR",
            "title": "Restricted killing",
            "tactic": "killing",
            "status": "completed",
            "origin_state": "IR",
            "fatalities": 1,
            "sensitivity": "restricted",
            "date": {"start": "2023-03-01", "end": "2023-03-01", "precision": "day"},
        }
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="test", note="test")


def test_counts_trend_and_estimate_for_iran_leave_restricted_incidents_out(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    initialise(engine, sample=True)  # a second run adds the estimate only once
    _add_restricted_killing(engine)
    with transaction(engine) as session:
        assert len(session.query(Estimate).all()) == 1
        public = overview(session=session, filters=IRAN, this_year=2026)
        trusted = overview(session=session, filters=IRAN, audience=Audience(restricted=True), this_year=2026)
    assert public.incidents == 10 and trusted.incidents == 11
    assert public.counts["origin_state"] == {"IR": 10}
    assert public.counts["tactic"]["killing"] == 6
    assert public.counts["year"]["unknown"] == public.undated == 2
    years = [int(y) for y in public.trend.years]
    assert years == list(range(1992, 2020)) and sum(public.trend.years.values()) == 8
    assert "2023" not in public.trend.years and "2023" in trusted.trend.years
    assert any("too few" in w for w in public.trend.warnings)
    [estimate] = public.estimates
    assert estimate.value == 360 and estimate.by == "U.S. State Department"
    assert estimate.source is not None and estimate.source.id == "SRC-SEED-ALMASHAREQ-2020"
    assert estimate.quote is not None and "360" in estimate.quote
    assert estimate.filters == {"tactic": "killing", "origin_state": "IR", "year_from": "1979"}
    assert estimate.database.incidents == 5
    assert trusted.estimates[0].database.incidents == 6
    with transaction(engine) as session:
        elsewhere = overview(session=session, filters=IncidentFilters(origin_state=("CN",)), this_year=2026)
    assert elsewhere.incidents == 0 and elsewhere.estimates == []


def test_the_installed_command_prints_the_trend_and_the_estimate(cli_env):  # type: ignore[no-untyped-def]
    assert longarm("init", "--sample").code == 0
    run = longarm("stats", "--origin-state", "IR")
    assert run.code == 0, run.stderr
    assert "by tactic: killing 6" in run.stdout
    assert "trend 1992–2019: " in run.stdout and "95% CI" in run.stdout
    assert "estimate: 360 people killed abroad (U.S. State Department" in run.stdout
    assert "this database, same scope: 5 incident(s)" in run.stdout
    as_json = longarm("stats", "--origin-state", "IR", "--json")
    assert json.loads(as_json.stdout)["trend"]["reading"] in ("increasing", "decreasing", "no clear trend")
    bad = longarm("stats", "--tactic", "poisoning")
    assert bad.code == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "tactic 'poisoning'" in bad.stderr


@pytest.mark.parametrize(
    ("params", "field"),
    [({"tactic": "poisoning"}, "tactic"), ({"country": "XX"}, "country"), ({"year_from": "19"}, "year_from")],
)
def test_the_api_answers_json_and_bad_filters_in_the_error_contract(engine, settings, params, field):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    _add_restricted_killing(engine)
    client = client_for(create_app(settings, engine=engine))
    found = client.get("/api/v1/stats/analysis", params={"origin_state": "IR"})
    response = client.get("/api/v1/stats/analysis", params=params)
    assert found.status_code == 200 and found.headers["content-type"] == "application/json"
    body = found.json()
    assert body["incidents"] == 10 and body["trend"]["rate_ratio_per_year"] > 0
    assert body["estimates"][0]["database"]["incidents"] == 5
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and error["type"] == "bad_input"
    assert field in error["fields"] and field in error["message"]
