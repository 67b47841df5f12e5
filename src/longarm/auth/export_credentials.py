"""Who runs `longarm export`: anonymous (the public view) unless signed in with a password or a token."""

from __future__ import annotations

import sys

import typer
from sqlalchemy import Engine

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.auth import service, tokens
from longarm.auth.models import User
from longarm.auth.permissions import ANONYMOUS, Principal
from longarm.config import load_settings
from longarm.errors import PermissionDenied
from longarm.storage.engine import transaction


def read_secret(prompt: str) -> str:
    """A secret from a hidden prompt on a terminal, else the first line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        return str(typer.prompt(prompt, hide_input=True))
    return sys.stdin.readline().rstrip("\n") if sys.stdin is not None else ""


def principal_for_export(*, engine: Engine, user_name: str | None, use_token: bool) -> Principal:
    """The principal the export runs as; wrong credentials are refused, never silently anonymous."""
    if user_name is None and not use_token:
        return ANONYMOUS
    if use_token:
        with transaction(engine) as session:
            principal = tokens.principal_for(session=session, secret=read_secret("API token").strip())
        if principal is None:
            raise PermissionDenied("The API token is unknown, expired or revoked.")
        return principal
    password = read_secret("Password")
    user_id = service.authenticate(
        engine=engine, name=user_name or "", password=password, max_attempts=load_settings().login_attempts
    )
    with transaction(engine) as session:
        user = None if user_id is None else session.get(User, user_id)
        if user is None:
            known = service.get_by_name(session=session, name=user_name or "")
            if known is not None:
                record_event(
                    session=session,
                    actor=ANONYMOUS.label,
                    action=AuditAction.login_failed,
                    target_type="user",
                    target_id=known.name,
                    after={"via": "export"},
                )
            principal = None
        else:
            principal = Principal.for_user(user)
    if principal is None:
        raise PermissionDenied("Wrong name or password, or too many attempts: wait a while and try again.")
    return principal
