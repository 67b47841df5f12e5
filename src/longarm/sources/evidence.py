"""The evidence store: document bytes kept once, by SHA-256, under the home folder."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from longarm.errors import BadInput, IntegrityError, NotFound
from longarm.files import write_atomically

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class EvidenceStore:
    """Content-addressed files: `root/ab/cd/abcd…` for the bytes whose SHA-256 is `abcd…`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """Where the bytes with this hash live; only a 64-hex-digit hash makes a path (no escape)."""
        if not _SHA256.fullmatch(sha256):
            raise BadInput(f"{sha256!r} is not a SHA-256 hex digest.")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store the bytes once and return their SHA-256; storing them again changes nothing."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha256)
        if not path.exists():
            write_atomically(path, data, mode=0o600)
        return sha256

    def get(self, sha256: str) -> bytes:
        """The stored bytes, checked against their hash."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(f"No stored document has sha256 {sha256}.") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise IntegrityError(f"The stored document {sha256} no longer matches its hash.")
        return data

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()
