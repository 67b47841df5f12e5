"""Mask restricted values and secrets before an audit event stores its before/after."""

from __future__ import annotations

from typing import Any

MASK = "[restricted]"
SECRET_MASK = "[secret]"
# A claim marked restricted keeps only these keys in the log: what changed, never the value.
_CLAIM_STRUCTURE = {
    "id",
    "field",
    "source",
    "made_by",
    "credibility",
    "preferred",
    "restricted",
    "quote_start",
    "quote_end",
}
_SECRET_KEYS = ("password", "token", "secret", "csrf", "cookie", "authorization", "key")
_MIN_SECRET_LENGTH = 3


def _is_secret_key(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in _SECRET_KEYS) and lowered not in ("token_prefix", "key_id")


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def restricted_leaves(document: Any) -> tuple[set[str], set[float]]:
    """Every string and coordinate inside a part of the document marked `restricted`."""
    texts: set[str] = set()
    numbers: set[float] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("restricted") is True:
                for key, item in value.items():
                    if key in _CLAIM_STRUCTURE:
                        continue
                    for leaf in _leaves(item):
                        if isinstance(leaf, str) and len(leaf) >= _MIN_SECRET_LENGTH:
                            texts.add(leaf)
                        elif isinstance(leaf, float):
                            numbers.add(leaf)
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(document)
    return texts, numbers


def mask(document: Any, *, extra_secrets: set[str] | None = None) -> Any:
    """A copy with restricted parts reduced to their structure, their values masked wherever they recur.

    A trusted record shows a restricted claim's value again as the resolved field (a
    restricted address becomes `location`), so every string holding a restricted value is
    masked too, not only the claim itself.
    """
    texts, numbers = restricted_leaves(document)
    texts |= {s for s in (extra_secrets or set()) if len(s) >= _MIN_SECRET_LENGTH}

    def leaf(value: Any) -> Any:
        if isinstance(value, str) and any(secret in value for secret in texts):
            return MASK
        if isinstance(value, float) and value in numbers:
            return MASK
        return value

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            restricted = value.get("restricted") is True
            result = {}
            for key, item in value.items():
                if _is_secret_key(str(key)) and item not in (None, ""):
                    result[key] = SECRET_MASK
                elif restricted and key not in _CLAIM_STRUCTURE:
                    result[key] = MASK
                else:
                    result[key] = walk(item)
            return result
        if isinstance(value, list | tuple):
            return [walk(item) for item in value]
        return leaf(value)

    return walk(document)
