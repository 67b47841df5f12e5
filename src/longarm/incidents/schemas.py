"""Pydantic shapes of incidents as exported, imported and extracted (VOCABULARY.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from longarm.incidents.vocabulary import (
    ActorKind,
    AttributionBasis,
    DatePrecision,
    Degree,
    GeoPrecision,
    OutcomeType,
    PublicationState,
    Sensitivity,
    Status,
    Tactic,
)
from longarm.names.countries import check_country
from longarm.sources.models import SourceKind


class Strict(BaseModel):
    """Rejects unknown keys so a misspelt column is an error, not silently lost."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


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

    def as_json(self) -> dict[str, str]:
        """The JSON form with ISO dates."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": str(self.precision),
        }


class LocationValue(Strict):
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


class PerpetratorValue(Strict):
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


class AttributionValue(Strict):
    """How strongly responsibility is established."""

    basis: AttributionBasis


class SourceRecord(Strict):
    """A source as exported beside each incident."""

    id: str
    # Web addresses only: a `javascript:` or `data:` URL would run in a reader's browser as a link.
    url: str | None = Field(default=None, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://")
    title: str = ""
    publisher: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    kind: SourceKind = SourceKind.news_report
    reliability: str = Field(default="F", pattern=r"^[A-F]$")
    stance: str | None = None
    note: str | None = None


class ClaimRecord(Strict):
    """One claim as exported: a field's value, its source and its quote or note.

    The value is validated and normalised by its field's shape (CLAIM_VALUES).
    """

    field: str
    value: Any
    source: str | None = None
    quote: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    note: str | None = None
    made_by: str
    credibility: int = Field(default=6, ge=1, le=6)
    preferred: bool = False
    restricted: bool = False

    @model_validator(mode="after")
    def _backed(self) -> ClaimRecord:
        if not (self.quote or self.note):
            raise ValueError(f"the claim on {self.field!r} has neither a quote nor a note")
        shape = CLAIM_VALUES.get(self.field)
        if shape is None:
            raise ValueError(f"{self.field!r} is not a claim field; known: {', '.join(sorted(CLAIM_VALUES))}")
        self.value = shape(self.value)
        return self


class IncidentRecord(Strict):
    """An incident in the shape of `longarm export --format json`."""

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._-]{1,32}$")
    title: str = ""
    tactic: Tactic | None = None
    status: Status | None = None
    date: DateValue | None = None
    location: LocationValue | None = None
    origin_state: str | None = None
    victims: list[VictimValue] = Field(default_factory=list)
    perpetrators: list[PerpetratorValue] = Field(default_factory=list)
    outcomes: list[OutcomeValue] = Field(default_factory=list)
    fatalities: int | None = Field(default=None, ge=0)
    attribution: AttributionValue | None = None
    sensitivity: Sensitivity = Sensitivity.public
    publication_state: PublicationState = PublicationState.published
    sources: list[SourceRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)
    conflicts: list[dict[str, Any]] = Field(default_factory=list)  # derived; ignored on import

    _origin = field_validator("origin_state")(classmethod(lambda cls, v: check_country(v)))

    @model_validator(mode="after")
    def _claims_cite_listed_sources(self) -> IncidentRecord:
        listed = {s.id for s in self.sources}
        for claim in self.claims:
            if claim.source and claim.source not in listed:
                raise ValueError(f"a claim cites source {claim.source!r}, which the incident does not list")
        return self


def _model_value(model: type[BaseModel], *, drop_none: bool) -> Callable[[Any], Any]:
    adapter = TypeAdapter(model)
    return lambda value: adapter.validate_python(value).model_dump(mode="json", exclude_none=drop_none)


def _scalar_value(kind: Any) -> Callable[[Any], Any]:
    adapter = TypeAdapter(kind)
    return lambda value: adapter.dump_python(adapter.validate_python(value), mode="json")


def outcome_value(value: Any) -> dict[str, Any]:
    """An outcome in its stored and exported shape: type, years when stated, date or null."""
    outcome = OutcomeValue.model_validate(value).model_dump(mode="json")
    return (
        {"type": outcome["type"]}
        | ({"years": outcome["years"]} if outcome["years"] is not None else {})
        | {"date": outcome["date"]}
    )


def _country_value(value: Any) -> str:
    code = check_country(value if isinstance(value, str) else None)
    if code is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


CLAIM_VALUES: dict[str, Callable[[Any], Any]] = {
    "title": _scalar_value(str),
    "tactic": _scalar_value(Tactic),
    "status": _scalar_value(Status),
    "date": _model_value(DateValue, drop_none=False),
    "location": _model_value(LocationValue, drop_none=True),
    "origin_state": _country_value,
    "fatalities": _scalar_value(Annotated[int, Field(ge=0)]),
    "attribution": _scalar_value(AttributionBasis),
    "victim": _model_value(VictimValue, drop_none=False),
    "perpetrator": _model_value(PerpetratorValue, drop_none=True),
    "outcome": outcome_value,
}
"""Each claim field's validator, returning the value in its stored JSON form."""
