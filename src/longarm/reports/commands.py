"""`longarm report`: the list's filters as a self-contained HTML or PDF report."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add `report` to the CLI."""

    @app.command("report")
    def report_command(
        out: Path = typer.Option(..., "--out", help="FILE.html or FILE.pdf; written atomically."),
        q: str = typer.Option("", "--q", help="Words to find, as in the web list's search box."),
        tactic: list[str] = typer.Option([], "--tactic", help="A tactic code; repeat for several."),
        status: list[str] = typer.Option([], "--status", help="completed, attempted, foiled or alleged."),
        country: list[str] = typer.Option([], "--country", help="ISO code of the host country."),
        region: list[str] = typer.Option([], "--region", help="Region of the host country, e.g. europe."),
        origin_state: list[str] = typer.Option([], "--origin-state", help="ISO code of the state held responsible."),
        attribution: list[str] = typer.Option([], "--attribution", help="Attribution basis, e.g. court_ruling."),
        actor: list[str] = typer.Option([], "--actor", help="An actor id: incidents it took part in."),
        year_from: str = typer.Option("", "--year-from", help="First year, inclusive."),
        year_to: str = typer.Option("", "--year-to", help="Last year, inclusive."),
    ) -> None:
        """Headline figures, the trend with its interval, charts, a map, every incident with its sources (public view).

        The same data gives the same bytes: nothing in it comes from the clock.
        """
        from longarm.errors import BadInput
        from longarm.files import write_atomically
        from longarm.incidents.search import IncidentFilters
        from longarm.reports.build import report_content
        from longarm.reports.render import report_html, report_pdf
        from longarm.storage.database import configured_transaction

        kind = out.suffix.lower()
        if kind not in (".html", ".pdf"):
            raise BadInput(f"--out {out}: name a .html or .pdf file.")
        filters = IncidentFilters.parse(
            {
                "q": [q],
                "tactic": tactic,
                "status": status,
                "country": country,
                "region": region,
                "origin_state": origin_state,
                "attribution": attribution,
                "actor": actor,
                "year_from": [year_from],
                "year_to": [year_to],
            }
        )
        with configured_transaction() as session:
            content = report_content(session=session, filters=filters)
        html = report_html(content)
        data = report_pdf(html, updated=content["updated"]) if kind == ".pdf" else html.encode("utf-8")
        write_atomically(out, data, mode=0o644)
        typer.echo(f"{out}: {len(content['incidents'])} incident(s), {len(content['citations'])} source(s) cited")
