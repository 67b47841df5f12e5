"""The FastAPI application factory: pages, the JSON API, static assets, errors and sign-in."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from longarm.auth import web as auth_web
from longarm.config import Settings, configure_logging, load_settings
from longarm.incidents import sealing
from longarm.storage.database import open_engine
from longarm.web import api, api_stats, api_team, delivery, downloads, errors, indexes, public, review, team, visuals

DESCRIPTION = """Transnational repression incidents, their sources and claims.

Anonymous callers see published, public incidents without restricted values. Errors are
JSON objects `{"error": {"status", "type", "message", "fields"}}`; `fields` names each bad
parameter. Lists take the same filters as the web pages (`/incidents?tactic=killing&country=NL`)."""


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The web app for the configured database."""
    settings = settings or load_settings()
    configure_logging(settings)  # each server process builds its own app: `serve --workers N`
    engine = sealing.install(engine, settings) if engine is not None else open_engine(settings)
    app = FastAPI(
        title="longarm",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served by api.openapi under /api/v1, which declares its permission
    )
    app.state.engine, app.state.settings = engine, settings
    errors.install(app)
    auth_web.install(app, engine=engine, settings=settings)
    # Vendored assets and our own CSS/JS are public files, like the code that serves them; responses
    # are compressed and HEAD is answered (delivery.py).
    delivery.install(app)
    # Each router declares its permission once, for all its routes (routes are private by default).
    # Its routes join the app's own list, not a lazily included router (FastAPI ≥ 0.160), because the
    # security middleware reads each route's declared permission before routing.
    for router in (
        public.router,
        indexes.router,
        visuals.router,
        team.team_router,
        team.edit_router,
        review.router,
        downloads.router,
        api.router,
        api_stats.router,
        api_team.review_router,
        api_team.edit_router,
        api_team.team_router,
    ):
        app.router.routes.extend(router.routes)
    return app
