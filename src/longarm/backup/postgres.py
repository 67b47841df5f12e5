"""pg_dump and pg_restore for PostgreSQL backups, with the password passed in the environment."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from longarm.errors import BadInput


def _tool(name: str) -> str:
    # The newest installed client: pg_dump must be at least as new as the server.
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(bindir, name).exists():
            return str(Path(bindir, name))
    found = shutil.which(name)
    if found is None:
        raise BadInput(f"{name} is not installed; install the PostgreSQL client tools.")
    return found


def _environment(url: URL) -> dict[str, str]:
    # Not on the command line: other users can read a process's arguments.
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            env[variable] = str(value)
    return env


def _run(command: list[str], url: URL) -> None:
    done = subprocess.run(command, env=_environment(url), capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BadInput(f"{Path(command[0]).name} failed: {last}")


def dump(url: URL, target: Path) -> None:
    """A consistent custom-format dump of the database (pg_dump takes one snapshot)."""
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], url)


def restore(url: URL, dump_file: Path) -> None:
    """Replace the database's objects with the dump's, in one transaction."""
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={url.database}",
            str(dump_file),
        ],
        url,
    )
