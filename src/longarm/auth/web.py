"""How the web app learns who is asking, and what it may do.

`install(app, engine=..., settings=...)` adds the security middleware (sessions, API
tokens on /api, route permissions, CSRF, security headers) and the /login and /logout
routes. A route declares who may use it with a dependency:
`dependencies=[Depends(require(Permission.read_public))]` makes it public; a route that
declares nothing is refused to everyone but admins. Forms send `csrf_token(request)` in
a hidden `csrf_token` field (or an `X-CSRF-Token` header from HTMX).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.auth import pages, service, sessions, throttle
from longarm.auth.middleware import PERMISSION_ATTRIBUTE, SecurityMiddleware
from longarm.auth.models import User
from longarm.auth.permissions import ANONYMOUS, Permission, Principal
from longarm.config import Settings
from longarm.security import keys, redaction
from longarm.storage.engine import transaction

log = logging.getLogger("longarm.auth")
LOGIN_FAILED = "Wrong name or password, or too many attempts: wait a while and try again."
LOGIN_BUSY = "Too many sign-in attempts: wait a minute and try again."


def current_principal(request: Request) -> Principal:
    """FastAPI dependency: the principal making this request (anonymous when not signed in)."""
    return getattr(request.state, "principal", ANONYMOUS)


def require(permission: Permission) -> Callable[[Request], Principal]:
    """FastAPI dependency factory: the principal, or PermissionDenied when it lacks the permission."""

    def dependency(request: Request) -> Principal:
        principal = current_principal(request)
        principal.require(permission)
        return principal

    setattr(dependency, PERMISSION_ATTRIBUTE, permission)  # read by the middleware and the matrix test
    dependency.__name__ = f"require_{permission.value}"
    return dependency


def csrf_token(request: Request) -> str:
    """The token a form must send back in its `csrf_token` field."""
    return str(getattr(request.state, "csrf_token", ""))


def safe_next(path: str | None) -> str:
    """A local path to go to after signing in; anything else (another site, `//host`) becomes `/`."""
    if not path or not path.startswith("/") or path.startswith(("//", "/\\")) or any(c in path for c in "\r\n"):
        return "/"
    return path


def install(app: FastAPI, *, engine: Engine, settings: Settings) -> None:
    """Add session loading, login/logout routes and security headers to the app."""
    store = keys.store_of(engine)
    store.ensure()
    redaction.install()
    app.add_middleware(SecurityMiddleware, engine=engine, settings=settings, routes=lambda: app.router.routes)
    public = [Depends(require(Permission.read_public))]
    limits = throttle.SignInThrottle(settings)

    @app.get("/login", response_class=HTMLResponse, dependencies=public, include_in_schema=False)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002  (the query's name)
        principal = current_principal(request)
        return HTMLResponse(
            pages.login_page(csrf_token=csrf_token(request), next_path=safe_next(next), signed_in_as=principal.name)
        )

    @app.post("/login", dependencies=public, include_in_schema=False)
    async def login_submit(request: Request) -> Response:
        form = await request.form()
        name, password = str(form.get("name") or ""), str(form.get("password") or "")
        target = safe_next(str(form.get("next") or "/"))
        integrity = store.keyring().integrity
        known = throttle.is_known_device(integrity, name, request.cookies.get(throttle.DEVICE_COOKIE))
        try:
            limits.admit(request.client.host if request.client else "")
            token = await limits.run(lambda: _sign_in(engine, settings, name, password, known_device=known))
        except throttle.Busy:
            page = pages.login_page(csrf_token=csrf_token(request), next_path=target, error=LOGIN_BUSY)
            return HTMLResponse(page, status_code=429, headers={"Retry-After": "60"})
        if token is None:
            page = pages.login_page(csrf_token=csrf_token(request), next_path=target, error=LOGIN_FAILED)
            return HTMLResponse(page, status_code=400)  # 401/403 mean "this route is not yours"
        # A new session token on every sign-in: a token planted before it (fixation) is worthless.
        await run_in_threadpool(_end_session, engine, request.cookies.get(sessions.COOKIE))
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            sessions.COOKIE,
            token,
            max_age=int(settings.session_hours * 3600),
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        # Marks this browser as one the account signed in from: the account's lock does not hold it.
        response.set_cookie(
            throttle.DEVICE_COOKIE,
            throttle.device_mark(integrity, name),
            max_age=throttle.DEVICE_DAYS * 86400,
            path="/login",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @app.post("/logout", dependencies=public, include_in_schema=False)
    async def logout(request: Request) -> Response:
        await run_in_threadpool(_end_session, engine, request.cookies.get(sessions.COOKIE))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(
            sessions.COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return response


def _sign_in(engine: Engine, settings: Settings, name: str, password: str, *, known_device: bool) -> str | None:
    user_id = service.authenticate(
        engine=engine, name=name, password=password, max_attempts=settings.login_attempts, known_device=known_device
    )
    with transaction(engine) as session:
        if user_id is None:
            known = service.get_by_name(session=session, name=name) if name else None
            if known is None:
                # The name is not logged: people type passwords into the name field.
                log.warning("a sign-in with an unknown name failed")
                return None
            record_event(
                session=session,
                actor=ANONYMOUS.label,
                action=AuditAction.login_failed,
                target_type="user",
                target_id=known.name,
                after={"failed_logins": known.failed_logins, "locked": service.is_locked(known)},
            )
            return None
        user = session.get(User, user_id)
        assert user is not None  # just authenticated
        token, _row = sessions.start(session=session, user=user, hours=settings.session_hours)
        record_event(
            session=session,
            actor=Principal.for_user(user).label,
            action=AuditAction.login,
            target_type="user",
            target_id=user.name,
        )
        return token


def _end_session(engine: Engine, token: str | None) -> None:
    with transaction(engine) as session:
        ended = sessions.end(session=session, token=token)
        if ended is not None:
            record_event(
                session=session,
                actor=Principal.for_user(ended.user).label,
                action=AuditAction.logout,
                target_type="user",
                target_id=ended.user.name,
            )
