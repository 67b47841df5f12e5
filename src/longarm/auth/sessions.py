"""Browser sessions kept on the server: the cookie holds a random token, the database its SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from longarm.auth.models import User, UserSession
from longarm.auth.service import aware

COOKIE = "longarm_session"
_TOUCH_EVERY = timedelta(minutes=5)  # how stale last_seen_at may get, to spare a write per request


def token_hash(token: str) -> str:
    """The SHA-256 under which a session or API token is stored (tokens are random: no salt needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(*, session: Session, user: User, hours: float) -> tuple[str, UserSession]:
    """A new session for the user: its cookie token (shown once) and its row."""
    now = datetime.now(UTC)
    session.execute(delete(UserSession).where(UserSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    row = UserSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    session.add(row)
    session.flush()
    return token, row


def load(*, session: Session, token: str | None) -> UserSession | None:
    """The live session for a cookie token: unexpired, of an active user; else None."""
    if not token or len(token) > 100:
        return None
    row = session.scalars(select(UserSession).where(UserSession.token_hash == token_hash(token))).first()
    now = datetime.now(UTC)
    if row is None:
        return None
    expires_at = aware(row.expires_at)
    if expires_at is None or expires_at <= now or not row.user.active:
        session.delete(row)
        return None
    last_seen = aware(row.last_seen_at)
    if last_seen is None or now - last_seen > _TOUCH_EVERY:
        row.last_seen_at = now
    return row


def end(*, session: Session, token: str | None) -> UserSession | None:
    """End the session for this cookie token; the ended row, if there was one."""
    if not token:
        return None
    row = session.scalars(select(UserSession).where(UserSession.token_hash == token_hash(token))).first()
    if row is not None:
        session.delete(row)
        session.flush()
    return row
