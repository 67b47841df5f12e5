"""Restricted claims are sealed on every flush, whoever built them, and opened only on request.

A restricted claim keeps its structure (field, source, who, credibility, offsets) in
clear, and its value, quote, note and item key (a victim's name key) only inside an
AES-GCM envelope in `claims.sealed`. Opening returns a read-only view, never the ORM
object, so a decrypted value cannot be flushed back in clear by accident.

The envelope's associated data names the claim (its id and field), so a sealed value
copied onto another claim does not open. A new claim has no id before its INSERT: it is
sealed bound to its field for that INSERT and re-sealed bound to its id in the same flush,
before anything commits. Envelopes from before this binding (`v1.`) still open, bound to
their field; `longarm key rotate` re-seals them bound to their claim.

The hooks run for every session; the keys come from the engine the session uses, which
`install` (the one start-up step, called by `storage.database.open_engine`) gives them. A
session on an engine without keys cannot write or read a restricted value: it fails, it
never falls back to a key found elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event, update
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value

from longarm.config import Settings
from longarm.security import keys

SEALED_FIELDS = ("value", "quote", "note", "item_key")
_UNBOUND = "longarm_unbound_claims"


def install(engine: Engine, settings: Settings) -> Engine:
    """The engine, carrying the settings' keys: its sessions seal, open and sign with them."""
    return keys.attach(engine, keys.KeyStore(settings))


def context_for(claim: Any, sealed: str | None = None) -> str:
    """The AES-GCM associated data of a claim's envelope: its id and field (only its field for `v1.` envelopes)."""
    if claim.id is None or (sealed or "").startswith("v1."):
        return f"claim:{claim.field}"
    return f"claim:{claim.id}:{claim.field}"


def _seal(claim: Any, keyring: keys.Keyring, content: dict[str, Any]) -> str:
    version = "v1" if claim.id is None else "v2"
    return keyring.seal(content, context=context_for(claim), version=version)


def _has_clear_text(claim: Any) -> bool:
    return any(getattr(claim, name) is not None for name in SEALED_FIELDS)


def seal_claim(claim: Any, keyring: keys.Keyring) -> None:
    """Move a restricted claim's values into its envelope (merging with what it already holds)."""
    content: dict[str, Any] = {}
    if claim.sealed:
        content = keyring.open(claim.sealed, context=context_for(claim, claim.sealed))
    for name in SEALED_FIELDS:
        if getattr(claim, name) is not None:
            content[name] = getattr(claim, name)
            setattr(claim, name, None)
    claim.sealed = _seal(claim, keyring, content)


def unseal_claim(claim: Any, keyring: keys.Keyring) -> None:
    """Put a claim that is no longer restricted back in clear."""
    content = keyring.open(claim.sealed, context=context_for(claim, claim.sealed))
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
            if claim.id is None:
                session.info.setdefault(_UNBOUND, []).append(claim)
        else:
            unseal_claim(claim, keyring)


def _after_flush(session: Session, _flush_context: UOWTransaction) -> None:
    """Bind the envelopes of claims that just got their id to that id, in the same transaction."""
    from longarm.incidents.models import Claim

    unbound = session.info.pop(_UNBOUND, [])
    if not unbound:
        return
    keyring = keys.keyring_for(session)
    for claim in unbound:
        content = keyring.open(claim.sealed, context=context_for(claim, claim.sealed))
        bound = keyring.seal(content, context=context_for(claim), version="v2")
        session.connection().execute(update(Claim).where(Claim.id == claim.id).values(sealed=bound))
        set_committed_value(claim, "sealed", bound)


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)


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
    return [OpenedClaim(c, keyring.open(c.sealed, context=context_for(c, c.sealed))) if c.sealed else c for c in claims]
