"""Bad input to `longarm import` names the row and the field, and changes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from longarm.errors import BadInput
from longarm.exports.importing import import_path
from longarm.exports.service import export_text
from longarm.incidents.models import Claim, Incident
from longarm.storage.database import initialise
from longarm.storage.engine import transaction
from tests.cli_runner import longarm

HEADER = "id,title,tactic,status,date_start,date_end,date_precision,country\n"
GOOD_ROW = "INC-OK1,A good row,threat,completed,2020-01-01,2020-01-31,month,FR\n"


def _counts(engine) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(Incident)) or 0,
            session.scalar(select(func.count()).select_from(Claim)) or 0,
        )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEADER.replace("country", "nation") + GOOD_ROW, "unknown column(s) nation"),
        (
            HEADER + GOOD_ROW + "INC-2,Bad date,threat,completed,2020-13-01,2020-13-31,month,FR\n",
            "row 3 (id INC-2), field date_start",
        ),
        (HEADER + GOOD_ROW + "INC-3,Bad tactic,bombing,completed,,,,FR\n", "row 3 (id INC-3), field tactic"),
        (HEADER + GOOD_ROW + "INC-4,Bad country,threat,completed,,,,XX\n", "row 3 (id INC-4), field country"),
        (
            HEADER + GOOD_ROW + "INC-5,Backwards,threat,completed,2020-02-01,2020-01-01,day,FR\n",
            "row 3 (id INC-5), field date",
        ),
        (
            '{"incidents": [{"id": "INC-J", "tactic": "killing", "fatalities": -1}]}',
            "incident 1 (id INC-J), field fatalities",
        ),
        ('{"incidents": [', "not valid JSON"),
        ('{"rows": []}', 'an object with an "incidents" list'),
        ("", "the file is empty"),
    ],
)
def test_bad_file_names_the_problem_and_changes_nothing(engine, tmp_path, content, expected):  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    before = _counts(engine)
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match="bad.csv") as raised, transaction(engine) as session:
        import_path(session=session, path=path, made_by="test")
    assert expected in str(raised.value)
    assert _counts(engine) == before


def test_wrong_encoding_is_refused_with_the_line(engine, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "INC-L,Caf\u00e9 attack,threat,completed,,,,FR\n").encode("latin-1"))
    with (
        pytest.raises(BadInput, match=r"latin1.csv: not UTF-8 text \(line 2"),
        transaction(engine) as session,
    ):
        import_path(session=session, path=path, made_by="test")
    assert _counts(engine) == (0, 0)


def test_a_failing_row_leaves_earlier_rows_unwritten(engine, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "half.json"
    good = {"id": "INC-G", "title": "Good", "tactic": "threat"}
    path.write_text(json.dumps({"incidents": [good, {"id": "INC-B", "status": "maybe"}]}), encoding="utf-8")
    with (
        pytest.raises(BadInput, match="incident 2 \\(id INC-B\\), field status"),
        transaction(engine) as session,
    ):
        import_path(session=session, path=path, made_by="test")
    with transaction(engine) as session:
        assert json.loads(export_text(session=session, format_name="json"))["incidents"] == []


def test_cli_import_error_is_one_line_with_exit_2(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "INC-2,x,bombing,,,,,\n", encoding="utf-8")
    run = longarm("import", str(path))
    assert run.code == 2
    assert run.stderr.strip().count("\n") == 0 and "row 2 (id INC-2), field tactic" in run.stderr
    assert "Traceback" not in run.stderr
