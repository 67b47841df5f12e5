"""The audit chain: intact logs verify; edits, deletions, insertions and swaps made in the database are named."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from longarm.audit import service as audit
from longarm.audit.actions import AuditAction
from longarm.storage.engine import transaction
from tests.cli_runner import longarm

INSERT = (
    "INSERT INTO audit_events (seq, at, actor, action, target_type, target_id, before, after, prev_hash, hash)"
    " VALUES (6, '2024-01-01T00:00:00.000000Z', 'intruder', 'delete', 'incident', 'INC-1', NULL, NULL, :prev, :hash)"
)


def _five_events(engine) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, 6):
        with transaction(engine) as session:
            audit.record_event(
                session=session,
                actor="tester",
                action=AuditAction.incident_edit,
                target_type="incident",
                target_id="INC-1",
                before={"n": n - 1},
                after={"n": n},
            )


def _problems(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return audit.verify(session=session)


def _sql(engine, statement: str, **params: object) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        connection.execute(text(statement), params)


def test_an_intact_chain_has_no_problem_and_history_lists_events(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    assert _problems(engine) == []
    with transaction(engine) as session:
        history = audit.history(session=session, target_type="incident", target_id="INC-1")
    assert [event.after for event in history] == [{"n": n} for n in range(1, 6)]
    assert [event.seq for event in history] == [1, 2, 3, 4, 5]


def test_an_edited_event_is_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    _sql(engine, "UPDATE audit_events SET actor = 'someone else' WHERE seq = 3")
    assert _problems(engine) == ["event 3 was edited: its content no longer matches its signature."]


def test_an_edited_hash_is_named_too(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    _sql(engine, "UPDATE audit_events SET after = :after, hash = :h WHERE seq = 2", after='{"n":99}', h="0" * 64)
    assert any("event 2 was edited" in problem for problem in _problems(engine))


def test_a_deleted_event_is_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    _sql(engine, "DELETE FROM audit_events WHERE seq = 4")
    assert _problems(engine) == ["event 4 missing: deleted from the log."]


def test_deleting_the_newest_events_is_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    _sql(engine, "DELETE FROM audit_events WHERE seq >= 4")
    problems = _problems(engine)
    assert problems[0] == "events 4–5 missing: deleted from the log."
    assert "event 5, recorded in" in problems[1]  # the anchor file names it too


def test_an_inserted_event_is_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    with engine.begin() as connection:
        last = connection.execute(text("SELECT hash FROM audit_events WHERE seq = 5")).scalar_one()
        connection.execute(text(INSERT), {"prev": last, "hash": "f" * 64})
    assert _problems(engine) == ["row 6 (claiming event 6) was inserted: it carries no valid signature."]


def test_an_inserted_event_with_a_moved_head_is_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    with engine.begin() as connection:
        connection.execute(
            text(INSERT),
            {"prev": "p", "hash": "e" * 64},
        )
        connection.execute(text("UPDATE audit_head SET seq = 6, hash = :hash"), {"hash": "e" * 64})
    assert _problems(engine) == ["event 6 was inserted: it carries no valid signature."]


def test_two_swapped_events_are_named(engine):  # type: ignore[no-untyped-def]
    _five_events(engine)
    with engine.begin() as connection:
        ids = dict(connection.execute(text("SELECT seq, id FROM audit_events")).all())
        connection.execute(text("UPDATE audit_events SET id = -1 WHERE id = :a"), {"a": ids[2]})
        connection.execute(text("UPDATE audit_events SET id = :a WHERE id = :b"), {"a": ids[2], "b": ids[3]})
        connection.execute(text("UPDATE audit_events SET id = :b WHERE id = -1"), {"b": ids[3]})
    assert _problems(engine) == ["event 2 is stored after event 3: the log was reordered."]


def test_restricted_values_are_masked_in_the_log(engine):  # type: ignore[no-untyped-def]
    record = {
        "location": {"place": "Hidden Lane 7"},
        "claims": [
            {
                "field": "location",
                "value": {"place": "Hidden Lane 7"},
                "note": "home",
                "restricted": True,
                "made_by": "t",
            },
            {"field": "title", "value": "A public title", "made_by": "t"},
        ],
        "password": "hunter2hunter2",
    }
    with transaction(engine) as session:
        audit.record_event(
            session=session,
            actor="t",
            action=AuditAction.incident_create,
            target_type="incident",
            target_id="I",
            after=record,
        )
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT after FROM audit_events")).scalar_one()
    assert "Hidden Lane" not in stored and "hunter2" not in stored and "home" not in stored
    # The restricted claim is left out whole (not even its field shows); it is sealed beside the clear text.
    assert "A public title" in stored and '"field":"location"' not in stored


@pytest.mark.parametrize(
    "tamper", ["UPDATE audit_events SET action = 'view' WHERE seq = 2", "DELETE FROM audit_events WHERE seq = 1"]
)
def test_the_cli_exits_non_zero_naming_the_event(engine, cli_env, tamper):  # type: ignore[no-untyped-def]
    _five_events(engine)
    intact = longarm("audit", "verify")
    assert intact.code == 0, intact.stderr
    assert "5 event(s)" in intact.stdout
    _sql(engine, tamper)
    broken = longarm("audit", "verify")
    assert broken.code == 2
    assert "event 2 was edited" in broken.stderr or "event 1 missing" in broken.stderr


def _cut_to(engine, seq: int) -> None:  # type: ignore[no-untyped-def]
    """Delete the events after `seq` and move the head back, as someone who can rewrite the database would."""
    with engine.begin() as connection:
        kept = connection.execute(text("SELECT hash FROM audit_events WHERE seq = :s"), {"s": seq}).scalar() or ""
        connection.execute(text("DELETE FROM audit_events WHERE seq > :s"), {"s": seq})
        connection.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": kept})


@pytest.mark.parametrize("keep", [3, 0], ids=["truncated", "wiped"])
def test_a_truncated_or_wiped_log_fails_verification(engine, cli_env, keep):  # type: ignore[no-untyped-def]
    _five_events(engine)
    _cut_to(engine, keep)
    assert _problems(engine) == [
        "event 5, recorded in " + str(cli_env.home / "audit-head.json") + ", is not in the log: "
        "its newest events were deleted or the log was wiped."
    ]
    run = longarm("audit", "verify")
    assert run.code == 2
    assert "event 5" in run.stderr


def test_a_kept_fingerprint_finds_truncation_even_without_the_anchor_file(engine, cli_env):  # type: ignore[no-untyped-def]
    _five_events(engine)
    printed = longarm("audit", "fingerprint")
    assert printed.code == 0, printed.stderr
    fingerprint = printed.stdout.split()[0]
    assert fingerprint.startswith("5:")
    assert longarm("audit", "verify", "--fingerprint", fingerprint).code == 0
    _cut_to(engine, 4)
    (cli_env.home / "audit-head.json").unlink()
    run = longarm("audit", "verify", "--fingerprint", fingerprint)
    assert run.code == 2
    assert "the fingerprint given" in run.stderr


def test_an_altered_anchor_file_is_named(engine, cli_env):  # type: ignore[no-untyped-def]
    _five_events(engine)
    path = cli_env.home / "audit-head.json"
    path.write_text(path.read_text().replace('"seq": 5', '"seq": 2'))
    assert any("anchor's signature does not match" in problem for problem in _problems(engine))
