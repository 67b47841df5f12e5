"""Adding a claim field is one declaration (and its column's migration): every door then shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_field_declared_once_reaches_the_export_the_csv_the_api_schema_and_the_edit_form(tmp_path: Path) -> None:
    # A fresh interpreter: the records are built from the declaration when longarm is imported.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.added_field", str(tmp_path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["json"] == "her reporting on the protests" and "motive" in seen["claims"]
    assert seen["csv"] == "her reporting on the protests"
    assert seen["schema"]["description"] == "Why the target was chosen, in the sources' words."
    assert '<label for="f-motive">Motive</label>' in seen["form"]
    assert seen["edited"] == "his exile"  # the edit API takes it, and the form then shows the new value
    assert any('value="his exile"' in line for line in seen["form"])
