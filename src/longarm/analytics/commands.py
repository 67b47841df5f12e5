"""`longarm stats`: counts, the yearly trend and the sources' estimates for the list's filters."""

from __future__ import annotations

import json
from typing import Any

import typer


def register(app: typer.Typer) -> None:
    """Add `stats` to the CLI."""

    @app.command("stats")
    def stats_command(
        q: str = typer.Option("", "--q", help="Words to find, as in the list's search box."),
        tactic: list[str] = typer.Option([], "--tactic", help="Tactic code; repeat for several."),
        status: list[str] = typer.Option([], "--status", help="completed, attempted, foiled or alleged."),
        origin_state: list[str] = typer.Option([], "--origin-state", help="ISO code of the state held responsible."),
        country: list[str] = typer.Option([], "--country", help="ISO code of the host country; repeat for several."),
        attribution: list[str] = typer.Option([], "--attribution", help="Attribution basis: court_ruling … none."),
        year_from: str = typer.Option("", "--year-from", help="First year, inclusive."),
        year_to: str = typer.Option("", "--year-to", help="Last year, inclusive."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON (as /api/v1/stats/analysis)."),
    ) -> None:
        """Counts by year, tactic, status, origin, host country and attribution; the trend; estimates (public view)."""
        from datetime import UTC, datetime

        from longarm.analytics.overview import overview
        from longarm.incidents.search import IncidentFilters
        from longarm.storage.database import configured_transaction

        params = {
            "q": [q],
            "tactic": tactic,
            "status": status,
            "origin_state": origin_state,
            "country": country,
            "attribution": attribution,
            "year_from": [year_from],
            "year_to": [year_to],
        }
        filters = IncidentFilters.parse(params)
        with configured_transaction() as session:
            figures = overview(session=session, filters=filters, this_year=datetime.now(UTC).year)
        typer.echo(json.dumps(figures, indent=1, ensure_ascii=False) if as_json else as_text(figures))


def as_text(figures: dict[str, Any]) -> str:
    """The figures as the lines `longarm stats` prints."""
    chosen = " ".join(f"{name}={value}" for name, value in figures["filters"]) or "no filters"
    lines = [f"{figures['incidents']} published public incident(s), {figures['undated']} undated ({chosen})"]
    for name, counts in figures["counts"].items():
        lines.append(f"  by {name.replace('_', ' ')}: " + (", ".join(f"{k} {n}" for k, n in counts.items()) or "-"))
    found = figures["trend"]
    lines.append(f"trend {found['sentence']}")
    lines.extend(f"  warning: {warning}" for warning in found["warnings"])
    for estimate in figures["estimates"]:
        source = estimate["source"] or {}
        scope = " ".join(f"{k}={v}" for k, v in estimate["filters"].items())
        lines.append(
            f"estimate: {estimate['value']:g} {estimate['unit']} ({estimate['by']}; {scope});"
            f" source {source.get('id', 'unknown')}: {source.get('title', '')}"
        )
        lines.append(f'  quote: "{estimate["quote"]}"')
        database = estimate["database"]
        counted = f"{database['incidents']} incident(s), {database['fatalities']} death(s) recorded"
        lines.append(f"  this database, same scope: {counted}")
    return "\n".join(lines)
