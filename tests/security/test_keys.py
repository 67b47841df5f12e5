"""The key: made by `init` with mode 0600, or from LONGARM_SECRET_KEY; seals are bound and tamper-evident; rotation."""

from __future__ import annotations

import base64
import json
import os

import pytest
from sqlalchemy import text

from longarm.config import Settings
from longarm.errors import BadInput, IntegrityError
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.security import keys
from longarm.storage.engine import create_database_engine, transaction
from tests.cli_runner import longarm


def test_init_creates_a_key_file_only_the_owner_can_read(cli_env):  # type: ignore[no-untyped-def]
    run = longarm("init")
    assert run.code == 0, run.stderr
    assert keys.key_file_mode(cli_env.key_file) == 0o600


def test_a_readable_key_file_is_refused(tmp_path):  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path)
    keys.KeyStore(settings).ensure()
    os.chmod(settings.key_file, 0o644)
    with pytest.raises(BadInput, match="chmod 600"):
        keys.load_keyring(settings)


def test_seals_open_only_with_their_key_and_context(tmp_path):  # type: ignore[no-untyped-def]
    ring = keys.new_keyring()
    sealed = ring.seal({"place": "Hidden Lane 7"}, context="claim:location")
    assert "Hidden" not in sealed
    assert ring.open(sealed, context="claim:location") == {"place": "Hidden Lane 7"}
    with pytest.raises(IntegrityError):
        ring.open(sealed, context="claim:title")  # moved to another field
    with pytest.raises(IntegrityError):
        keys.new_keyring().open(sealed, context="claim:location")  # another key
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with pytest.raises(IntegrityError):
        ring.open(flipped, context="claim:location")


def test_the_environment_key_replaces_the_file(tmp_path):  # type: ignore[no-untyped-def]
    secret = base64.b64encode(os.urandom(32)).decode()
    ring = keys.load_keyring(Settings(home=tmp_path, secret_key=secret))
    assert ring.origin == "environment" and not (tmp_path / "longarm.key").exists()
    assert keys.load_keyring(Settings(home=tmp_path, secret_key=secret)).keys == ring.keys
    with pytest.raises(BadInput):
        keys.from_secret("c2hvcnQ=")


_RESTRICTED_CLAIM = {
    "field": "location",
    "value": {"place": "Another Lane 9", "country": "NL"},
    "source": "SRC-R",
    "note": "another home",
    "made_by": "t",
    "restricted": True,
}


def _restricted_incident(engine) -> None:  # type: ignore[no-untyped-def]
    record = IncidentRecord.model_validate(
        {
            "id": "INC-R",
            "sources": [{"id": "SRC-R", "title": "r"}],
            "claims": [
                {"field": "title", "value": "Public title", "source": "SRC-R", "note": "n", "made_by": "t"},
                {
                    "field": "location",
                    "value": {"place": "Hidden Lane 7", "country": "NL"},
                    "source": "SRC-R",
                    "note": "the target's home",
                    "made_by": "t",
                    "restricted": True,
                },
            ],
        }
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="t", note="n")


def _place(engine) -> str:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        record = incidents.to_record(
            incidents.get_or_raise(session=session, incident_id="INC-R"), include_restricted=True
        ).model_dump(mode="json")
    return str(record["location"]["place"])


def test_restricted_claims_are_stored_sealed(engine):  # type: ignore[no-untyped-def]
    _restricted_incident(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT value, note, item_key, sealed FROM claims WHERE restricted")).one()
    assert row.value in (None, "null") and row.note is None and row.sealed.startswith("v2.")
    assert _place(engine) == "Hidden Lane 7"


def test_a_database_opened_without_its_keys_writes_nothing_restricted(settings, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # where the old fallback wrote ./data/longarm.key
    monkeypatch.setenv("LONGARM_HOME", str(tmp_path / "environment"))
    bare = create_database_engine(settings.effective_database_url)
    try:
        with pytest.raises(RuntimeError, match="without its keys"):
            _restricted_incident(bare)
        with bare.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM claims")).scalar_one() == 0
    finally:
        bare.dispose()
    assert not (tmp_path / "environment").exists() and not (tmp_path / "data").exists()
    assert not settings.key_file.exists()


def test_key_rotate_reseals_everything_and_retires_the_old_key(engine, cli_env):  # type: ignore[no-untyped-def]
    _restricted_incident(engine)
    before = keys.load_keyring(cli_env)
    run = longarm("key", "rotate")
    assert run.code == 0, run.stderr
    assert "1 restricted value(s) re-sealed" in run.stdout
    after = keys.load_keyring(cli_env)
    assert after.current != before.current and set(after.keys) == {before.current, after.current}
    stored = json.loads(cli_env.key_file.read_text())
    assert list(stored["keys"]) == [after.current] and list(stored["retired"]) == [before.current]
    assert base64.urlsafe_b64encode(before.keys[before.current]).decode() not in cli_env.key_file.read_text()
    assert keys.key_file_mode(cli_env.key_file) == 0o600
    with engine.connect() as connection:
        sealed = connection.execute(text("SELECT sealed FROM claims WHERE restricted")).scalar_one()
    assert after.key_id_of(sealed) == after.current
    assert _place(engine) == "Hidden Lane 7"
    assert longarm("audit", "verify").code == 0  # the integrity key did not change


def _sealed_of(engine, incident_id: str) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        query = "SELECT sealed FROM claims WHERE restricted AND incident_id = :i"
        return str(connection.execute(text(query), {"i": incident_id}).scalar_one())


def test_a_sealed_value_moved_to_another_claim_does_not_open(engine):  # type: ignore[no-untyped-def]
    _restricted_incident(engine)
    other = IncidentRecord.model_validate(
        {"id": "INC-S", "sources": [{"id": "SRC-R", "title": "r"}], "claims": [_RESTRICTED_CLAIM]}
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=other, made_by="t", note="n")
    with engine.begin() as connection:
        moved = "UPDATE claims SET sealed = :s WHERE restricted AND incident_id = 'INC-S'"
        connection.execute(text(moved), {"s": _sealed_of(engine, "INC-R")})
    with pytest.raises(IntegrityError), transaction(engine) as session:
        incidents.to_record(incidents.get_or_raise(session=session, incident_id="INC-S"), include_restricted=True)


def test_envelopes_bound_only_to_their_field_still_open_and_rotation_binds_them(engine, cli_env):  # type: ignore[no-untyped-def]
    _restricted_incident(engine)
    ring = keys.load_keyring(cli_env)
    legacy = ring.seal({"value": {"place": "Hidden Lane 7", "country": "NL"}}, context="claim:location", version="v1")
    with engine.begin() as connection:
        connection.execute(text("UPDATE claims SET sealed = :s WHERE restricted"), {"s": legacy})
    assert _place(engine) == "Hidden Lane 7"
    assert longarm("key", "rotate").code == 0
    assert _sealed_of(engine, "INC-R").startswith("v2.")
    assert _place(engine) == "Hidden Lane 7"
