"""A report's content for the list's filters: figures, trend, charts, map, incidents and numbered citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from longarm.analytics import stats
from longarm.analytics.overview import overview
from longarm.exports.service import records
from longarm.incidents.search import PUBLIC, IncidentFilters
from longarm.reports.figures import charts
from longarm.reports.world_map import world_map
from longarm.web.rendering import date_text, facet_value


@dataclass
class Citations:
    """Sources numbered in the order the report first cites them, so `[3]` always means the same source."""

    numbers: dict[str, int] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, source: dict[str, Any]) -> int:
        """The source's number, giving it the next one the first time."""
        if source["id"] not in self.numbers:
            self.sources.append(source)
            self.numbers[source["id"]] = len(self.sources)
        return self.numbers[source["id"]]


def report_content(*, session: Session, filters: IncidentFilters) -> dict[str, Any]:
    """Everything the report shows (the public view), from the data alone: no clock, no randomness."""
    updated = stats.last_updated(session=session, audience=PUBLIC)
    # The trend's reporting-lag warning needs "now"; the record's last change stands in for the clock,
    # so the same data always gives the same report.
    as_of = updated.year if updated else datetime(1970, 1, 1).year
    figures = overview(session=session, filters=filters, audience=PUBLIC, this_year=as_of)
    citations = Citations()
    found = records(session=session, filters=filters, audience=PUBLIC, include_restricted=False)
    incidents = [record.model_dump(mode="json") for record in found]
    for incident in incidents:
        incident["cited"] = sorted(citations.cite(source) for source in incident["sources"])
    # The template's figures: each estimate with its source's citation number.
    shown = figures.model_dump(mode="json")
    for estimate in shown["estimates"]:
        estimate["cited"] = citations.cite(estimate["source"]) if estimate["source"] else None
    located = [
        (i["location"]["lat"], i["location"]["lon"], f"{i['title']} ({date_text(i['date'])})")
        for i in incidents
        if (i.get("location") or {}).get("lat") is not None and i["location"].get("lon") is not None
    ]
    chosen = ", ".join(f"{name.replace('_', ' ')} {_value(name, value)}" for name, value in filters.to_params())
    return {
        "filters": chosen or "all public incidents",
        "updated": updated.strftime("%Y-%m-%d") if updated else None,
        "figures": shown,
        "headline": stats.headline(session=session, filters=filters, audience=PUBLIC),
        "charts": charts(figures),
        "map": world_map(
            hosts={k: n for k, n in figures.counts["country"].items() if k != "unknown"},
            points=located,
            title=f"Where the {len(incidents)} incident(s) happened: {len(located)} placed on the map",
        ),
        "located": len(located),
        "incidents": incidents,
        "citations": citations.sources,
    }


def _value(name: str, value: str) -> str:
    return value if name == "q" else facet_value(name, value)
