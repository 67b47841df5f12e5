"""`longarm backup DIR` and `longarm restore DIR`."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` to the CLI."""

    @app.command("backup")
    def backup_command(directory: Path = typer.Argument(..., help="A new or empty folder for the backup.")) -> None:
        """Write a database snapshot, the evidence files and a signed SHA-256 manifest into DIR."""
        from longarm.auth.permissions import operator
        from longarm.backup.service import backup
        from longarm.config import load_settings
        from longarm.storage.database import open_engine

        settings = load_settings()
        manifest = backup(engine=open_engine(settings), settings=settings, directory=directory, actor=operator().label)
        typer.echo(f"backup written to {directory}: {len(manifest['files'])} file(s); keep the key file apart from it")

    @app.command("restore")
    def restore_command(directory: Path = typer.Argument(..., help="A folder written by `longarm backup`.")) -> None:
        """Check every hash in DIR's manifest, then replace the database and evidence store with the backup."""
        from longarm.auth.permissions import operator
        from longarm.backup.service import restore
        from longarm.config import load_settings
        from longarm.storage.database import open_engine

        settings = load_settings()
        manifest = restore(engine=open_engine(settings), settings=settings, directory=directory, actor=operator().label)
        typer.echo(f"restored the backup of {manifest['created']} from {directory}")
