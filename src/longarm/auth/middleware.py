"""The ASGI layer in front of every request: who is asking, may they use this route, is the form genuine.

It runs before routing so that a route without a declared permission is refused
(routes are private unless declared public), and it adds the security headers to
every response, including errors and static files.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from longarm.auth import pages, sessions, tokens
from longarm.auth.permissions import ANONYMOUS, Permission, Principal
from longarm.config import Settings
from longarm.errors import error_document
from longarm.security import headers, keys
from longarm.storage.engine import transaction

log = logging.getLogger("longarm.web")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
VISITOR_COOKIE = "longarm_visitor"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
PERMISSION_ATTRIBUTE = "__longarm_permission__"
UNDECLARED = frozenset({Permission.admin})  # a route that declares nothing is for admins only
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass
class Identity:
    """What the middleware learnt about the caller."""

    principal: Principal
    csrf: str
    via_token: bool = False
    bad_token: bool = False
    new_visitor: str | None = None


def declared_permissions(route: Any) -> frozenset[Permission] | None:
    """The permissions a route's `require(...)` dependencies declare, or None when it declares none."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return None
    found: set[Permission] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        permission = getattr(current.call, PERMISSION_ATTRIBUTE, None)
        if permission is not None:
            found.add(permission)
        pending.extend(current.dependencies)
    return frozenset(found) if found else None


def needed_permissions(routes: list[Any], scope: Scope) -> frozenset[Permission] | None:
    """What the route this request reaches needs: None when no route matches (a 404 or 405 follows)."""
    for route in routes:
        match, child = route.matches(scope)
        if match is not Match.FULL:
            continue
        if isinstance(route, Mount):
            inner = getattr(route.app, "routes", None)
            # A mounted file server (static assets) is public; a mounted app is checked route by route.
            return frozenset() if inner is None else needed_permissions(inner, {**scope, **child})
        declared = declared_permissions(route)
        return UNDECLARED if declared is None else declared
    return None


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _wants_json(request: Request) -> bool:
    return _is_api(request.url.path) or "application/json" in request.headers.get("accept", "")


