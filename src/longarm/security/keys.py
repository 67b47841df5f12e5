"""The key that seals restricted values, kept outside the database.

The key file (`$LONGARM_HOME/longarm.key`, mode 0600) holds the current field key, which
seals, the retired ones (sealed under the current key), which only open what an older
backup or audit event still holds, and an integrity key that signs the audit chain and
backup manifests. `LONGARM_SECRET_KEY` (base64, at least 32 bytes) replaces the file: both
keys are derived from it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from longarm.config import Settings
from longarm.errors import BadInput, IntegrityError
from longarm.files import write_atomically

# v2 envelopes are bound to their record's identity by their context; v1 ones (older) only to a claim's field.
_PREFIXES = ("v1", "v2")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.encode("ascii"))


def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"longarm {purpose}".encode()).derive(secret)


@dataclass(frozen=True)
class Keyring:
    """Field keys by id (the current one seals) and the integrity key for signatures."""

    current: str
    keys: dict[str, bytes]
    integrity: bytes
    origin: str = "file"  # "file" or "environment"

    def seal(self, payload: Any, *, context: str, version: str = "v2") -> str:
        """Encrypt a JSON-able value with AES-GCM under the current key, bound to its context."""
        nonce = secrets.token_bytes(12)
        plain = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plain, context.encode("utf-8"))
        return f"{version}.{self.current}.{_b64(nonce + sealed)}"

    def open(self, sealed: str, *, context: str) -> Any:
        """Decrypt a sealed value; IntegrityError when the key is missing or the bytes were altered."""
        try:
            prefix, key_id, body = sealed.split(".", 2)
        except ValueError:
            raise IntegrityError("A sealed value is malformed.") from None
        if prefix not in _PREFIXES or key_id not in self.keys:
            raise IntegrityError(f"A value is sealed with key {key_id!r}, which this key file does not hold.")
        raw = _unb64(body)
        try:
            plain = AESGCM(self.keys[key_id]).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
        except InvalidTag:
            raise IntegrityError("A sealed value failed its integrity check (altered or moved).") from None
        return json.loads(plain)

    def key_id_of(self, sealed: str) -> str:
        """Which key sealed this value."""
        return sealed.split(".", 2)[1]

    def sign(self, data: bytes) -> str:
        """HMAC-SHA256 of the data with the integrity key, as hex."""
        return hmac.new(self.integrity, data, hashlib.sha256).hexdigest()

    def with_new_key(self) -> Keyring:
        """This keyring plus a fresh current key (the retired ones still open what they sealed)."""
        key_id = "k" + secrets.token_hex(4)
        return Keyring(key_id, {**self.keys, key_id: AESGCM.generate_key(bit_length=256)}, self.integrity, self.origin)


def new_keyring() -> Keyring:
    """A keyring with one fresh field key and a fresh integrity key."""
    key_id = "k" + secrets.token_hex(4)
    return Keyring(key_id, {key_id: AESGCM.generate_key(bit_length=256)}, secrets.token_bytes(32))


def from_secret(secret: str) -> Keyring:
    """The keyring derived from LONGARM_SECRET_KEY."""
    try:
        raw = base64.b64decode(secret.strip(), validate=True)
    except ValueError:
        raise BadInput("LONGARM_SECRET_KEY is not base64.") from None
    if len(raw) < 32:
        raise BadInput("LONGARM_SECRET_KEY must decode to at least 32 bytes.")
    field_key = _derive(raw, "fields")
    key_id = "e" + hashlib.sha256(field_key).hexdigest()[:8]
    return Keyring(key_id, {key_id: field_key}, _derive(raw, "integrity"), origin="environment")


def _retired_context(key_id: str) -> str:
    return f"retired-key:{key_id}"


def write_key_file(path: Path, keyring: Keyring) -> None:
    """Write the keyring to its file, readable by the owner only; retired keys sealed under the current one."""
    retired = {
        key_id: keyring.seal(_b64(key), context=_retired_context(key_id))
        for key_id, key in keyring.keys.items()
        if key_id != keyring.current
    }
    document = {
        "version": 2,
        "current": keyring.current,
        "keys": {keyring.current: _b64(keyring.keys[keyring.current])},
        "retired": retired,
        "integrity": _b64(keyring.integrity),
    }
    write_atomically(path, json.dumps(document, indent=2).encode("utf-8") + b"\n", mode=0o600)


def read_key_file(path: Path) -> Keyring:
    """Read a key file; refuse one that other users can read."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BadInput(f"{path}: other users can read the key file; run `chmod 600 {path}`.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        keys = {key_id: _unb64(key) for key_id, key in document["keys"].items()}
        current = Keyring(document["current"], keys, _unb64(document["integrity"]))
        for key_id, sealed in document.get("retired", {}).items():
            keys[key_id] = _unb64(current.open(sealed, context=_retired_context(key_id)))
        return current
    except (ValueError, KeyError, TypeError):
        raise BadInput(f"{path}: not a longarm key file.") from None
    except IntegrityError:
        raise BadInput(f"{path}: a retired key does not open with the current one; the file was altered.") from None


class KeyStore:
    """Where one database's keys come from: the key file (re-read when it changes) or LONGARM_SECRET_KEY.

    Made once from the settings at start-up and carried by the engine every session uses
    (`attach`): nothing is looked up by URL, and nothing falls back to the environment.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._read: tuple[tuple[int, int, int], Keyring] | None = None
        self._derived: Keyring | None = None

    def keyring(self, *, create: bool = False) -> Keyring:
        """The current keyring; with `create`, a missing key file is made (mode 0600)."""
        if self.settings.secret_key:
            self._derived = self._derived or from_secret(self.settings.secret_key)
            return self._derived
        path = self.settings.key_file
        if not path.exists():
            if not create:
                raise IntegrityError(f"No encryption key at {path}: run `longarm init` or set LONGARM_SECRET_KEY.")
            write_key_file(path, new_keyring())
        # Re-read when the file changes (a running server picks up `longarm key rotate`) or its mode does.
        status = path.stat()
        stamp = (status.st_mtime_ns, status.st_mode, status.st_size)
        if self._read is None or self._read[0] != stamp:
            self._read = (stamp, read_key_file(path))
        return self._read[1]

    def ensure(self) -> Path | None:
        """Create the key file if there is none and no LONGARM_SECRET_KEY; the file's path, if any."""
        self.keyring(create=True)
        return None if self.settings.secret_key else self.settings.key_file


def load_keyring(settings: Settings, *, create: bool = False) -> Keyring:
    """The keyring the settings name, read now; with `create`, a missing key file is made (mode 0600)."""
    return KeyStore(settings).keyring(create=create)


_OPTION = "longarm_keys"


def attach(engine: Engine, store: KeyStore) -> Engine:
    """The engine, carrying the key store its sessions seal, open and sign with."""
    return engine.execution_options(**{_OPTION: store})


def store_of(bind: Engine | Connection | Session) -> KeyStore:
    """The key store an engine, connection or session carries; RuntimeError when it carries none."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    store = bind.get_execution_options().get(_OPTION)
    if not isinstance(store, KeyStore):
        # A programming error, never a user's: without keys nothing restricted may be written or read.
        raise RuntimeError("This database was opened without its keys; open it with storage.database.open_engine.")
    return store


def keyring_for(session: Session, *, create: bool = False) -> Keyring:
    """The keyring of the database a session works on."""
    return store_of(session).keyring(create=create)


def key_file_mode(path: Path) -> int:
    """The permission bits of a key file (for checks and tests)."""
    return stat.S_IMODE(os.stat(path).st_mode)
