"""How responses travel: gzip, long caching of versioned assets, and HEAD answered like GET without a body."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from longarm.web.rendering import STATIC

# A URL that names the file's content (?v=hash) never changes meaning: browsers may keep it for a year.
VERSIONED = "public, max-age=31536000, immutable"
# Unversioned URLs (images named inside vendored CSS) are checked again after a day (ETag makes that cheap).
UNVERSIONED = "public, max-age=86400"


class CachedStaticFiles(StaticFiles):
    """Static files with Cache-Control: a year when the URL carries the content hash, a day otherwise."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """The file's response with its caching header."""
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = VERSIONED if versioned else UNVERSIONED
        return response


class HeadAsGet:
    """Answer HEAD on every page like GET, headers included, without sending the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run HEAD requests as GET and drop the body they produce."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def install(app: FastAPI) -> None:
    """Serve /static with caching, compress responses, and answer HEAD (outermost, so every layer sees GET)."""
    app.mount("/static", CachedStaticFiles(directory=STATIC), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    app.add_middleware(HeadAsGet)
