"""The `longarm` command line: each domain registers its own commands here."""

from __future__ import annotations

import sys
from importlib import import_module

import typer

from longarm.errors import LongarmError

app = typer.Typer(
    name="longarm",
    help="Document, verify and analyse transnational repression.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app)`; imports inside commands stay lazy so that
# `longarm --help` and `longarm extract` start fast.
COMMAND_MODULES = (
    "longarm.storage.commands",
    "longarm.ingestion.commands",
    "longarm.exports.commands",
    "longarm.review.commands",
    "longarm.auth.commands",
    "longarm.audit.commands",
    "longarm.backup.commands",
    "longarm.web.commands",
)

for _module in COMMAND_MODULES:
    import_module(_module).register(app)


def main() -> None:
    """Run the CLI; a user's mistake becomes one line on stderr and exit code 2."""
    try:
        app(standalone_mode=False)
    except LongarmError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # click's own usage errors
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        raise
