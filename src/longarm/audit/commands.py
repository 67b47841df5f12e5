"""`longarm audit verify`: check the audit log's chain."""

from __future__ import annotations

import typer

audit_app = typer.Typer(help="Check the audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify_command(
    fingerprint: str | None = typer.Option(
        None, "--fingerprint", help="A fingerprint kept from `longarm audit fingerprint`: the log must still reach it."
    ),
) -> None:
    """Exit 0 when every event is intact and in place; else name each edited, deleted, inserted or moved event."""
    from longarm.audit import service
    from longarm.storage.database import configured_transaction

    kept = service.parse_fingerprint(fingerprint) if fingerprint else None
    with configured_transaction() as session:
        problems = service.verify(session=session, fingerprint=kept)
        count = session.execute(service.count_statement()).scalar_one()
    if problems:
        from longarm.errors import IntegrityError

        for problem in problems:
            typer.echo(f"audit: {problem}", err=True)
        raise IntegrityError(f"The audit log fails verification: {len(problems)} problem(s) above.")
    typer.echo(f"audit log intact: {count} event(s)")


@audit_app.command("fingerprint")
def fingerprint_command() -> None:
    """Print the newest event's number and a short hash: keep it apart, and pass it to `audit verify --fingerprint`."""
    from longarm.audit import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        head = service.head(session=session)
    typer.echo(f"{head.fingerprint()}  (event {head.seq}; keep this outside the server)")


def register(app: typer.Typer) -> None:
    """Add the `audit` group to the CLI."""
    app.add_typer(audit_app, name="audit")
