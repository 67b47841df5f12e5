"""Run the `longarm` CLI in-process, as `longarm.cli.main` would, and capture its output."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Run:
    """What a CLI run printed and returned."""

    code: int
    stdout: str
    stderr: str


def longarm(*args: str, stdin: str | None = None) -> Run:
    """Run `python -m longarm ARGS` in a subprocess with the current environment."""
    done = subprocess.run(
        [sys.executable, "-m", "longarm", *args], input=stdin, capture_output=True, text=True, timeout=120
    )
    return Run(done.returncode, done.stdout, done.stderr)
