"""Every JSON error has one shape, `{"error": {"status", "type", "message"}}`, the middleware's refusals included."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from longarm.auth import service as users
from longarm.auth import tokens
from longarm.storage.engine import transaction
from tests.security.helpers import add_user, client_for, sign_in


def _error(response: Any, status: int, kind: str) -> str:
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"status", "type", "message"}
    assert error["status"] == status and error["type"] == kind
    return str(error["message"])


def test_the_middleware_refuses_in_the_api_error_shape(engine, web_app):  # type: ignore[no-untyped-def]
    anonymous = client_for(web_app)
    assert "Sign in" in _error(anonymous.get("/api/v1/review/candidates"), 401, "not_signed_in")
    bad_token = anonymous.get("/api/v1/incidents", headers={"Authorization": "Bearer nonsense"})
    assert "token" in _error(bad_token, 401, "not_signed_in")
    assert bad_token.headers["www-authenticate"] == "Bearer"

    add_user(engine, "vera", "viewer")
    with transaction(engine) as session:
        user = users.get_by_name(session=session, name="vera")
        assert user is not None
        secret, _token = tokens.create(session=session, user=user, name="reading", scopes=[], days=None)
    viewer = {"Authorization": f"Bearer {secret}"}
    assert "viewer" in _error(anonymous.get("/api/v1/review/candidates", headers=viewer), 403, "forbidden")

    browser = client_for(web_app)
    sign_in(browser, "vera")
    forged = browser.post("/logout", headers={"Accept": "application/json"})
    assert "form has expired" in _error(forged, 403, "forbidden")


def test_an_oversized_body_is_refused_in_the_api_error_shape(engine, settings):  # type: ignore[no-untyped-def]
    from longarm.web.app import create_app

    small = client_for(create_app(replace(settings, max_body_bytes=1000), engine=engine))
    answer = small.post(
        "/api/v1/review/candidates/1/accept", content=b"{}" * 3000, headers={"content-type": "application/json"}
    )
    assert "over the limit" in _error(answer, 413, "too_large")


def test_the_app_and_the_middleware_agree(engine, web_app):  # type: ignore[no-untyped-def]
    client = client_for(web_app)
    assert "There is no incident" in _error(client.get("/api/v1/incidents/INC-NOPE"), 404, "not_found")
