"""The audit chain's head kept outside the database, so deleting the newest events is found.

Someone who can rewrite the database can delete the newest events and move `audit_head`
back, or wipe the log: what is left is a valid chain. After every commit that adds an
event, its number and hash are written, signed with the integrity key, to
`$LONGARM_HOME/audit-head.json` beside the key file; backups' manifests carry it too, and
`longarm audit fingerprint` prints it short for an auditor to keep elsewhere. `verify`
then requires the chain to reach the anchored event with the anchored hash.
"""

from __future__ import annotations

import fcntl
import hmac
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from longarm.config import Settings
from longarm.errors import BadInput
from longarm.files import write_atomically
from longarm.security import keys

log = logging.getLogger("longarm.audit")
FILE_NAME = "audit-head.json"
_PENDING = "longarm_audit_anchor"


@dataclass(frozen=True)
class Head:
    """An event's place in the chain and its signature."""

    seq: int
    hash: str

    def fingerprint(self) -> str:
        """A short form an auditor can copy: `SEQ:` and the first 16 hex digits of the event's hash."""
        return f"{self.seq}:{self.hash[:16]}"

    def as_dict(self) -> dict[str, Any]:
        """The head as a manifest records it."""
        return {"seq": self.seq, "hash": self.hash}


def path_for(settings: Settings) -> Path:
    """Where the anchor file lives: beside the key file."""
    return settings.home / FILE_NAME


def _signature(keyring: keys.Keyring, head: Head) -> str:
    return keyring.sign(f"audit-anchor:{head.seq}:{head.hash}".encode())


def read(settings: Settings) -> Head | None:
    """The anchored head, or None when nothing was anchored yet; BadInput if the file was altered."""
    path = path_for(settings)
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        head = Head(int(document["seq"]), str(document["hash"]))
        signature = str(document["signature"])
    except (OSError, ValueError, KeyError, TypeError):
        raise BadInput(f"{path}: not a longarm audit anchor.") from None
    if not hmac.compare_digest(signature, _signature(keys.load_keyring(settings), head)):
        raise BadInput(f"{path}: the anchor's signature does not match; it was altered or made with another key.")
    return head


def write(settings: Settings, head: Head, *, force: bool = False) -> None:
    """Record the head; an older head never replaces a newer one unless forced (a restore moves it back)."""
    path = path_for(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(FILE_NAME + ".lock"), os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several processes may commit events at once
        current = None if force else read(settings)
        if current is not None and current.seq >= head.seq:
            return
        document = {**head.as_dict(), "signature": _signature(keys.load_keyring(settings), head)}
        write_atomically(path, json.dumps(document).encode("utf-8") + b"\n", mode=0o600)
    finally:
        os.close(lock)


def remember(session: Session, settings: Settings, head: Head) -> None:
    """Anchor this head once the session's transaction commits (never for a rolled-back event)."""
    session.info[_PENDING] = (settings, head)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is None:
        return
    try:
        write(*pending)
    except BadInput as error:
        # The event is committed; an altered or unwritable anchor is kept as it is for
        # `audit verify` to name, never overwritten (that would hide the alteration).
        log.warning("the audit anchor was not updated: %s", error)


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_soft_rollback", lambda session, _previous: _after_rollback(session))
