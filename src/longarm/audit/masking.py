"""What an audit event may keep in clear: restricted claims dropped, their values masked wherever they recur.

Masking goes by the claim's restriction, not by the value's shape: a restricted claim's
every value (a country code, a count of 7, a sentence of 13 years) is masked wherever it
appears in the document, and a record's field that a restricted claim is about is masked
whole, since the trusted record shows the restricted value there again. The full
before/after is sealed beside the clear text (see `longarm.audit.service`).
"""

from __future__ import annotations

import json
from typing import Any

MASK = "[restricted]"
SECRET_MASK = "[secret]"
# A restricted claim's structure; everything else in it is a value to mask.
_CLAIM_STRUCTURE = {"id", "field", "source", "made_by", "credibility", "preferred", "restricted"}
_SECRET_KEYS = ("password", "token", "secret", "csrf", "cookie", "authorization", "key")
_MIN_CONTAINED = 3  # shorter restricted strings are masked where a value equals them, not inside longer text
_LIST_KEYS = {"victim": "victims", "perpetrator": "perpetrators", "outcome": "outcomes"}
_DROPPED = object()


def _is_secret_key(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in _SECRET_KEYS) and lowered not in ("token_prefix", "key_id")


def _identity(value: Any) -> tuple[str, Any] | None:
    """A comparable form of a value: numbers alike whatever their type, containers by their JSON."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, str):
        return ("text", value) if value else None
    return ("json", json.dumps(value, sort_keys=True, default=str))


def _restricted_claims(document: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(document, dict):
        if document.get("restricted") is True:
            found.append(document)
        for item in document.values():
            found += _restricted_claims(item)
    elif isinstance(document, list | tuple):
        for item in document:
            found += _restricted_claims(item)
    return found


def _nodes(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [value, *(node for item in value.values() for node in _nodes(item))]
    if isinstance(value, list | tuple):
        return [value, *(node for item in value for node in _nodes(item))]
    return [value]


def has_restricted(document: Any) -> bool:
    """Whether the document holds a part marked restricted."""
    return bool(_restricted_claims(document))


def mask_secrets(document: Any) -> Any:
    """A copy with passwords, tokens and keys masked (what even the sealed copy must not keep)."""
    if isinstance(document, dict):
        return {
            key: SECRET_MASK if _is_secret_key(str(key)) and item not in (None, "") else mask_secrets(item)
            for key, item in document.items()
        }
    if isinstance(document, list | tuple):
        return [mask_secrets(item) for item in document]
    return document


def without_masked(document: Any) -> Any:
    """A copy without the masked parts, for readers who may not learn where restricted values are."""
    if isinstance(document, dict):
        return {key: without_masked(item) for key, item in document.items() if item != MASK}
    if isinstance(document, list | tuple):
        # A list item (a victim, an outcome) with a masked part is left out whole: its being there is the secret.
        return [without_masked(item) for item in document if not _holds_mask(item)]
    return document


def _holds_mask(item: Any) -> bool:
    return item == MASK or (isinstance(item, dict) and MASK in item.values())


def mask(document: Any) -> Any:
    """The document as the audit log keeps it in clear: no restricted part, none of their values."""
    claims = _restricted_claims(document)
    values = [
        node for claim in claims for key, item in claim.items() if key not in _CLAIM_STRUCTURE for node in _nodes(item)
    ]
    identities = {identity for node in values if (identity := _identity(node)) is not None}
    contained = {node for node in values if isinstance(node, str) and len(node) >= _MIN_CONTAINED}
    fields = {_LIST_KEYS.get(str(claim.get("field")), str(claim.get("field"))) for claim in claims}

    def hidden(value: Any) -> bool:
        if _identity(value) in identities:
            return True
        return isinstance(value, str) and any(secret in value for secret in contained)

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            if value.get("restricted") is True:
                return _DROPPED
            # An incident record: the fields restricted claims are about may show their values.
            record = "claims" in value
            result = {}
            for key, item in value.items():
                if _is_secret_key(str(key)) and item not in (None, ""):
                    result[key] = SECRET_MASK
                elif record and key in fields and not isinstance(item, list):
                    result[key] = MASK
                else:
                    kept = walk(item)
                    result[key] = MASK if kept is _DROPPED else kept
            return result
        if hidden(value):
            return MASK
        if isinstance(value, list | tuple):
            return [kept for item in value if (kept := walk(item)) is not _DROPPED]
        return value

    return walk(document)
