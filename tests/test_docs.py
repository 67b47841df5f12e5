"""Every setting and every command is documented in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from longarm.cli import app
from longarm.config import SETTINGS_ENV

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [var for var, _help in SETTINGS_ENV.values() if var not in README]
    assert missing == []


def test_every_command_is_in_the_readme():
    group = typer.main.get_group(app)
    names = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        names.extend(f"longarm {name} {sub}" for sub in subcommands) if subcommands else names.append(f"longarm {name}")
    missing = [name for name in names if name not in README]
    assert missing == []
