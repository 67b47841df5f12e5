"""The filters every list, map, chart, export and API call takes, validated once wherever they come from.

FastAPI reads `IncidentFilters` whole from a request's query (`Filters` in web/access.py);
the CLI's options go through `IncidentFilters.parse`. A value that cannot be used is a
`bad_filter` error that names its parameter (BadFilter outside FastAPI).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from longarm.errors import BadInput
from longarm.incidents.vocabulary import AttributionBasis, Status, Tactic
from longarm.names.countries import check_country

# Regions people filter by, as the continents of the host country (GeoNames' continent codes).
REGIONS = {
    "europe": ("Europe", "EU"),
    "asia": ("Asia", "AS"),
    "africa": ("Africa", "AF"),
    "north_america": ("North America", "NA"),
    "south_america": ("South America", "SA"),
    "oceania": ("Oceania", "OC"),
}


class BadFilter(BadInput):
    """A query parameter that cannot be used; `errors` maps it to a sentence."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.errors = {name: message}


def _values(raw: Any) -> tuple[str, ...]:
    """A query parameter's values, stripped, without empty ones or repeats."""
    if raw is None:
        return ()
    chosen = [raw] if isinstance(raw, str | int) else list(raw)
    return tuple(dict.fromkeys(str(v).strip() for v in chosen if v is not None and str(v).strip()))


def _bad(name: str, message: str) -> PydanticCustomError:
    """A filter that cannot be used, with the sentence the user sees (as BadFilter when parsed by hand)."""
    return PydanticCustomError("bad_filter", "{message}", {"message": message, "field": name})


def _year_value(name: str, raw: Any) -> int | None:
    if isinstance(raw, int):
        chosen: tuple[str, ...] = (str(raw),)
    else:
        chosen = _values(raw)
    if not chosen:
        return None
    if not re.fullmatch(r"\d{4}", chosen[0]):
        raise _bad(name, f"{name} must be a year of four digits, not {chosen[0]!r}.")
    return int(chosen[0])


_CODES: dict[str, type[StrEnum]] = {"tactic": Tactic, "status": Status, "attribution": AttributionBasis}


class IncidentFilters(BaseModel):
    """What a list, map, chart or API call is narrowed to; every field is a query parameter.

    FastAPI reads it whole from the query (`Filters` in web/access.py); the CLI's options go
    through `parse`. Empty values are ignored; a bad one is a `bad_filter` error naming it.
    """

    model_config = ConfigDict(frozen=True)

    q: Annotated[
        str, Field(description="Words to find; each matches as a prefix (kill → killing) and in other spellings.")
    ] = ""
    tactic: Annotated[tuple[str, ...], Field(description="Tactic codes (docs/vocabulary.md); repeat for several.")] = ()
    status: Annotated[tuple[str, ...], Field(description="completed, attempted, foiled or alleged.")] = ()
    origin_state: Annotated[tuple[str, ...], Field(description="ISO alpha-2 code of the state held responsible.")] = ()
    country: Annotated[tuple[str, ...], Field(description="ISO alpha-2 code of the host country.")] = ()
    attribution: Annotated[tuple[str, ...], Field(description="Attribution basis: court_ruling … none.")] = ()
    region: Annotated[
        tuple[str, ...], Field(description="Region of the host country: " + ", ".join(REGIONS) + ".")
    ] = ()
    actor: Annotated[tuple[str, ...], Field(description="Actor id (/actors); incidents it took part in.")] = ()
    year_from: Annotated[int | None, Field(description="First year (four digits), inclusive.")] = None
    year_to: Annotated[int | None, Field(description="Last year (four digits), inclusive.")] = None

    @field_validator("q", mode="before")
    @classmethod
    def _words(cls, raw: Any) -> str:
        query = " ".join(_values(raw))
        if len(query) > 200:
            raise _bad("q", "q must be at most 200 characters.")
        return query

    @field_validator("tactic", "status", "attribution", mode="before")
    @classmethod
    def _codes(cls, raw: Any, info: ValidationInfo) -> tuple[str, ...]:
        name = str(info.field_name)
        chosen = _values(raw)
        known = {member.value for member in _CODES[name]}
        for value in chosen:
            if value not in known:
                raise _bad(name, f"{name} {value!r} is not one of: {', '.join(sorted(known))}.")
        return chosen

    @field_validator("origin_state", "country", mode="before")
    @classmethod
    def _countries(cls, raw: Any, info: ValidationInfo) -> tuple[str, ...]:
        try:
            return tuple(str(check_country(v)) for v in _values(raw))
        except ValueError as error:
            raise _bad(str(info.field_name), f"{info.field_name}: {error}.") from None

    @field_validator("region", mode="before")
    @classmethod
    def _regions(cls, raw: Any) -> tuple[str, ...]:
        chosen = _values(raw)
        for value in chosen:
            if value not in REGIONS:
                raise _bad("region", f"region {value!r} is not one of: {', '.join(REGIONS)}.")
        return chosen

    @field_validator("actor", mode="before")
    @classmethod
    def _actors(cls, raw: Any) -> tuple[str, ...]:
        return tuple(v[:40] for v in _values(raw))

    @field_validator("year_from", "year_to", mode="before")
    @classmethod
    def _years(cls, raw: Any, info: ValidationInfo) -> int | None:
        return _year_value(str(info.field_name), raw)

    @model_validator(mode="after")
    def _span(self) -> IncidentFilters:
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise _bad("year_from", f"year_from ({self.year_from}) is after year_to ({self.year_to}).")
        return self

    @classmethod
    def parse(cls, params: Mapping[str, Sequence[str]]) -> IncidentFilters:
        """Filters from query parameters (name → values) outside FastAPI; a bad one is BadFilter."""
        try:
            return cls.model_validate({name: values for name, values in params.items() if name in cls.model_fields})
        except ValidationError as error:
            problem = error.errors()[0]
            context = problem.get("ctx") or {}
            raise BadFilter(str(context.get("field", "filters")), str(problem["msg"])) from None

    def to_params(self, **changes: Any) -> list[tuple[str, str]]:
        """The filters as query parameters (for links), with some fields changed."""
        chosen = self.model_copy(update=changes) if changes else self
        params: list[tuple[str, str]] = []
        for name in type(chosen).model_fields:
            value = getattr(chosen, name)
            if isinstance(value, tuple):
                params.extend((name, v) for v in value)
            elif value not in (None, ""):
                params.append((name, str(value)))
        return params

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list."""
        return bool(self.to_params())
