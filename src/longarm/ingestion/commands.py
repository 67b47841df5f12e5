"""Commands for turning documents into candidate incidents."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add `extract` and `ingest` to the CLI."""
