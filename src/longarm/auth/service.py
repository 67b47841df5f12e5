"""Users: create, find, change, and check their passwords with a lockout that doubles its wait."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from longarm.auth.models import ApiToken, User, UserRole, UserSession
from longarm.auth.passwords import hash_password, verify_password
from longarm.errors import BadInput, Conflict, NotFound

_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")
MIN_PASSWORD_LENGTH = 12
LOCK_SECONDS = 60  # the first lock; each further failure doubles it
MAX_LOCK_SECONDS = 6 * 3600


def get_by_name(*, session: Session, name: str) -> User | None:
    """The user with this name, or None."""
    return session.scalars(select(User).where(User.name == name)).first()


def get_by_name_or_raise(*, session: Session, name: str) -> User:
    """The user with this name, or NotFound."""
    user = get_by_name(session=session, name=name)
    if user is None:
        raise NotFound(f"There is no user named {name!r}.")
    return user


def _check_role(role: str) -> None:
    if role not in set(UserRole):
        raise BadInput(f"Role {role!r} is not one of {', '.join(UserRole)}.")


def create(*, session: Session, name: str, role: str, password: str) -> User:
    """A new user with an argon2id-hashed password."""
    if not _NAME.match(name):
        raise BadInput(f"User name {name!r} must be 2–100 letters, digits or . _ @ -.")
    _check_role(role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if get_by_name(session=session, name=name) is not None:
        raise Conflict(f"A user named {name!r} already exists.")
    user = User(name=name, role=role, password_hash=hash_password(password), active=True, failed_logins=0)
    session.add(user)
    session.flush()
    return user


def set_role(*, session: Session, user: User, role: str) -> None:
    """Give the user another role; it applies to their open sessions at once."""
    _check_role(role)
    user.role = role
    session.flush()


def set_active(*, session: Session, user: User, active: bool) -> None:
    """Enable or disable a user; disabling ends their sessions and revokes their tokens."""
    user.active = active
    if not active:
        session.execute(delete(UserSession).where(UserSession.user_id == user.id))
        session.execute(
            update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=_now())
        )
    session.flush()


def _now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """A stored time as timezone-aware UTC (SQLite hands them back naive)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("not a real password, only for equal timing")


def is_locked(user: User, *, now: datetime | None = None) -> bool:
    """Whether the account is locked after too many wrong passwords."""
    until = aware(user.locked_until)
    return until is not None and until > (now or _now())


def authenticate(*, session: Session, name: str, password: str, max_attempts: int = 5) -> User | None:
    """The user when name and password match and the account is active and unlocked; else None.

    An unknown name costs the same argon2 work as a known one, so timing does not tell them
    apart; a locked account is not even checked, so guessing during the lock is useless.
    """
    user = get_by_name(session=session, name=name) if _NAME.match(name or "") else None
    if user is None or not user.active or not user.password_hash:
        verify_password(_dummy_hash(), password)
        return None
    now = _now()
    if is_locked(user, now=now):
        return None
    if verify_password(user.password_hash, password):
        user.failed_logins, user.locked_until = 0, None
        session.flush()
        return user
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= max_attempts:
        wait = min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (user.failed_logins - max_attempts))
        user.locked_until = now + timedelta(seconds=wait)
    session.flush()
    return None


def user_record(user: User) -> dict[str, object]:
    """A user as the audit log shows it (never the password hash)."""
    return {"name": user.name, "role": user.role, "active": user.active}
