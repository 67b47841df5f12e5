"""Restricted claims are sealed on every flush, whoever built them, and opened only on request.

A restricted claim keeps its structure (field, source, who, credibility, offsets) in
clear, and its value, quote, note and item key (a victim's name key) only inside an
AES-GCM envelope in `claims.sealed`. Opening returns a read-only view, never the ORM
object, so a decrypted value cannot be flushed back in clear by accident.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from longarm.security import keys

SEALED_FIELDS = ("value", "quote", "note", "item_key")


def context_for(field: str) -> str:
    """The AES-GCM associated data of a claim: a sealed value cannot be moved to another field."""
    return f"claim:{field}"


def _has_clear_text(claim: Any) -> bool:
    return any(getattr(claim, name) is not None for name in SEALED_FIELDS)


def seal_claim(claim: Any, keyring: keys.Keyring) -> None:
    """Move a restricted claim's values into its envelope (merging with what it already holds)."""
    content: dict[str, Any] = {}
    if claim.sealed:
        content = keyring.open(claim.sealed, context=context_for(claim.field))
    for name in SEALED_FIELDS:
        if getattr(claim, name) is not None:
            content[name] = getattr(claim, name)
            setattr(claim, name, None)
    claim.sealed = keyring.seal(content, context=context_for(claim.field))


def unseal_claim(claim: Any, keyring: keys.Keyring) -> None:
    """Put a claim that is no longer restricted back in clear."""
    content = keyring.open(claim.sealed, context=context_for(claim.field))
    for name in SEALED_FIELDS:
        if getattr(claim, name) is None and content.get(name) is not None:
            setattr(claim, name, content[name])
    claim.sealed = None


def _before_flush(session: Session, _flush_context: UOWTransaction, _instances: object) -> None:
    from longarm.incidents.models import Claim

    changed = [obj for obj in list(session.new) + list(session.dirty) if isinstance(obj, Claim)]
    keyring: keys.Keyring | None = None
    for claim in changed:
        needs_seal = claim.restricted and _has_clear_text(claim)
        needs_unseal = not claim.restricted and claim.sealed is not None
        if not (needs_seal or needs_unseal):
            continue
        keyring = keyring or keys.keyring_for(session, create=True)
        if needs_seal:
            seal_claim(claim, keyring)
        else:
            unseal_claim(claim, keyring)


event.listen(Session, "before_flush", _before_flush)


class OpenedClaim:
    """A read-only view of a sealed claim with its values opened; everything else is the claim's."""

    def __init__(self, claim: Any, content: dict[str, Any]) -> None:
        object.__setattr__(self, "_claim", claim)
        for name in SEALED_FIELDS:
            object.__setattr__(self, name, content.get(name))

    def __getattr__(self, name: str) -> Any:
        return getattr(object.__getattribute__(self, "_claim"), name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("An opened claim is read-only; change the claim itself.")


def open_claims(claims: Iterable[Any], *, session: Session | None) -> list[Any]:
    """The claims with every sealed one replaced by an opened view."""
    claims = list(claims)
    if not any(c.sealed for c in claims):
        return claims
    if session is None:
        raise RuntimeError("Sealed claims can only be opened while their session is open.")
    keyring = keys.keyring_for(session)
    return [OpenedClaim(c, keyring.open(c.sealed, context=context_for(c.field))) if c.sealed else c for c in claims]
