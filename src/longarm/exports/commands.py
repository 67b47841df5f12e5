"""`longarm export` and `longarm import`."""

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
    """Add `export` and `import` to the CLI."""

    @app.command("export")
    def export_command(
        format_name: str = typer.Option("json", "--format", help="json, csv, geojson, acled or parquet."),
        out: Path | None = typer.Option(None, "--out", help="Write to this file (atomically) instead of stdout."),
        as_user: str | None = typer.Option(
            None, "--as-user", help="Sign in as this user (password asked for) to include restricted values."
        ),
        token: bool = typer.Option(
            False, "--token", help="Read an API token (asked for) to include restricted values."
        ),
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
        """Export the incidents with their sources and claims: the public view unless signed in with read_restricted.

        The filters are the web list's (`/incidents?tactic=killing&region=europe`), so a list
        seen in the browser can be exported as it is.
        """
        from longarm.auth.export_credentials import principal_for_export
        from longarm.auth.permissions import Permission
        from longarm.config import load_settings
        from longarm.errors import BadInput
        from longarm.exports.service import export_bytes, export_format, record_export
        from longarm.files import write_atomically
        from longarm.storage.database import open_engine
        from longarm.storage.engine import transaction

        filters = list_filters(locals())
        if export_format(format_name).binary and out is None:
            raise BadInput(f"--format {format_name} writes a binary file; give it with --out FILE.")
        engine = open_engine(load_settings())
        principal = principal_for_export(engine=engine, user_name=as_user, use_token=token)
        trusted = principal.can(Permission.read_restricted)
        with transaction(engine) as session:
            data = export_bytes(session=session, format_name=format_name, include_restricted=trusted, filters=filters)
            record_export(
                session=session,
                actor=principal.label,
                format_name=format_name,
                filters=filters,
                include_restricted=trusted,
            )
        if out is None:
            typer.echo(data.decode("utf-8"), nl=False)
        else:
            write_atomically(out, data, mode=0o600 if trusted else 0o644)

    @app.command("import")
    def import_command(
        file: Path = typer.Argument(..., help="A JSON or CSV file in the export's shape, or an ACLED export."),
        format_name: str = typer.Option(
            "longarm", "--format", help="longarm (JSON or CSV as `longarm export` writes) or acled."
        ),
        skip_report: Path | None = typer.Option(
            None, "--skip-report", help="With acled: write every skipped row (line, event id, reason) to this CSV."
        ),
    ) -> None:
        """Import incidents from a JSON or CSV export (all rows or none), or queue an ACLED export's fitting rows."""
        from longarm.errors import BadInput
        from longarm.storage.database import configured_transaction

        if format_name == "acled":
            return _import_acled(file, skip_report)
        if format_name != "longarm":
            raise BadInput(f"--format {format_name!r}: choose longarm or acled.")
        from longarm.exports.importing import import_path

        with configured_transaction() as session:
            result = import_path(session=session, path=file, made_by="longarm import")
        typer.echo(f"{file}: {result.created} incident(s) imported, {result.skipped} already present")


def _import_acled(file: Path, skip_report: Path | None) -> None:
    from longarm.auth.permissions import operator
    from longarm.config import load_settings
    from longarm.exports.acled_import import import_acled
    from longarm.exports.acled_import import skip_report as report_text
    from longarm.files import write_atomically
    from longarm.sources.evidence import EvidenceStore
    from longarm.storage.database import open_engine
    from longarm.storage.engine import transaction

    settings = load_settings()
    with transaction(open_engine(settings)) as session:
        result = import_acled(
            session=session, store=EvidenceStore(settings.evidence_dir), path=file, principal=operator()
        )
    typer.echo(
        f"{file}: {result.candidates} candidate(s) queued for review (source {result.source_id}),"
        f" {len(result.skipped)} row(s) skipped"
    )
    for reason, count in result.reasons().items():
        typer.echo(f"  skipped {count}: {reason}")
    if skip_report is not None:
        write_atomically(skip_report, report_text(result).encode("utf-8"))
