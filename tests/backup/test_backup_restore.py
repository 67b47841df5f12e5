"""Backup → wipe → restore gives the same export; a tampered backup is refused and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from longarm.errors import IntegrityError
from longarm.security import keys
from longarm.storage.database import initialise
from tests.cli_runner import longarm
from tests.security.test_keys import _place, _restricted_incident


def _setup(engine, settings) -> str:  # type: ignore[no-untyped-def]
    initialise(engine, sample=True)
    evidence = settings.evidence_dir / "ab" / ("ab" + "0" * 62)
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"the stored article")
    run = longarm("export", "--format", "json")
    assert run.code == 0, run.stderr
    return run.stdout


def _wipe(engine, settings) -> None:  # type: ignore[no-untyped-def]
    engine.dispose()
    if engine.url.get_backend_name() == "sqlite":
        for path in Path(engine.url.database).parent.glob(Path(engine.url.database).name + "*"):
            path.unlink()
    else:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    for path in sorted(settings.evidence_dir.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_backup_wipe_restore_gives_the_same_export(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    before = _setup(engine, cli_env)
    target = tmp_path / "backup"
    run = longarm("backup", str(target))
    assert run.code == 0, run.stderr
    manifest = json.loads((target / "manifest.json").read_text())
    assert any(name.startswith("evidence/ab/") for name in manifest["files"])
    assert manifest["audit_head"]["seq"] >= 1  # the audit head it ends with, signed with the rest
    _wipe(engine, cli_env)
    assert longarm("export", "--format", "json").stdout != before
    run = longarm("restore", str(target))
    assert run.code == 0, run.stderr
    assert longarm("export", "--format", "json").stdout == before
    assert (cli_env.evidence_dir / "ab" / ("ab" + "0" * 62)).read_bytes() == b"the stored article"
    verified = longarm("audit", "verify")
    assert verified.code == 0, verified.stderr


@pytest.mark.parametrize("tamper", ["database", "evidence", "extra file", "manifest"])
def test_a_tampered_backup_is_refused_and_nothing_is_replaced(engine, cli_env, tmp_path, tamper):  # type: ignore[no-untyped-def]
    before = _setup(engine, cli_env)
    target = tmp_path / "backup"
    assert longarm("backup", str(target)).code == 0
    manifest = json.loads((target / "manifest.json").read_text())
    if tamper == "database":
        database = target / manifest["database"]
        data = bytearray(database.read_bytes())
        data[len(data) // 2] ^= 0xFF
        database.write_bytes(bytes(data))
    elif tamper == "evidence":
        (target / "evidence" / "ab" / ("ab" + "0" * 62)).write_bytes(b"a forged article")
    elif tamper == "extra file":
        (target / "evidence" / "planted.html").write_bytes(b"<script>")
    else:
        manifest["files"][manifest["database"]] = "0" * 64
        (target / "manifest.json").write_text(json.dumps(manifest))
    run = longarm("restore", str(target))
    assert run.code == 2
    assert "refused" in run.stderr or "signature" in run.stderr
    assert longarm("export", "--format", "json").stdout == before
    assert (cli_env.evidence_dir / "ab" / ("ab" + "0" * 62)).read_bytes() == b"the stored article"


def test_a_manifest_path_outside_the_backup_is_refused(engine, settings, tmp_path):  # type: ignore[no-untyped-def]
    from longarm.backup import service

    initialise(engine, sample=False)
    target = tmp_path / "backup"
    service.backup(engine=engine, settings=settings, directory=target, actor="t")
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["files"]["../../outside"] = "0" * 64
    # Even a manifest signed with the right key may not name a path outside the backup.
    manifest["signature"] = keys.load_keyring(settings).sign(service._signed_text(manifest))
    (target / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IntegrityError, match="unsafe path"):
        service.restore(engine=engine, settings=settings, directory=target, actor="t")


def test_backup_refuses_a_folder_that_is_not_empty(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something").write_text("x")
    run = longarm("backup", str(tmp_path / "backup"))
    assert run.code == 2 and "not empty" in run.stderr


def test_a_backup_from_before_key_rotation_restores_its_restricted_values(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    _setup(engine, cli_env)
    _restricted_incident(engine)
    target = tmp_path / "backup"
    assert longarm("backup", str(target)).code == 0
    assert longarm("key", "rotate").code == 0
    _wipe(engine, cli_env)
    run = longarm("restore", str(target))
    assert run.code == 0, run.stderr
    assert _place(engine) == "Hidden Lane 7"
    assert longarm("audit", "verify").code == 0


def test_a_restore_whose_key_the_key_file_lacks_is_refused(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    _setup(engine, cli_env)
    _restricted_incident(engine)
    target = tmp_path / "backup"
    assert longarm("backup", str(target)).code == 0
    old = keys.load_keyring(cli_env)
    fresh = keys.new_keyring()
    keys.write_key_file(cli_env.key_file, keys.Keyring(fresh.current, fresh.keys, old.integrity))
    run = longarm("restore", str(target))
    assert run.code == 2
    assert old.current in run.stderr and "restore refused" in run.stderr
    assert "Traceback" not in run.stderr
