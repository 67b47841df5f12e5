"""One place that turns errors into responses: JSON under /api, an HTMX fragment, or a page.

An anonymous visitor who reaches a team page is sent to the login page (401 on the API);
a signed-in user without the permission gets 403.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from longarm.auth import web as auth_web
from longarm.errors import LongarmError, PermissionDenied, error_document
from longarm.web.rendering import render

TITLES = {
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed here",
    409: "Conflict",
    422: "That cannot be used",
}


def wants_json(request: Request) -> bool:
    """API paths answer in JSON; pages answer in HTML."""
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, fields: dict[str, str] | None = None) -> Response:
    """The error as JSON (`{"error": {...}}`), an HTMX fragment or a full page."""
    if wants_json(request):
        return JSONResponse(error_document(status, message, fields), status_code=status)
    template = "_error.html" if request.headers.get("HX-Request") else "error.html"
    context = {"status": status, "title": TITLES.get(status, "Error"), "message": message, "fields": fields or {}}
    return render(request, template, context, status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.exception_handler(LongarmError)
    async def longarm_error(request: Request, error: LongarmError) -> Response:
        if isinstance(error, PermissionDenied) and auth_web.current_principal(request).is_anonymous:
            if wants_json(request):
                return error_response(request, 401, "Sign in (or send an API token) to use this.")
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return error_response(request, error.status_code, str(error), getattr(error, "errors", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        fields: dict[str, str] = {}
        for problem in error.errors():
            where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "body", "path")]
            # A check across several values (year_from after year_to) names the one to change in its context.
            named = (problem.get("ctx") or {}).get("field")
            fields[".".join(where) or str(named or "request")] = str(problem.get("msg", "is not valid"))
        # A message that already names its field (the filters' sentences) is shown as it is.
        said = [v.rstrip(".") if v.startswith(k) else f"{k}: {v}" for k, v in fields.items()]
        message = "Some values cannot be used: " + "; ".join(said) + "."
        return error_response(request, 422, message, fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        messages = {404: f"There is no page at {request.url.path}.", 405: f"{request.method} is not allowed here."}
        message = messages.get(error.status_code) or str(error.detail)
        response = error_response(request, error.status_code, message)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response
