"""`longarm user ...`, `longarm token ...` and `longarm key rotate`."""

from __future__ import annotations

import sys

import typer

user_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)
key_app = typer.Typer(help="Manage the key that encrypts restricted values.", no_args_is_help=True)


@user_app.command("add")
def add_user(
    name: str = typer.Argument(..., help="Login name."),
    role: str = typer.Option(..., "--role", help="admin, editor, analyst or viewer."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a user; the password is asked for (or read from stdin) and stored as an argon2id hash."""
    from longarm.audit.actions import AuditAction
    from longarm.audit.service import record_event
    from longarm.auth import service
    from longarm.auth.permissions import operator
    from longarm.storage.database import configured_transaction

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with configured_transaction() as session:
        user = service.create(session=session, name=name, role=role, password=password)
        record_event(
            session=session,
            actor=operator().label,
            action=AuditAction.user_add,
            target_type="user",
            target_id=user.name,
            after=service.user_record(user),
        )
    typer.echo(f"user {user.name} added with role {user.role}")


def _change_user(name: str, change: str, value: object) -> None:
    from longarm.audit.actions import AuditAction
    from longarm.audit.service import record_event
    from longarm.auth import service
    from longarm.auth.permissions import operator
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        user = service.get_by_name_or_raise(session=session, name=name)
        before = service.user_record(user)
        if change == "role":
            service.set_role(session=session, user=user, role=str(value))
        else:
            service.set_active(session=session, user=user, active=bool(value))
        record_event(
            session=session,
            actor=operator().label,
            action=AuditAction.user_change,
            target_type="user",
            target_id=user.name,
            before=before,
            after=service.user_record(user),
        )
    typer.echo(f"user {name}: {change} set to {value}")


@user_app.command("role")
def set_role(
    name: str = typer.Argument(..., help="Login name."),
    role: str = typer.Argument(..., help="admin, editor, analyst or viewer."),
) -> None:
    """Give a user another role (their open sessions change at once)."""
    _change_user(name, "role", role)


@user_app.command("disable")
def disable(name: str = typer.Argument(..., help="Login name.")) -> None:
    """Stop a user signing in; ends their sessions and revokes their API tokens."""
    _change_user(name, "active", False)


@user_app.command("enable")
def enable(name: str = typer.Argument(..., help="Login name.")) -> None:
    """Let a disabled user sign in again."""
    _change_user(name, "active", True)


@token_app.command("create")
def create_token(
    user_name: str = typer.Argument(..., help="The user the token acts for."),
    name: str = typer.Option(..., "--name", help="What the token is for (shown in listings)."),
    scope: list[str] = typer.Option(  # noqa: B008
        [], "--scope", help="A permission the token may use (repeat); default read_public."
    ),
    days: float | None = typer.Option(None, "--days", help="Expire after this many days."),
) -> None:
    """Create an API token; its secret is printed once and stored only as a hash."""
    from longarm.audit.actions import AuditAction
    from longarm.audit.service import record_event
    from longarm.auth import service, tokens
    from longarm.auth.permissions import operator
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        user = service.get_by_name_or_raise(session=session, name=user_name)
        secret, row = tokens.create(session=session, user=user, name=name, scopes=scope, days=days)
        record_event(
            session=session,
            actor=operator().label,
            action=AuditAction.token_create,
            target_type="token",
            target_id=str(row.id),
            after=tokens.token_record(row),
        )
        shown = f"token {row.id} ({row.prefix}…) for {user.name}, scopes {', '.join(row.scopes)}"
    typer.echo(shown, err=True)
    typer.echo(secret)


@token_app.command("revoke")
def revoke_token(token: str = typer.Argument(..., help="The token's id or its prefix (lat_…).")) -> None:
    """Revoke an API token; it stops working at once."""
    from longarm.audit.actions import AuditAction
    from longarm.audit.service import record_event
    from longarm.auth import tokens
    from longarm.auth.permissions import operator
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        row = tokens.find(session=session, token=token)
        before = tokens.token_record(row)
        tokens.revoke(session=session, token=row)
        record_event(
            session=session,
            actor=operator().label,
            action=AuditAction.token_revoke,
            target_type="token",
            target_id=str(row.id),
            before=before,
            after=tokens.token_record(row),
        )
    typer.echo(f"token {row.id} revoked")


@token_app.command("list")
def list_tokens() -> None:
    """List API tokens (id, prefix, user, scopes, state); never their secrets."""
    from longarm.auth import tokens
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        lines = [
            f"{r['id']}\t{r['token_prefix']}…\t{r['user']}\t{','.join(r['scopes'])}\t"  # type: ignore[arg-type]
            + ("revoked" if r["revoked"] else "active")
            for r in map(tokens.token_record, tokens.listing(session=session))
        ]
    typer.echo("\n".join(lines) if lines else "no tokens")


@key_app.command("rotate")
def rotate_key() -> None:
    """Seal every restricted value under a new key and drop the old key from the key file."""
    from longarm.auth.permissions import operator
    from longarm.config import load_settings
    from longarm.incidents.rotation import rotate
    from longarm.storage.database import open_engine

    settings = load_settings()
    key_id, moved = rotate(engine=open_engine(settings), settings=settings, actor=operator().label)
    typer.echo(f"new key {key_id}: {moved} restricted value(s) re-sealed")


def register(app: typer.Typer) -> None:
    """Add the `user`, `token` and `key` groups to the CLI."""
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
    app.add_typer(key_app, name="key")
