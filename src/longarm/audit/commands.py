"""`longarm audit verify`: check the audit log's chain."""

from __future__ import annotations

import typer

audit_app = typer.Typer(help="Check the audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify_command() -> None:
    """Exit 0 when every event is intact and in place; else name each edited, deleted, inserted or moved event."""
    from longarm.audit import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        problems = service.verify(session=session)
        count = session.execute(service.count_statement()).scalar_one()
    if problems:
        from longarm.errors import IntegrityError

        for problem in problems:
            typer.echo(f"audit: {problem}", err=True)
        raise IntegrityError(f"The audit log fails verification: {len(problems)} problem(s) above.")
    typer.echo(f"audit log intact: {count} event(s)")


def register(app: typer.Typer) -> None:
    """Add the `audit` group to the CLI."""
    app.add_typer(audit_app, name="audit")
