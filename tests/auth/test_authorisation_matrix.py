"""Every route of the web app × anonymous and every role gets exactly the status its declared permission implies.

Routes come from `create_app().routes`, so a route added later is covered without
touching this test; a route that declares no permission is expected to be admins' only.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute

from longarm.auth.middleware import UNDECLARED, declared_permissions
from longarm.auth.permissions import ANONYMOUS, Principal
from longarm.storage.database import initialise
from tests.security.helpers import ROLES, add_everyone, client_for, csrf_from, sign_in

# GET pages use records that exist, so an allowed request reaches the real page; unsafe methods
# use ids that do not exist, so the matrix checks the door without changing anything behind it.
_INT_PARAMS = {"candidate_id"}


def _path(route: APIRoute, *, existing: dict[str, str], safe: bool) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        if name in _INT_PARAMS or ":int" in match.group(1):
            return "999999"
        return existing.get(name, "NOPE") if safe else "NOPE-" + name

    return re.sub(r"{([^}]+)}", fill, route.path)


def _existing(client: Any) -> dict[str, str]:
    incidents = client.get("/api/v1/incidents").json()
    items = incidents.get("incidents") or incidents.get("items") or []
    found = {"incident_id": items[0]["id"]} if items else {}
    if items and items[0].get("sources"):
        found["source_id"] = items[0]["sources"][0]["id"]
    found["actor_id"] = "IR.MOIS"
    return found


def _expected_denial(principal: Principal, method: str, path: str) -> int:
    if not principal.is_anonymous:
        return 403
    return 303 if method == "GET" and not path.startswith("/api") else 401


def test_every_route_answers_every_role_as_declared(engine, web_app):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    add_everyone(engine)
    clients: dict[str, Any] = {"anonymous": client_for(web_app)}
    principals: dict[str, Principal] = {"anonymous": ANONYMOUS}
    for role in ROLES:
        clients[role] = client_for(web_app)
        assert sign_in(clients[role], role).status_code == 303
        principals[role] = Principal(name=role, role=role)
    csrf = {who: csrf_from(client.get("/login").text) for who, client in clients.items()}
    existing = _existing(clients["admin"])
    routes = [r for r in web_app.routes if isinstance(r, APIRoute)]
    assert len(routes) > 10
    mismatches = []
    for route in routes:
        needed = declared_permissions(route) or UNDECLARED
        for method in sorted(route.methods - {"HEAD"}):
            path = _path(route, existing=existing, safe=method == "GET")
            for who, client in clients.items():
                principal = principals[who]
                response = client.request(method, path, headers={"X-CSRF-Token": csrf[who]})
                if all(principal.can(p) for p in needed):
                    ok = response.status_code < 500 and response.status_code not in (401, 403)
                    expected = "allowed (<500, not 401/403)"
                else:
                    ok = response.status_code == _expected_denial(principal, method, path)
                    expected = str(_expected_denial(principal, method, path))
                if not ok:
                    mismatches.append(f"{method} {path} as {who}: {response.status_code}, expected {expected}")
                if path in ("/login", "/logout") and who != "anonymous":
                    sign_in(client, who)  # the matrix itself just signed this role out
                    csrf[who] = csrf_from(client.get("/login").text)
    assert mismatches == [], "\n".join(mismatches)


def test_every_route_declares_its_permission(web_app):  # type: ignore[no-untyped-def]
    undeclared = [
        f"{sorted(r.methods)} {r.path}"
        for r in web_app.routes
        if isinstance(r, APIRoute) and declared_permissions(r) is None
    ]
    assert undeclared == []


@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_static_assets_are_public(engine, web_app, who):  # type: ignore[no-untyped-def]
    client = client_for(web_app)
    if who != "anonymous":
        add_everyone(engine)
        sign_in(client, who)
    assert client.get("/static/no-such-file.css").status_code == 404  # reached the file server, no login asked
