"""The FastAPI application factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from longarm.config import Settings, load_settings
from longarm.incidents import service as incidents
from longarm.storage.database import open_engine
from longarm.storage.engine import transaction

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app for the configured database."""
    settings = settings or load_settings()
    engine = open_engine(settings)
    app = FastAPI(title="longarm", docs_url=None, redoc_url=None)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        with transaction(engine) as session:
            listed = incidents.list_for_export(session=session, include_unpublished=False)
            rows = [incidents.to_record(i) for i in listed]
        return TEMPLATES.TemplateResponse(request, "home.html", {"incidents": rows})

    return app
