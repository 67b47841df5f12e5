"""Vega-Lite specifications of the charts, with their data inline (vega-embed draws them)."""

from __future__ import annotations

from typing import Any

from longarm.analytics.stats import YearCount
from longarm.incidents import fields
from longarm.incidents.vocabulary import Tactic

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier only; never fetched
TITLES = {
    "tactic": "Incidents per year by tactic",
    "country": "Incidents per year by host country",
    "origin_state": "Incidents per year by origin state (the state held responsible)",
}


def per_year_chart(rows: list[YearCount], *, by: str, labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A stacked bar chart of incidents per year split by `by`; a click on a bar carries year and group.

    Years without incidents are filled in so gaps show as gaps, not as a squeezed axis.
    """
    labels = labels or {}
    values = [row.model_dump() | {"label": labels.get(row.group, row.group)} for row in rows]
    years = [row.year for row in rows]
    domain = list(range(min(years), max(years) + 1)) if years else []
    legend_title = fields.facets()[by].label if by in fields.facets() else by
    sort = [labels.get(t.value, t.value) for t in Tactic] if by == "tactic" else "ascending"
    return {
        "$schema": SCHEMA,
        "description": TITLES.get(by, f"Incidents per year by {by}"),
        "title": TITLES.get(by, f"Incidents per year by {by}"),
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "bar", "cursor": "pointer", "tooltip": True},
        "encoding": {
            "x": {
                "field": "year",
                "type": "ordinal",
                "title": "Year",
                "scale": {"domain": domain},
                "axis": {"labelAngle": -45, "labelOverlap": True},
            },
            "y": {
                "aggregate": "sum",
                "field": "count",
                "type": "quantitative",
                "title": "Incidents",
                "axis": {"tickMinStep": 1, "format": "d"},
            },
            "color": {"field": "label", "type": "nominal", "title": legend_title, "sort": sort},
            "tooltip": [
                {"field": "year", "type": "ordinal", "title": "Year"},
                {"field": "label", "type": "nominal", "title": legend_title},
                {"aggregate": "sum", "field": "count", "type": "quantitative", "title": "Incidents"},
            ],
            # Carried into the click handler so a bar links to the list filtered to it.
            "detail": {"field": "group", "type": "nominal"},
        },
        "usermeta": {"by": by, "param": "tactic" if by == "tactic" else by},
    }