class SecurityMiddleware:
    """Sessions and tokens → principal; route permissions; CSRF; security headers."""

    def __init__(self, app: ASGIApp, *, engine: Engine, settings: Settings, routes: Any) -> None:
        self.app, self.engine, self.settings, self.routes = app, engine, settings, routes
        self.keys = keys.store_of(engine)

    def visitor_csrf(self, visitor: str) -> str:
        """The CSRF token of a browser that has not signed in, tied to its visitor cookie."""
        keyring = self.keys.keyring(create=True)
        return hmac.new(keyring.integrity, b"csrf:" + visitor.encode("utf-8"), "sha256").hexdigest()

    def needs_database(self, request: Request) -> bool:
        """Whether identifying the caller reads the database: a bearer token on /api, or a session cookie."""
        authorization = request.headers.get("authorization", "")
        bearer = _is_api(request.url.path) and authorization[:7].lower() == "bearer "
        return bearer or bool(request.cookies.get(sessions.COOKIE))

    def identify(self, request: Request) -> Identity:
        """Resolve the bearer token (on /api) or the session cookie to a principal."""
        authorization = request.headers.get("authorization", "")
        if _is_api(request.url.path) and authorization[:7].lower() == "bearer ":
            with transaction(self.engine) as session:
                principal = tokens.principal_for(session=session, secret=authorization[7:].strip())
            return Identity(principal or ANONYMOUS, "", via_token=True, bad_token=principal is None)
        token = request.cookies.get(sessions.COOKIE)
        # A visitor without a session cookie costs no database connection: most readers are anonymous.
        if token:
            with transaction(self.engine) as session:
                row = sessions.load(session=session, token=token)
                if row is not None:
                    return Identity(Principal.for_user(row.user), row.csrf_token)
        visitor = request.cookies.get(VISITOR_COOKIE, "")
        fresh = None
        if not (20 <= len(visitor) <= 64 and visitor.replace("-", "").replace("_", "").isalnum()):
            visitor = fresh = secrets.token_urlsafe(24)
        return Identity(ANONYMOUS, self.visitor_csrf(visitor), new_visitor=fresh)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            # Refused before a byte of the body is read, and before any database work.
            await self.too_large(request)(scope, receive, _with_headers(send, private=False))
            return
        receive = _limited(receive, limit)
        # Only a token or a session cookie needs the database; an anonymous reader is identified here,
        # without the thread hop (and its wait for a free thread under load) that database work needs.
        if self.needs_database(request):
            identity = await run_in_threadpool(self.identify, request)
        else:
            identity = self.identify(request)
        state = scope.setdefault("state", {})
        state["principal"], state["csrf_token"] = identity.principal, identity.csrf
        secure = request.url.scheme == "https"

        # Static assets are the same for everyone: only pages and API answers are private.
        private = not identity.principal.is_anonymous and not request.url.path.startswith("/static/")
        send_secured = _with_headers(send, private=private)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and identity.new_visitor:
                cookie = f"{VISITOR_COOKIE}={identity.new_visitor}; Path=/; HttpOnly; SameSite=Strict"
                cookie += "; Secure" if secure else ""
                added = (b"set-cookie", cookie.encode("latin-1"))
                message = {**message, "headers": [*message.get("headers", []), added]}
            await send_secured(message)

        refusal = self.refusal(request, identity)
        if refusal is None and scope["method"] not in SAFE_METHODS and not identity.via_token:
            try:
                body = await _read_body(receive)
            except BodyTooLarge:
                await self.too_large(request)(scope, receive, send_with_headers)
                return
            if not await self.csrf_ok(scope, body, identity.csrf):
                refusal = self.deny(
                    request,
                    403,
                    "Form expired",
                    "The form has expired or did not come from this site; reload the page and try again.",
                )
            receive = _replay(body, receive)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_tracked)
        except BodyTooLarge:
            if started:
                raise
            await self.too_large(request)(scope, receive, send_with_headers)
        except Exception:
            # An unexpected error still answers with the security headers (the server's own 500 has none).
            if started:
                raise
            log.exception("an error while answering %s %s", request.method, request.url.path)
            failure = self.deny(request, 500, "Something went wrong", "Something went wrong; it has been logged.")
            await failure(scope, receive, send_with_headers)

    def too_large(self, request: Request) -> Response:
        """The refusal of a body over LONGARM_MAX_BODY_BYTES."""
        limit = self.settings.max_body_bytes
        return self.deny(request, 413, "Too large", f"The request body is over the limit of {limit} bytes.")

    def refusal(self, request: Request, identity: Identity) -> Response | None:
        """The response refusing this request, or None when the route may be used."""
        if identity.bad_token:
            response = self.deny(request, 401, "Not signed in", "The API token is unknown, expired or revoked.")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        needed = needed_permissions(self.routes(), request.scope)
        principal = identity.principal
        if needed is None or all(principal.can(permission) for permission in needed):
            return None
        if principal.is_anonymous:
            if _wants_json(request) or request.method not in SAFE_METHODS:
                response = self.deny(request, 401, "Not signed in", "Sign in to use this.")
                response.headers["WWW-Authenticate"] = "Bearer"
                return response
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?next=" + quote(target, safe="/"), status_code=303)
        return self.deny(request, 403, "Not allowed", f"Your role ({principal.role}) may not use this page.")

    def deny(self, request: Request, status: int, title: str, message: str) -> Response:
        """A refusal as JSON for the API and as a small page for browsers."""
        if _wants_json(request):
            # An unexpected failure is not an integrity check's: its type says so.
            kind = "server_error" if status == 500 else None
            return JSONResponse(error_document(status, message, kind=kind), status_code=status)
        return HTMLResponse(pages.message_page(title=title, message=message), status_code=status)

    async def csrf_ok(self, scope: Scope, body: bytes, expected: str) -> bool:
        """Whether the request carries this browser's CSRF token (header, or form field)."""
        request = Request(scope, _replay(body, None))
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(_FORM_TYPES):
            try:
                form = await request.form()
            except Exception:  # a malformed body is refused like a missing token
                return False
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
            await form.close()
        if not sent or not expected:
            return False
        return hmac.compare_digest(sent.encode(), expected.encode())


class BodyTooLarge(Exception):
    """A request body went past the limit while it was read (no or a false Content-Length)."""


def _limited(receive: Receive, limit: int) -> Receive:
    """`receive`, stopping with BodyTooLarge once the body passes `limit` bytes."""
    seen = 0

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return limited


def _with_headers(send: Send, *, private: bool) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": headers.apply(list(message.get("headers", [])), private=private)}
        await send(message)

    return wrapped


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive | None) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if receive is None:
            return {"type": "http.disconnect"}
        return await receive()

    return replay
