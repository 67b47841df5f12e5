"""Backups: a consistent database snapshot, the evidence files and a signed SHA-256 manifest.

`restore` copies the backup into a staging folder first, checks the manifest's
signature and every file's hash there, and only then replaces the database and the
evidence store, so a tampered or incomplete backup changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from longarm.audit import anchor
from longarm.audit import service as audit
from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.backup import postgres
from longarm.config import Settings
from longarm.errors import BadInput, IntegrityError
from longarm.security import keys
from longarm.storage.engine import transaction

MANIFEST = "manifest.json"
FORMAT = "longarm-backup/1"
SQLITE_FILE, POSTGRES_FILE, EVIDENCE = "longarm.db", "longarm.pgdump", "evidence"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _signed_text(manifest: dict[str, Any]) -> bytes:
    body = {key: value for key, value in manifest.items() if key != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _backend(engine: Engine) -> str:
    name = engine.url.get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BadInput(f"Backups support SQLite and PostgreSQL, not {name}.")
    if name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        raise BadInput("An in-memory SQLite database cannot be backed up.")
    return name


def _copy_evidence(source: Path, target: Path) -> None:
    # Symbolic links are not followed: the store holds plain files only.
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            raise IntegrityError(f"{path}: the evidence store holds something other than a plain file.")
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            # copyfile, not copy2: the copy takes the owner-only mode, not the source's.
            shutil.copyfile(path, destination, follow_symlinks=False)


def _key_ids(session: Session) -> list[str]:
    """The keys that sealed the restricted values and audit events in the database."""
    from longarm.audit.models import AuditEvent
    from longarm.incidents.models import Claim

    found: set[str] = set()
    for column in (Claim.sealed, AuditEvent.sealed):
        found |= {str(value).split(".", 2)[1] for value in session.scalars(select(column).where(column.is_not(None)))}
    return sorted(found)


def _check_keys(directory: Path, manifest: dict[str, Any], settings: Settings) -> None:
    missing = sorted(set(manifest.get("key_ids", [])) - set(keys.load_keyring(settings).keys))
    if missing:
        raise IntegrityError(
            f"{directory}: its restricted values are sealed with key(s) {', '.join(missing)}, which the key file "
            "does not hold; restore refused, nothing was replaced (use the key file from the backup's time)."
        )


def backup(*, engine: Engine, settings: Settings, directory: Path, actor: str) -> dict[str, Any]:
    """Write a snapshot of the database and evidence into an empty or new directory; the manifest."""
    backend = _backend(engine)
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BadInput(f"{directory}: not empty; back up into a new or empty folder.")
    directory.mkdir(parents=True, exist_ok=True)
    keyring = keys.load_keyring(settings, create=True)
    with transaction(engine) as session:
        # Recorded before the snapshot, so the backup holds the event of its own making.
        record_event(
            session=session,
            actor=actor,
            action=AuditAction.backup,
            target_type="database",
            target_id=None,
            after={"directory": directory.name, "backend": backend},
        )
        # The head the snapshot ends with (its own event): restore anchors it, so the log cannot be cut short.
        audit_head = audit.head(session=session)
        sealed_with = _key_ids(session)
    if backend == "sqlite":
        source = sqlite3.connect(str(engine.url.database))
        target = sqlite3.connect(str(directory / SQLITE_FILE))
        try:
            source.backup(target)  # SQLite's online backup: a consistent copy while others write
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            target.close()
            source.close()
        database = SQLITE_FILE
    else:
        postgres.dump(engine.url, directory / POSTGRES_FILE)
        database = POSTGRES_FILE
    _copy_evidence(settings.evidence_dir, directory / EVIDENCE)
    files = {
        path.relative_to(directory).as_posix(): sha256_of(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(),
        "backend": backend,
        "database": database,
        "files": files,
        "audit_head": audit_head.as_dict(),
        "key_ids": sealed_with,
    }
    manifest["signature"] = keyring.sign(_signed_text(manifest))
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("..", ".", "") for part in path.parts) or "\\" in name:
        raise IntegrityError(f"The manifest names an unsafe path {name!r}; the backup is refused.")
    return path


def read_manifest(directory: Path, *, settings: Settings) -> dict[str, Any]:
    """The backup's manifest after checking its format, its paths and its signature."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BadInput(f"{directory}: no readable {MANIFEST}; is this a longarm backup?") from None
    well_formed = isinstance(manifest, dict) and isinstance(manifest.get("files"), dict)
    if not well_formed or manifest.get("format") != FORMAT:
        raise BadInput(f"{directory}/{MANIFEST}: not a {FORMAT} manifest.")
    keyring = keys.load_keyring(settings)
    if keyring.sign(_signed_text(manifest)) != manifest.get("signature"):
        raise IntegrityError(
            f"{directory}/{MANIFEST}: the signature does not match; the manifest was altered "
            "or the backup was made with another key."
        )
    for name in manifest["files"]:
        _safe_relative(name)
    if manifest.get("database") not in manifest["files"] or manifest.get("backend") not in ("sqlite", "postgresql"):
        raise IntegrityError(f"{directory}/{MANIFEST}: it lists no database snapshot.")
    return manifest


