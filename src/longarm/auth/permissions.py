"""Who may do what: roles, the principal making a request, and the permission table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from longarm.auth.models import User, UserRole
from longarm.errors import PermissionDenied


class Permission(StrEnum):
    """An action a route or command needs."""

    read_public = "read_public"  # published, public incidents without restricted values
    read_team = "read_team"  # drafts and the team pages (still without restricted values)
    read_restricted = "read_restricted"  # restricted incidents and values
    review = "review"  # ingest, accept, merge, reject candidates
    edit = "edit"  # edit incidents, publish, restrict
    admin = "admin"  # users, tokens, keys, audit, backups


ROLE_PERMISSIONS: dict[str | None, frozenset[Permission]] = {
    None: frozenset({Permission.read_public}),
    UserRole.viewer: frozenset({Permission.read_public, Permission.read_team}),
    UserRole.analyst: frozenset(
        {Permission.read_public, Permission.read_team, Permission.read_restricted, Permission.review}
    ),
    UserRole.editor: frozenset(set(Permission) - {Permission.admin}),
    UserRole.admin: frozenset(Permission),
}
"""Anonymous visitors are the `None` role."""


@dataclass(frozen=True)
class Principal:
    """Who is acting: a signed-in user (by name and role), an API token, or an anonymous visitor."""

    name: str | None = None
    role: str | None = None
    user_id: int | None = None
    # An API token acts with its scopes only, and never beyond its user's role; None: the whole role.
    scopes: frozenset[Permission] | None = None

    @property
    def is_anonymous(self) -> bool:
        """True for a visitor who has not signed in."""
        return self.role is None

    def can(self, permission: Permission) -> bool:
        """Whether this principal's role (and, for a token, its scopes) grants the permission."""
        if permission is not Permission.read_public and self.scopes is not None and permission not in self.scopes:
            return False
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless the role grants the permission."""
        if not self.can(permission):
            action = permission.value.replace("_", " ")
            raise PermissionDenied(f"Your role ({self.role or 'anonymous'}) may not {action}.")

    @classmethod
    def for_user(cls, user: User, scopes: frozenset[Permission] | None = None) -> Principal:
        """A user acting (through an API token: with its scopes only)."""
        return cls(name=user.name, role=user.role, user_id=user.id, scopes=scopes)

    @property
    def label(self) -> str:
        """The one name of whoever acts, in audit events, claims, reviews and sources (`anonymous` for a visitor)."""
        return self.name or "anonymous"


ANONYMOUS = Principal()
SYSTEM = Principal(name="system", role=UserRole.admin)
"""The CLI acting on the operator's own machine (the shell is the credential)."""


def operator() -> Principal:
    """The person at this machine's shell, named by their OS account, with the admin role."""
    import getpass

    try:
        name = f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no account name for this uid (some containers)
        name = "cli"
    return Principal(name=name, role=UserRole.admin)
