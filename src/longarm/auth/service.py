"""Users: create, find and check their passwords."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.auth.models import User, UserRole
from longarm.auth.passwords import hash_password
from longarm.errors import BadInput, Conflict

_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")
MIN_PASSWORD_LENGTH = 12


def get_by_name(*, session: Session, name: str) -> User | None:
    """The user with this name, or None."""
    return session.scalars(select(User).where(User.name == name)).first()


def create(*, session: Session, name: str, role: str, password: str) -> User:
    """A new user with an argon2id-hashed password."""
    if not _NAME.match(name):
        raise BadInput(f"User name {name!r} must be 2–100 letters, digits or . _ @ -.")
    if role not in set(UserRole):
        raise BadInput(f"Role {role!r} is not one of {', '.join(UserRole)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if get_by_name(session=session, name=name) is not None:
        raise Conflict(f"A user named {name!r} already exists.")
    user = User(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user
