"""API tokens: random secrets shown once, stored as SHA-256, limited to scopes, revocable."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from longarm.auth.models import ApiToken, User
from longarm.auth.permissions import ROLE_PERMISSIONS, Permission, Principal
from longarm.auth.service import aware
from longarm.auth.sessions import token_hash
from longarm.errors import BadInput, NotFound

TOKEN_PREFIX = "lat_"
_TOUCH_EVERY = timedelta(minutes=5)


def parse_scopes(scopes: list[str], *, role: str) -> list[str]:
    """The scopes as permission names, refusing unknown ones and ones beyond the role."""
    known = {p.value for p in Permission}
    chosen = sorted(set(scopes)) if scopes else [Permission.read_public.value]
    for scope in chosen:
        if scope not in known:
            raise BadInput(f"Scope {scope!r} is not one of {', '.join(sorted(known))}.")
        if Permission(scope) not in ROLE_PERMISSIONS[role]:
            raise BadInput(f"Scope {scope!r} is beyond the user's role ({role}).")
    return chosen


def create(*, session: Session, user: User, name: str, scopes: list[str], days: float | None) -> tuple[str, ApiToken]:
    """A new token for the user: its secret (shown once, never stored) and its row."""
    if not name or len(name) > 100:
        raise BadInput("A token needs a name of 1–100 characters.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    row = ApiToken(
        name=name,
        prefix=secret[:12],
        token_hash=token_hash(secret),
        user_id=user.id,
        scopes=parse_scopes(scopes, role=user.role),
        created_at=now,
        expires_at=now + timedelta(days=days) if days else None,
    )
    session.add(row)
    session.flush()
    return secret, row


def principal_for(*, session: Session, secret: str) -> Principal | None:
    """The principal a bearer secret stands for, or None when unknown, revoked, expired or its user is off."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash(secret))).first()
    now = datetime.now(UTC)
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    expires_at = aware(row.expires_at)
    if expires_at is not None and expires_at <= now:
        return None
    last_used = aware(row.last_used_at)
    if last_used is None or now - last_used > _TOUCH_EVERY:
        row.last_used_at = now
    scopes = frozenset(Permission(s) for s in row.scopes if s in {p.value for p in Permission})
    return Principal.for_user(row.user, scopes)


def find(*, session: Session, token: str) -> ApiToken:
    """A token by its id or its shown prefix (`lat_AbCdEfGh`), or NotFound."""
    query = select(ApiToken).where(
        or_(ApiToken.prefix == token, ApiToken.id == (int(token) if token.isdigit() else -1))
    )
    found = list(session.scalars(query))
    if len(found) != 1:
        raise NotFound(f"There is no single token {token!r}; `longarm token list` shows ids and prefixes.")
    return found[0]


def revoke(*, session: Session, token: ApiToken) -> None:
    """Revoke a token; it stops working at once."""
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        session.flush()


def listing(*, session: Session) -> list[ApiToken]:
    """Every token, newest first."""
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def token_record(token: ApiToken) -> dict[str, object]:
    """A token as the audit log and listings show it (never the secret or its hash)."""
    return {
        "id": token.id,
        "name": token.name,
        "token_prefix": token.prefix,
        "user": token.user.name,
        "scopes": token.scopes,
        "revoked": token.revoked_at is not None,
    }
