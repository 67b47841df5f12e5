"""Shared by the safety tests: users, a signed-in web client."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine
from starlette.exceptions import StarletteDeprecationWarning

from longarm.auth import service as users
from longarm.config import Settings
from longarm.storage.engine import transaction

with warnings.catch_warnings():
    # Starlette nudges towards httpx2 on import; the client itself behaves the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "editor", "analyst", "viewer")


def add_user(engine: Engine, name: str, role: str, password: str = PASSWORD) -> None:
    """Create a user in its own transaction."""
    with transaction(engine) as session:
        users.create(session=session, name=name, role=role, password=password)


def add_everyone(engine: Engine) -> None:
    """One user per role, named after it."""
    for role in ROLES:
        add_user(engine, role, role)


def client_for(app: Any, *, https: bool = False) -> TestClient:
    """A test client that keeps cookies and does not follow redirects."""
    return TestClient(app, base_url="https://testserver" if https else "http://testserver", follow_redirects=False)


def csrf_from(page: str) -> str:
    """The CSRF token in a rendered form."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    """Sign in through the login form; the POST's response."""
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"})


@pytest.fixture
def web_app(engine: Engine, settings: Settings) -> Iterator[Any]:
    """The whole web app on this test's database (sign-in rate limits wide: tests sign in often)."""
    from longarm.web.app import create_app

    yield create_app(replace(settings, login_rate="1000/minute"), engine=engine)
