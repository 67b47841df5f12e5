"""`longarm init`: create or migrate the database."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add `init` to the CLI."""

    @app.command()
    def init(
        sample: bool = typer.Option(False, "--sample", help="Also load the bundled sample incidents."),
    ) -> None:
        """Create or migrate the database; load vocabularies, known actors and (with --sample) sample data."""
        from longarm.config import load_settings
        from longarm.security import keys
        from longarm.storage.database import initialise, open_engine

        engine = open_engine(load_settings())
        keys.store_of(engine).ensure()  # the key for restricted values: a 0600 file beside the database, never in it
        result = initialise(engine, sample=sample)
        typer.echo(
            f"database ready at {result.url}: {result.known_actors} known actors"
            + (f", {result.sample_incidents} sample incidents added" if sample else "")
        )
