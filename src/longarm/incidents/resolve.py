"""The rule that turns an incident's claims into the values it shows.

For a single-valued field, claims with equal values form a group; the shown group is
the first by: (1) a reviewer marked it preferred; (2) the strongest source (court
record > official statement > indictment > news report > interested party);
(3) the finer precision (a day beats a month beats a year, a city beats a country);
(4) more sources agreeing; (5) the earliest claim. The reason names the criterion that
decided. Groups whose values cannot both be true (dates that do not overlap, other
places) make a conflict, which stays visible. List fields (victims, perpetrators,
outcomes) keep every item any claim names, one per item key.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from longarm.incidents import fields
from longarm.sources.models import SOURCE_STRENGTH

SCALAR_FIELDS = tuple(f.name for f in fields.scalar_fields())
LIST_FIELDS = tuple(f.name for f in fields.list_fields())
# By the kind's text: a bulk import ranks millions of claims, and building the enum for each showed.
_STRENGTH = {str(kind): strength for kind, strength in SOURCE_STRENGTH.items()}
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "city": 3, "region": 2, "country": 1}


class ClaimLike(Protocol):
    """What resolution reads of a claim (read-only, so both ORM claims and plain records fit)."""

    @property
    def id(self) -> int | None: ...
    @property
    def field(self) -> str: ...
    @property
    def item_key(self) -> str | None: ...
    @property
    def value(self) -> Any: ...
    @property
    def preferred(self) -> bool: ...
    @property
    def source_kind(self) -> str | None: ...


@dataclass
class Resolution:
    """The shown value of one field, the claims behind it, and any conflict."""

    field: str
    value: Any
    reason: str
    supporting: list[Any]
    alternatives: list[tuple[Any, list[Any]]] = dataclasses.field(default_factory=list)

    @property
    def conflict(self) -> bool:
        """True when a source gives a value that cannot be true beside the shown one."""
        return any(not compatible(self.field, self.value, other) for other, _ in self.alternatives)


@dataclass
class Resolved:
    """An incident's claims resolved: each single field's shown value, and each list field's items by key."""

    scalars: dict[str, Resolution]
    items: dict[str, dict[str, Resolution]]

    def value(self, field_name: str) -> Any:
        """A single field's shown value, or None."""
        resolution = self.scalars.get(field_name)
        return resolution.value if resolution else None


def canonical(value: Any) -> str:
    """A stable text form of a value, to group equal claims."""
    try:  # orjson: a bulk import groups millions of claims; the form is only ever compared in memory
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:  # what orjson will not write (an integer past 64 bits)
        return json.dumps(value, sort_keys=True, ensure_ascii=False)


_COORDINATES = ("lat", "lon")


def same_value_key(field_name: str, value: Any) -> str:
    """The key under which claims say the same thing: a named place is the place, whatever its coordinates.

    Geocoders and sources place one town a few hundred metres apart (Almere at the third
    decimal); those claims agree, so they are counted together and never shown as a conflict.
    """
    if field_name == "location" and isinstance(value, dict) and value.get("place"):
        value = {k: v for k, v in value.items() if k not in _COORDINATES} | {"place": value["place"].casefold()}
    return canonical(value)


def compatible(field_name: str, a: Any, b: Any) -> bool:
    """Whether two values of a field can both be true (2015 and 2015-12-15 can)."""
    if field_name == "date" and a and b:
        return bool(a["start"] <= b["end"] and b["start"] <= a["end"])
    if field_name == "location" and a and b:
        same_country = not a.get("country") or not b.get("country") or a["country"] == b["country"]
        places = {(a.get("place") or "").lower(), (b.get("place") or "").lower()} - {""}
        return same_country and len(places) <= 1
    if field_name == "title":
        return True  # titles are wording, never a factual conflict
    return same_value_key(field_name, a) == same_value_key(field_name, b)


def _strength(claim: ClaimLike) -> int:
    return _STRENGTH.get(claim.source_kind or "", 0)


def _precision(value: Any) -> int:
    if isinstance(value, dict):
        return _PRECISION_RANK.get(value.get("precision") or "", 0)
    return 0


def _rank(value: Any, claims: Sequence[ClaimLike]) -> tuple[int, int, int, int, int]:
    return (
        int(any(c.preferred for c in claims)),
        max(_strength(c) for c in claims),
        _precision(value),
        len(claims),
        -min((c.id or 0) for c in claims),
    )


_REASONS = (
    "the reviewer's choice",
    "the stronger source",
    "the finer precision",
    "more sources agree",
    "first reported",
)


def resolve_field(field_name: str, claims: Iterable[ClaimLike]) -> Resolution | None:
    """Pick the shown value of a single-valued field from its claims, with the reason."""
    groups: dict[str, tuple[Any, list[ClaimLike]]] = {}
    for claim in claims:
        groups.setdefault(same_value_key(field_name, claim.value), (claim.value, []))[1].append(claim)
    if not groups:
        return None
    if len(groups) == 1:  # most fields: every source agrees, nothing to rank
        ((value, supporting),) = groups.values()
        return Resolution(field_name, value, "the only value given", supporting, [])
    ranked = sorted(groups.values(), key=lambda group: _rank(*group), reverse=True)
    (value, supporting), rest = ranked[0], ranked[1:]
    top, runner_up = _rank(value, supporting), _rank(*rest[0])
    reason = next(r for r, a, b in zip(_REASONS, top, runner_up, strict=True) if a != b)
    return Resolution(field_name, value, reason, supporting, [(v, cs) for v, cs in rest])


def resolve_items(claims: Iterable[ClaimLike]) -> dict[str, Resolution]:
    """Resolve each item (victim, perpetrator, outcome) of a list field by its item key."""
    by_item: dict[str, list[ClaimLike]] = {}
    for claim in claims:
        by_item.setdefault(claim.item_key or canonical(claim.value), []).append(claim)
    resolved = {}
    for key, item_claims in by_item.items():
        resolution = resolve_field(item_claims[0].field, item_claims)
        if resolution is not None:
            resolved[key] = resolution
    return resolved
