"""`longarm serve`: the web app and API."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add `serve` to the CLI."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        workers: int = typer.Option(
            1, "--workers", min=1, max=64, help="Server processes (each with its own connection pool)."
        ),
    ) -> None:
        """Serve the web app and the API."""
        import uvicorn

        from longarm.config import load_settings

        level = load_settings().log_level.strip().lower()
        # Several processes need the app by name: each builds its own, with its own engine.
        uvicorn.run("longarm.web.app:create_app", factory=True, host=host, port=port, workers=workers, log_level=level)
