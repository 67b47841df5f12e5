"""`longarm report`: the list's filters as a self-contained HTML or PDF report."""

from __future__ import annotations

from pathlib import Path

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


def register(app: typer.Typer) -> None:
    """Add `report` to the CLI."""

    @app.command("report")
    def report_command(
        out: Path = typer.Option(..., "--out", help="FILE.html or FILE.pdf; written atomically."),
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
    ) -> None:
        """Headline figures, the trend with its interval, charts, a map, every incident with its sources (public view).

        The same data gives the same bytes: nothing in it comes from the clock.
        """
        from longarm.errors import BadInput
        from longarm.files import write_atomically
        from longarm.reports.build import report_content
        from longarm.reports.render import report_html, report_pdf
        from longarm.storage.database import configured_transaction

        filters = list_filters(locals())
        kind = out.suffix.lower()
        if kind not in (".html", ".pdf"):
            raise BadInput(f"--out {out}: name a .html or .pdf file.")
        with configured_transaction() as session:
            content = report_content(session=session, filters=filters)
        html = report_html(content)
        data = report_pdf(html, updated=content["updated"]) if kind == ".pdf" else html.encode("utf-8")
        write_atomically(out, data, mode=0o644)
        typer.echo(f"{out}: {len(content['incidents'])} incident(s), {len(content['citations'])} source(s) cited")
