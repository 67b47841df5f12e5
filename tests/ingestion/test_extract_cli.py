"""`longarm extract`: output formats, and bad input as one line on stderr with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import longarm

TEXT = "Exiled writer Farid Noori was shot dead in Ghent in March 2020.\n"


def test_json_for_one_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    run = longarm("extract", str(path), "--published", "2020-04-01", "--format", "json")
    assert run.code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["incidents"][0]["location"]["place"] == "Ghent"


def test_jsonl_prints_one_object_a_line(tmp_path: Path) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT)
        paths.append(str(tmp_path / name))
    run = longarm("extract", *paths, "--format", "jsonl")
    assert run.code == 0, run.stderr
    assert [json.loads(line)["document"]["path"] for line in run.stdout.splitlines()] == paths


def test_table(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    run = longarm("extract", str(path), "--format", "table")
    assert run.code == 0 and "killing" in run.stdout and "Ghent" in run.stdout


@pytest.mark.parametrize(
    ("content", "args"),
    [
        (b"", []),
        (b"   \n\n", []),
        (b"\xff\xfe\x00\x00\x89PNG\x00\x01garbage\x00", []),
        (TEXT.encode(), ["--published", "yesterday"]),
        (TEXT.encode(), ["--published", "2020-13-01"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, args: list[str]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    run = longarm("extract", str(path), *args)
    assert run.code == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    run = longarm("extract", str(tmp_path / "nowhere.txt"))
    assert run.code == 2 and "nowhere.txt" in run.stderr and "Traceback" not in run.stderr


def test_the_command_line_starts_without_the_database_layer() -> None:
    # `longarm extract` touches no database: sqlalchemy's import alone cost a third of a second of its start.
    probe = "import sys, longarm.cli; print('sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