def verify_into(directory: Path, manifest: dict[str, Any], staging: Path) -> None:
    """Copy every listed file into staging and check its hash there; refuse missing, extra or altered files."""
    directory = Path(directory).resolve()
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file() or p.is_symlink()}
    extra = sorted(present - set(manifest["files"]) - {MANIFEST})
    if extra:
        raise IntegrityError(f"{directory}: {extra[0]} is not in the manifest; the backup is refused.")
    for name, expected in sorted(manifest["files"].items()):
        source = directory / _safe_relative(name)
        if source.is_symlink() or not source.is_file():
            raise IntegrityError(f"{directory}: {name} is missing; the backup is refused.")
        copy = staging / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy, follow_symlinks=False)
        if sha256_of(copy) != expected:
            raise IntegrityError(
                f"{directory}: {name} does not match its SHA-256 in the manifest; "
                "the backup is refused and nothing was replaced."
            )


def restore(*, engine: Engine, settings: Settings, directory: Path, actor: str) -> dict[str, Any]:
    """Replace the database and the evidence store with a verified backup; the manifest."""
    backend = _backend(engine)
    directory = Path(directory)
    manifest = read_manifest(directory, settings=settings)
    if manifest["backend"] != backend:
        raise BadInput(f"{directory}: a {manifest['backend']} backup cannot be restored into {backend}.")
    _check_keys(directory, manifest, settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=settings.home))
    try:
        verify_into(directory, manifest, staging)
        engine.dispose()
        if backend == "sqlite":
            source = sqlite3.connect(f"file:{staging / manifest['database']}?immutable=1", uri=True)
            target = sqlite3.connect(str(engine.url.database))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            postgres.restore(engine.url, staging / manifest["database"])
        _swap_evidence(staging / EVIDENCE, settings.evidence_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    engine.dispose()
    if isinstance(manifest.get("audit_head"), dict):
        # The log now ends where the backup's did: move the anchor back to that head, on purpose.
        kept = manifest["audit_head"]
        anchor.write(settings, anchor.Head(int(kept["seq"]), str(kept["hash"])), force=True)
    with transaction(engine) as session:
        record_event(
            session=session,
            actor=actor,
            action=AuditAction.restore,
            target_type="database",
            target_id=None,
            after={"directory": directory.name, "created": manifest["created"]},
        )
    return manifest


def _swap_evidence(staged: Path, live: Path) -> None:
    # Rename the verified copy into place; the old store is removed only once the new one is there.
    staged.mkdir(parents=True, exist_ok=True)
    live.parent.mkdir(parents=True, exist_ok=True)
    retired = live.with_name(f".{live.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if live.exists():
        live.rename(retired)
    shutil.move(str(staged), str(live))
    shutil.rmtree(retired, ignore_errors=True)
