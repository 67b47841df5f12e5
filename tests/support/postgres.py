"""A throwaway PostgreSQL 15 server for the test run: initdb, pg_ctl, a free port, removed after."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found is None:
        raise RuntimeError("PostgreSQL is not installed: initdb was not found (apt-get install postgresql).")
    return Path(found).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str], user: str | None) -> list[str]:
    # PostgreSQL refuses to run as root; as root we run it as the `postgres` system user.
    return ["runuser", "-u", user, "--", *command] if user else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server and yield a superuser URL to its `postgres` database; stop and remove it after."""
    bindir = _bindir()
    user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="longarm-pg-"))
    data = root / "data"
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    port = _free_port()

    def run(*args: str) -> None:
        command = _as_server_user([str(bindir / args[0]), *args[1:]], user)
        subprocess.run(command, check=True, capture_output=True, cwd=root)

    try:
        run("initdb", "-D", str(data), "-U", "longarm", "--auth=trust", "-E", "UTF8", "--locale=C")
        run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(root / "server.log"),
            "-w",
            "-o",
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start",
        )
        yield f"postgresql+psycopg://longarm@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user),
                capture_output=True,
                cwd=root,
            )
        shutil.rmtree(root, ignore_errors=True)
