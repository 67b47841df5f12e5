"""`longarm serve`: the web app and API."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add `serve` to the CLI."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
    ) -> None:
        """Serve the web app and the API."""
        import uvicorn

        from longarm.web.app import create_app

        uvicorn.run(create_app(), host=host, port=port, log_level="info")
