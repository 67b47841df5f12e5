"""Passwords are argon2id; repeated wrong passwords lock the account with a doubling wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from longarm.auth import service
from longarm.auth.models import User
from longarm.storage.engine import transaction
from tests.security.helpers import PASSWORD, add_user


def _try(engine, password: str, attempts: int = 3) -> bool:  # type: ignore[no-untyped-def]
    return service.authenticate(engine=engine, name="ana", password=password, max_attempts=attempts) is not None


def test_passwords_are_stored_as_argon2id(engine):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    with transaction(engine) as session:
        user = service.get_by_name(session=session, name="ana")
        assert user is not None and user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_repeated_failures_lock_even_the_right_password_out(engine):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    assert [_try(engine, "wrong password!") for _ in range(3)] == [False, False, False]
    assert _try(engine, PASSWORD) is False  # locked: the right password does not help now
    with transaction(engine) as session:
        user = service.get_by_name(session=session, name="ana")
        assert user is not None and service.is_locked(user)
        first_wait = service.aware(user.locked_until) - datetime.now(UTC)  # type: ignore[operator]
        assert timedelta(seconds=30) < first_wait <= timedelta(seconds=service.LOCK_SECONDS)
        user.locked_until = datetime.now(UTC) - timedelta(seconds=1)  # the wait is over
    assert _try(engine, "wrong again!!") is False
    with transaction(engine) as session:
        user = session.get(User, service.get_by_name(session=session, name="ana").id)  # type: ignore[union-attr]
        second_wait = service.aware(user.locked_until) - datetime.now(UTC)  # type: ignore[operator, union-attr]
        assert second_wait > first_wait  # doubled
        user.locked_until = None  # type: ignore[union-attr]
    assert _try(engine, PASSWORD) is True
    with transaction(engine) as session:
        assert service.get_by_name(session=session, name="ana").failed_logins == 0  # type: ignore[union-attr]


def test_unknown_and_disabled_users_cannot_sign_in(engine):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    with transaction(engine) as session:
        assert service.authenticate(engine=engine, name="nobody", password=PASSWORD) is None
        user = service.get_by_name(session=session, name="ana")
        service.set_active(session=session, user=user, active=False)  # type: ignore[arg-type]
    assert _try(engine, PASSWORD) is False
