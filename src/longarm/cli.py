"""The `longarm` command line: each domain registers its own commands here."""

from __future__ import annotations

import os
import sys
from importlib import import_module

import typer

from longarm.config import configure_logging, load_settings
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
    "longarm.analytics.commands",
    "longarm.reports.commands",
)

for _module in COMMAND_MODULES:
    import_module(_module).register(app)


def main() -> None:
    """Run the CLI; a user's mistake becomes one line on stderr and exit code 2."""
    # What longarm writes (the database and its WAL, evidence, backups, anchors) is its owner's
    # alone: files 0600 and folders 0700, whatever the shell's umask.
    os.umask(0o077)
    try:
        configure_logging(load_settings())
        # Without standalone mode click returns (not raises) a command's `typer.Exit` code.
        code = app(standalone_mode=False)
    except LongarmError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except typer.TyperException as error:  # usage errors: an unknown command, a missing argument
        if not hasattr(error, "show"):
            raise
        error.show()
        sys.exit(getattr(error, "exit_code", 2))
    except Exception as error:
        from longarm.storage.engine import database_problem

        problem = database_problem(error)
        if problem is None:
            raise
        typer.echo(f"error: {problem}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
