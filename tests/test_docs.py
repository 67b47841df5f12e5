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


def test_the_readme_python_example_runs(engine, settings):  # type: ignore[no-untyped-def]
    from longarm.storage.database import initialise

    initialise(engine, sample=True)
    example = README.split("```python\n", 1)[1].split("```", 1)[0]
    example = example.replace('"sqlite:///data/longarm.db"', repr(settings.effective_database_url))
    printed: list[object] = []
    exec(compile(example, "README.md", "exec"), {"print": printed.append})
    assert printed and any("Almere" in title for title in printed[0])  # type: ignore[union-attr]


def test_every_test_named_in_the_threat_table_exists():
    import re

    root = Path(__file__).parent.parent
    table = (root / "docs" / "security.md").read_text(encoding="utf-8").split("## Threats", 1)[1]
    missing = []
    for cell in re.findall(r"`(tests/[^`]+)`", table):
        path, _, names = cell.partition("::")
        source = (root / path).read_text(encoding="utf-8") if (root / path).exists() else ""
        if not source or (names and f"def {names}(" not in source):
            missing.append(cell)
    for name in re.findall(r"`::(test_\w+)`", table):
        if not any(f"def {name}(" in p.read_text(encoding="utf-8") for p in (root / "tests").rglob("test_*.py")):
            missing.append(name)
    assert missing == []
