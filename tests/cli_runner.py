"""Run the installed `longarm` command in a fresh process, as a user does, and capture its output."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The console script beside the interpreter: an import that fails only outside the test
# process (a model never imported by the command) must fail here too.
LONGARM = str(Path(sys.executable).with_name("longarm"))


@dataclass
class Run:
    """What a CLI run printed and returned."""

    code: int
    stdout: str
    stderr: str


def longarm(*args: str, stdin: str | None = None) -> Run:
    """Run the installed `longarm ARGS` in a subprocess with the current environment."""
    done = subprocess.run([LONGARM, *args], input=stdin, capture_output=True, text=True, timeout=120)
    return Run(done.returncode, done.stdout, done.stderr)
