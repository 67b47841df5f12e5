"""How the web app learns who is asking. (Interface; the safety work fills in sessions and CSRF.)"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from sqlalchemy import Engine

from longarm.auth.permissions import ANONYMOUS, Permission, Principal
from longarm.config import Settings


def install(app: FastAPI, *, engine: Engine, settings: Settings) -> None:
    """Add session loading, login/logout routes and security headers to the app."""

    @app.middleware("http")
    async def load_principal(request: Request, call_next):  # type: ignore[no-untyped-def]
        request.state.principal = ANONYMOUS
        return await call_next(request)


def current_principal(request: Request) -> Principal:
    """FastAPI dependency: the principal making this request (anonymous when not signed in)."""
    return getattr(request.state, "principal", ANONYMOUS)


def require(permission: Permission) -> Callable[[Request], Principal]:
    """FastAPI dependency factory: the principal, or PermissionDenied when it lacks the permission."""

    def dependency(request: Request) -> Principal:
        principal = current_principal(request)
        principal.require(permission)
        return principal

    return dependency


def csrf_token(request: Request) -> str:
    """The token a form must send back in its `csrf_token` field."""
    return ""
