"""Figures and charts count only what the audience may see, with the list's filters."""

from __future__ import annotations

from longarm.analytics import charts, stats
from longarm.analytics.stats import YearCount
from longarm.incidents.search import Audience, IncidentFilters
from longarm.storage.database import initialise
from longarm.storage.engine import transaction


def test_headline_and_per_year_counts(engine):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    with transaction(engine) as session:
        figures = stats.headline(session=session)
        killings = stats.headline(session=session, filters=IncidentFilters(tactic=("killing",)))
        rows = stats.per_year(session=session, by="tactic")
        by_country = stats.per_year(session=session, by="country", filters=IncidentFilters(country=("NL",)))
        team = stats.headline(session=session, audience=Audience(drafts=True, restricted=True))
    assert figures.incidents >= killings.incidents > 0
    assert figures.first_year is not None and figures.first_year <= figures.last_year
    assert team.incidents >= figures.incidents
    assert sum(r.count for r in rows) <= figures.incidents
    assert {r.group for r in by_country} == {"NL"}
    assert sum(r.count for r in rows if r.group == "killing") <= killings.incidents


def test_the_chart_spec_fills_the_years_and_carries_the_groups():  # type: ignore[no-untyped-def]
    rows = [YearCount(year=2015, group="killing", count=2), YearCount(year=2018, group="threat", count=1)]
    spec = charts.per_year_chart(rows, by="tactic", labels={"killing": "Killing", "threat": "Threat"})
    assert spec["encoding"]["x"]["scale"]["domain"] == [2015, 2016, 2017, 2018]
    assert [v["label"] for v in spec["data"]["values"]] == ["Killing", "Threat"]
    assert spec["usermeta"]["param"] == "tactic"
    assert charts.per_year_chart([], by="country")["data"]["values"] == []
