"""`longarm export` and `longarm import`."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add `export` and `import` to the CLI."""

    @app.command("export")
    def export_command(
        format_name: str = typer.Option("json", "--format", help="json, csv or geojson."),
        out: Path | None = typer.Option(None, "--out", help="Write to this file (atomically) instead of stdout."),
    ) -> None:
        """Export the published incidents with their sources and claims (the public view)."""
        from longarm.config import load_settings
        from longarm.exports.service import export_text
        from longarm.files import write_atomically
        from longarm.storage.database import open_engine
        from longarm.storage.engine import transaction

        with transaction(open_engine(load_settings())) as session:
            text = export_text(session=session, format_name=format_name)
        if out is None:
            typer.echo(text, nl=False)
        else:
            write_atomically(out, text.encode("utf-8"))

    @app.command("import")
    def import_command(file: Path = typer.Argument(..., help="A JSON or CSV file in the export's shape.")) -> None:
        """Import incidents from a JSON or CSV export; all rows or none."""
        from longarm.config import load_settings
        from longarm.exports.importing import import_path
        from longarm.storage.database import open_engine
        from longarm.storage.engine import transaction

        with transaction(open_engine(load_settings())) as session:
            result = import_path(session=session, path=file, made_by="longarm import")
        typer.echo(f"{file}: {result.created} incident(s) imported, {result.skipped} already present")
