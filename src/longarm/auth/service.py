"""Users: create, find, change, and check their passwords with a lockout that doubles its wait."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from longarm.auth.models import ApiToken, User, UserRole, UserSession
from longarm.auth.passwords import hash_password, verify_password
from longarm.errors import BadInput, Conflict, NotFound

_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")
MIN_PASSWORD_LENGTH = 12
LOCK_SECONDS = 60  # the first lock; each further failure doubles it
MAX_LOCK_SECONDS = 6 * 3600
_COUNT_TRIES = 5  # compare-and-set rounds before an attempt under heavy contention is refused


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


def _lock_wait(failures: int, max_attempts: int) -> timedelta:
    return timedelta(seconds=min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failures - max_attempts)))


def _count_attempt(engine: Engine, user_id: int, max_attempts: int) -> bool:
    """Count this attempt, committed, before its password is checked; False when the account is locked.

    The count is a compare-and-set on `failed_logins`, so parallel attempts each take their own
    number and the one that reaches the limit locks the account before any password is checked:
    no more than `max_attempts` guesses are ever checked, however many arrive together.
    """
    for _ in range(_COUNT_TRIES):
        with engine.begin() as connection:
            now = _now()
            seen, locked_until = connection.execute(
                select(User.failed_logins, User.locked_until).where(User.id == user_id)
            ).one()
            until = aware(locked_until)
            if until is not None and until > now:
                return False
            seen = seen or 0
            if seen + 1 >= max_attempts:
                until = now + _lock_wait(seen + 1, max_attempts)
            moved = connection.execute(
                update(User)
                .where(User.id == user_id, User.failed_logins == seen)
                .values(failed_logins=seen + 1, locked_until=until)
            )
        if moved.rowcount == 1:
            return True
    return False


def authenticate(
    *, engine: Engine, name: str, password: str, max_attempts: int = 5, known_device: bool = False
) -> int | None:
    """The user's id when name and password match and the account is active and unlocked; else None.

    Every refusal costs one argon2 check, whether the name is unknown, the account disabled
    or locked, so timing does not tell them apart. A locked account's own hash is not
    checked, so guessing during the lock is useless. A browser that signed in to this
    account before (`known_device`) is not held by the account's lock, so strangers cannot
    lock its owner out; it is still limited per address (see `longarm.auth.throttle`).
    No database connection is held while argon2 runs.
    """
    row = None
    if _NAME.match(name or ""):
        with engine.begin() as connection:
            query = select(User.id, User.password_hash, User.active).where(User.name == name)
            row = connection.execute(query).first()
    if row is None or not row.active or not row.password_hash:
        verify_password(_dummy_hash(), password)
        return None
    if not known_device and not _count_attempt(engine, row.id, max_attempts):
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(row.password_hash, password):
        return None
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == row.id).values(failed_logins=0, locked_until=None))
    return int(row.id)


def user_record(user: User) -> dict[str, object]:
    """A user as the audit log shows it (never the password hash)."""
    return {"name": user.name, "role": user.role, "active": user.active}
