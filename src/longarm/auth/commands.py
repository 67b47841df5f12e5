"""`longarm user add`: create accounts."""

from __future__ import annotations

import sys

import typer

user_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)


@user_app.command("add")
def add_user(
    name: str = typer.Argument(..., help="Login name."),
    role: str = typer.Option(..., "--role", help="admin, editor, analyst or viewer."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a user; the password is asked for (or read from stdin) and stored as an argon2id hash."""
    from longarm.auth import service
    from longarm.config import load_settings
    from longarm.storage.database import open_engine
    from longarm.storage.engine import transaction

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with transaction(open_engine(load_settings())) as session:
        user = service.create(session=session, name=name, role=role, password=password)
    typer.echo(f"user {user.name} added with role {user.role}")


def register(app: typer.Typer) -> None:
    """Add the `user` group to the CLI."""
    app.add_typer(user_app, name="user")
