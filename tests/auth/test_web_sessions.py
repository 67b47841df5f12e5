"""Sign-in through the web: cookies, CSRF, sessions that end, bearer tokens on the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text, update

from longarm.auth import service, tokens
from longarm.auth.models import UserSession
from longarm.security.headers import CONTENT_SECURITY_POLICY
from longarm.storage.engine import transaction
from tests.security.helpers import PASSWORD, add_user, client_for, csrf_from, sign_in


def test_sign_in_sets_a_strict_http_only_cookie_and_lets_the_team_in(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    client = client_for(web_app)
    assert client.get("/incidents/INC-X/history").status_code == 303  # anonymous → sign in
    response = sign_in(client, "vera")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "longarm_session=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert "Secure" not in cookie and "Max-Age=28800" in cookie
    assert client.get("/incidents/INC-X/history").status_code == 404  # allowed; the incident does not exist
    assert client.get("/review").status_code == 403  # a viewer does not review
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM user_sessions")).scalar_one()
    assert stored not in cookie  # only the hash is stored


def test_the_cookie_is_secure_over_https(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    response = sign_in(client_for(web_app, https=True), "vera")
    assert "Secure" in response.headers["set-cookie"]


def test_a_wrong_password_gives_one_message_for_every_cause(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    wrong = sign_in(client_for(web_app), "vera", "not the password")
    unknown = sign_in(client_for(web_app), "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 400
    assert "Wrong name or password" in wrong.text and "Wrong name or password" in unknown.text
    assert "set-cookie" not in wrong.headers or "longarm_session" not in wrong.headers["set-cookie"]


def test_forms_without_the_csrf_token_are_refused(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    client = client_for(web_app)
    client.get("/login")
    refused = client.post("/login", data={"name": "vera", "password": PASSWORD})
    assert refused.status_code == 403
    forged = client.post("/login", data={"name": "vera", "password": PASSWORD, "csrf_token": "forged"})
    assert forged.status_code == 403
    assert sign_in(client, "vera").status_code == 303
    token = csrf_from(client.get("/login").text)
    assert client.post("/logout").status_code == 403
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/incidents/INC-X/history").status_code == 303  # signed out


def test_a_session_token_from_before_sign_in_is_worthless(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    client = client_for(web_app)
    client.cookies.set("longarm_session", "planted-by-an-attacker", domain="testserver.local")
    response = sign_in(client, "vera")
    assert "longarm_session=" in response.headers["set-cookie"]
    assert "planted-by-an-attacker" not in response.headers["set-cookie"]


def test_sessions_expire_and_end_when_the_user_is_disabled(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "vera", "viewer")
    client = client_for(web_app)
    sign_in(client, "vera")
    assert client.get("/incidents/INC-X/history").status_code == 404
    with transaction(engine) as session:
        session.execute(update(UserSession).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    assert client.get("/incidents/INC-X/history").status_code == 303
    sign_in(client, "vera")
    with transaction(engine) as session:
        user = service.get_by_name(session=session, name="vera")
        service.set_active(session=session, user=user, active=False)  # type: ignore[arg-type]
    assert client.get("/incidents/INC-X/history").status_code == 303


def test_security_headers_are_on_every_response(engine, web_app):  # type: ignore[no-untyped-def]
    client = client_for(web_app)
    for path in ("/", "/login", "/no-such-page", "/api/v1/incidents"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    sign_in(client, "nobody")
    add_user(engine, "vera", "viewer")
    sign_in(client, "vera")
    assert client.get("/").headers["cache-control"] == "no-store"


def test_api_tokens_carry_scopes_and_stop_when_revoked(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    with transaction(engine) as session:
        user = service.get_by_name(session=session, name="ana")
        team, team_row = tokens.create(session=session, user=user, name="t", scopes=["read_team"], days=1)  # type: ignore[arg-type]
        public, _ = tokens.create(session=session, user=user, name="p", scopes=[], days=None)  # type: ignore[arg-type]
        team_id = team_row.id
    client = client_for(web_app)
    history = "/api/v1/incidents/INC-X/history"
    assert client.get(history).status_code == 401
    assert client.get(history, headers={"Authorization": f"Bearer {team}"}).status_code == 404  # allowed
    assert client.get(history, headers={"Authorization": f"Bearer {public}"}).status_code == 403  # scope
    assert client.get(history, headers={"Authorization": "Bearer lat_made_up"}).status_code == 401
    assert client.get("/incidents/INC-X/history", headers={"Authorization": f"Bearer {team}"}).status_code == 303
    with engine.connect() as connection:
        assert team not in str(connection.execute(text("SELECT * FROM api_tokens")).all())
    with transaction(engine) as session:
        tokens.revoke(session=session, token=tokens.find(session=session, token=str(team_id)))
    assert client.get(history, headers={"Authorization": f"Bearer {team}"}).status_code == 401
