"""The shapes of claim values (a date range, a place, a victim...), which fields.py and schemas.py share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any, TypedDict

import orjson
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    field_validator,
    model_serializer,
    model_validator,
)

from longarm.incidents.vocabulary import ActorKind, AttributionBasis, DatePrecision, Degree, GeoPrecision, OutcomeType
from longarm.names.countries import check_country


def country_value(value: Any) -> str:
    """A country code as a claim states it: a code is required, not merely allowed."""
    code = check_country(value if isinstance(value, str) else None)
    if code is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


class Strict(BaseModel):
    """Rejects unknown keys so a misspelt column is an error, not silently lost.

    Its JSON schema is the input's, also for responses: a value written without its empty keys
    (below) still has the shape its type says.
    """

    model_config = ConfigDict(extra="forbid", use_enum_values=True, json_schema_mode_override="validation")


class WithoutEmpty(Strict):
    """Written without its empty keys, as claims store it."""

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {key: value for key, value in handler(self).items() if value is not None}


class DateJson(TypedDict):
    """A date value as claims store it (ISO dates)."""

    start: str
    end: str
    precision: str


class LocationJson(TypedDict, total=False):
    """A location value as claims store it: only the keys it states."""

    place: str
    country: str
    lat: float
    lon: float
    precision: str


class DateValue(Strict):
    """A date range at a stated precision."""

    start: date
    end: date
    precision: DatePrecision

    @model_validator(mode="after")
    def _ordered(self) -> DateValue:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def as_json(self) -> DateJson:
        """The JSON form with ISO dates."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": str(self.precision),
        }


class LocationValue(WithoutEmpty):
    """Where an incident happened."""

    place: str | None = None
    country: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: GeoPrecision | None = None

    _country = field_validator("country")(classmethod(lambda cls, v: check_country(v)))


class VictimValue(Strict):
    """A named target (or an unnamed group with its affiliations)."""

    name: str | None = None
    aliases: list[str] = Field(default_factory=list)  # other names or spellings of the same person
    affiliations: list[str] = Field(default_factory=list)


class PerpetratorValue(WithoutEmpty):
    """An agency or person held responsible; `id` is a known actor's id when there is one."""

    id: str | None = None
    name: str | None = None
    kind: ActorKind = ActorKind.unknown
    degree: Degree | None = None


class OutcomeValue(Strict):
    """What followed: arrest, charge, sentence (with years)..."""

    type: OutcomeType
    years: int | float | None = Field(default=None, ge=0)
    date: DateValue | None = None

    @model_serializer(mode="wrap")
    def _years_when_stated(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        written: dict[str, Any] = handler(self)
        return {key: value for key, value in written.items() if key != "years" or value is not None}


class AttributionValue(Strict):
    """How strongly responsibility is established."""

    basis: AttributionBasis


def model_value(model: type[BaseModel]) -> Callable[[Any], Any]:
    """A validator that returns the model's JSON form, as claims store it."""
    # A value several sources state (a date, a place, a shared perpetrator) is checked once: kept by
    # its sorted JSON and handed out as a fresh copy, so no two claims share one dict. Anything orjson
    # would write as null (NaN, a value it cannot write) is checked every time: null is not NaN.
    known: dict[bytes, bytes] = {}

    def checked(value: Any) -> Any:
        return model.model_validate(value).model_dump(mode="json")

    def check(value: Any) -> Any:
        try:
            stated = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return checked(value)
        if (found := known.get(stated)) is not None:
            return orjson.loads(found)
        result = checked(value)
        kept = orjson.dumps(result)
        if b"null" not in stated and b"null" not in kept:
            if len(known) >= _KEPT:
                known.clear()
            known[stated] = kept
        return result

    return check


_KEPT = 4096  # checked values kept per field


def scalar_value(kind: Any) -> Callable[[Any], Any]:
    """A validator that returns a plain value of this type in its JSON form."""
    adapter: TypeAdapter[Any] = TypeAdapter(kind)

    # A bulk import states the same tactic or status a hundred thousand times; its answer is a plain,
    # immutable value, kept by value and type (True is not 1). A value that cannot be a key is checked as is.
    @lru_cache(maxsize=_KEPT, typed=True)
    def known(value: Any) -> Any:
        return adapter.dump_python(adapter.validate_python(value), mode="json")

    def check(value: Any) -> Any:
        try:
            return known(value)
        except TypeError:  # unhashable: a list or a mapping where a plain value belongs
            return adapter.dump_python(adapter.validate_python(value), mode="json")

    return check
