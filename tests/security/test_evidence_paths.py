"""Evidence paths cannot escape the store: only a SHA-256 names a file, and it lands under the root."""

from __future__ import annotations

import hashlib

import pytest

from longarm.errors import BadInput, IntegrityError
from longarm.sources.evidence import EvidenceStore

HOSTILE = [
    "../../../etc/passwd",
    "/etc/passwd",
    "..",
    "",
    "ab/../../" + "0" * 55,
    "A" * 64,  # upper case is not what the store writes
    "0" * 63,
    "0" * 65,
    "0" * 62 + "/x",
    "0" * 62 + "\\x",
    "%2e%2e%2f" + "0" * 55,
    "0" * 63 + "\x00",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_refused(tmp_path, name):  # type: ignore[no-untyped-def]
    store = EvidenceStore(tmp_path / "evidence")
    with pytest.raises(BadInput):
        store.path_for(name)
    with pytest.raises(BadInput):
        store.get(name)


def test_stored_bytes_stay_under_the_root_and_are_checked(tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "evidence"
    store = EvidenceStore(root)
    digest = store.put(b"an article")
    assert digest == hashlib.sha256(b"an article").hexdigest()
    path = store.path_for(digest)
    assert path.resolve().is_relative_to(root.resolve())
    assert store.put(b"an article") == digest  # once
    path.write_bytes(b"a forged article")
    with pytest.raises(IntegrityError):
        store.get(digest)
