"""The charts of a set of figures (`analytics.overview`), as the stats page and the report both draw them."""

from __future__ import annotations

from markupsafe import Markup

from longarm.analytics.overview import UNKNOWN, Overview
from longarm.names.countries import country_name
from longarm.names.labels import label
from longarm.reports.charts import bar_chart, column_chart

BREAKDOWNS = {
    "tactic": ("Incidents by tactic", label),
    "origin_state": ("Incidents by origin state (the state held responsible)", country_name),
    "country": ("Incidents by host country", country_name),
}
MOST_BARS = 12
"""Past this many values a breakdown keeps the largest and adds up the rest, so the chart stays legible."""


def charts(figures: Overview) -> dict[str, Markup]:
    """A column chart of the yearly counts the trend was fitted to, and a bar chart per breakdown."""
    years = list(figures.trend.years.items())
    drawn = {
        "year": column_chart(years, title="Incidents per year (the counts the trend is fitted to)", x_title="Year")
    }
    for name, (title, named) in BREAKDOWNS.items():
        pairs = [(named(value) if value != UNKNOWN else "unknown", n) for value, n in figures.counts[name].items()]
        if len(pairs) > MOST_BARS:
            rest = sum(n for _value, n in pairs[MOST_BARS - 1 :])
            pairs = [*pairs[: MOST_BARS - 1], ("all others", rest)]
        drawn[name] = bar_chart(pairs, title=title)
    return drawn
