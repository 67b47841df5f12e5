"""`longarm stats`: counts, the yearly trend and the sources' estimates for the list's filters."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from longarm.incidents.filter_options import (
    Actors,
    Attributions,
    Countries,
    Origins,
    Regions,
    Statuses,
    Tactics,
    Words,
    YearFrom,
    YearTo,
    list_filters,
)

if TYPE_CHECKING:
    from longarm.analytics.overview import Overview


def register(app: typer.Typer) -> None:
    """Add `stats` to the CLI."""

    @app.command("stats")
    def stats_command(
        q: Words = "",
        tactic: Tactics = [],  # noqa: B006  (typer reads the default; it is never mutated)
        status: Statuses = [],  # noqa: B006
        country: Countries = [],  # noqa: B006
        region: Regions = [],  # noqa: B006
        origin_state: Origins = [],  # noqa: B006
        attribution: Attributions = [],  # noqa: B006
        actor: Actors = [],  # noqa: B006
        year_from: YearFrom = "",
        year_to: YearTo = "",
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON (as /api/v1/stats/analysis)."),
    ) -> None:
        """Counts by year, tactic, status, origin, host country and attribution; the trend; estimates (public view)."""
        from datetime import UTC, datetime

        from longarm.analytics.overview import overview
        from longarm.storage.database import configured_transaction

        filters = list_filters(locals())
        with configured_transaction() as session:
            figures = overview(session=session, filters=filters, this_year=datetime.now(UTC).year)
        shown = json.dumps(figures.model_dump(mode="json"), indent=1, ensure_ascii=False) if as_json else None
        typer.echo(shown or as_text(figures))


def as_text(figures: Overview) -> str:
    """The figures as the lines `longarm stats` prints."""
    chosen = " ".join(f"{name}={value}" for name, value in figures.filters) or "no filters"
    lines = [f"{figures.incidents} published public incident(s), {figures.undated} undated ({chosen})"]
    for name, counts in figures.counts.items():
        lines.append(f"  by {name.replace('_', ' ')}: " + (", ".join(f"{k} {n}" for k, n in counts.items()) or "-"))
    lines.append(f"trend {figures.trend.sentence}")
    lines.extend(f"  warning: {warning}" for warning in figures.trend.warnings)
    for estimate in figures.estimates:
        source = estimate.source
        scope = " ".join(f"{k}={v}" for k, v in estimate.filters.items())
        lines.append(
            f"estimate: {estimate.value:g} {estimate.unit} ({estimate.by}; {scope});"
            f" source {source.id if source else 'unknown'}: {source.title if source else ''}"
        )
        lines.append(f'  quote: "{estimate.quote}"')
        database = estimate.database
        counted = f"{database.incidents} incident(s), {database.fatalities} death(s) recorded"
        lines.append(f"  this database, same scope: {counted}")
    return "\n".join(lines)
