"""Pydantic shapes of the records that travel: the published incident, its sources and claims (docs/vocabulary.md)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationError,
    create_model,
    model_validator,
)

from longarm.incidents import fields
from longarm.incidents.values import Strict, WithoutEmpty
from longarm.incidents.vocabulary import PublicationState, Sensitivity
from longarm.sources.models import SourceKind

log = logging.getLogger(__name__)


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


class ClaimRecord(WithoutEmpty):
    """One claim as exported: a field's value, its source and its quote or note.

    The value is validated and normalised by its field's declaration (fields.FIELDS).
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
        self.value = check_claim_value(self.field, self.value)
        return self


class ConflictRecord(Strict):
    """A field whose sources disagree: the shown value, the others, and why the shown one won."""

    field: str
    shown: Any
    other: list[Any]
    reason: str


class _Identified(Strict):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._-]{1,32}$")


def _claim_field_types(claim_fields: list[fields.ClaimField]) -> dict[str, Any]:
    """Each claim field's key and type in the published record, from the declaration."""
    types: dict[str, Any] = {}
    for claim_field in claim_fields:
        kind = claim_field.record_type or claim_field.value_type
        if claim_field.many:
            types[claim_field.key] = (
                list.__class_getitem__(kind),
                Field(default_factory=list, description=claim_field.description),
            )
        elif claim_field.default is not None:
            types[claim_field.key] = (kind, Field(default=claim_field.default, description=claim_field.description))
        elif claim_field.record_type is not None:
            types[claim_field.key] = (kind, Field(default=None, description=claim_field.description))
        else:
            types[claim_field.key] = (kind | None, Field(default=None, description=claim_field.description))
    return types


if TYPE_CHECKING:

    class _Claimed(_Identified): ...

    class _Shown(_Identified): ...

else:
    # The claim fields' keys come from fields.FIELDS, so a field declared there is in every record.
    _Claimed = create_model(
        "_Claimed", __base__=_Identified, __module__=__name__, **_claim_field_types(fields.record_order())
    )
    _Shown = create_model(
        "_Shown",
        __base__=_Identified,
        __module__=__name__,
        **_claim_field_types([f for f in fields.record_order() if not f.many]),
    )


class IncidentRecord(_Claimed):
    """An incident in the shape of `longarm export --format json`: its shown values, sources and claims."""

    sensitivity: Sensitivity = Sensitivity.public
    publication_state: PublicationState = PublicationState.published
    sources: list[SourceRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)
    conflicts: list[ConflictRecord] = Field(default_factory=list)  # derived; ignored on import

    @model_validator(mode="after")
    def _claims_cite_listed_sources(self) -> IncidentRecord:
        listed = {s.id for s in self.sources}
        for claim in self.claims:
            if claim.source and claim.source not in listed:
                raise ValueError(f"a claim cites source {claim.source!r}, which the incident does not list")
        return self

    def stated(self, claim_field: fields.ClaimField) -> Any:
        """The record's entry for a claim field, in its JSON form."""
        return self.model_dump(mode="json", include={claim_field.key})[claim_field.key]


class IncidentSummary(_Shown):
    """An incident's shown (public) single values, for lists and maps, with its page's address."""

    publication_state: PublicationState
    url: str

    @classmethod
    def of(cls, incident: Any) -> IncidentSummary:
        """The summary of an incident row, from its columns."""
        shown = {f.key: f.record_value(f.from_columns(incident)) for f in fields.scalar_fields()}
        return cls.model_validate(
            {
                "id": incident.id,
                **shown,
                "publication_state": incident.publication_state,
                "url": f"/incidents/{incident.id}",
            }
        )


class Evidence(Strict):
    """The words of a document that give a value: its field, the quote and the quote's offsets."""

    field: str
    quote: str
    start: int
    end: int


def _lenient(claim_field: fields.ClaimField) -> Any:
    """The field's type in an extracted incident: a value it cannot hold is left out, with a warning."""

    def usable(value: Any) -> bool:
        try:
            for stated in claim_field.claim_values(value):
                claim_field.check(stated)
        except ValueError as error:  # pydantic's ValidationError is one too
            reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
            log.warning("extracted %s left out: %s", claim_field.name, reason)
            return False
        return True

    if claim_field.many:
        keep = BeforeValidator(lambda items: [item for item in items or [] if usable([item])])
        many = list.__class_getitem__(claim_field.value_type)  # list[value_type], built at run time
        return (Annotated.__class_getitem__((many, keep)), Field(default_factory=list))  # type: ignore[attr-defined]
    drop = BeforeValidator(lambda value: value if value is None or usable(value) else None)
    return (Annotated[claim_field.value_type | None, drop], Field(default=None))


if TYPE_CHECKING:

    class _Extracted(Strict): ...

else:
    _Extracted = create_model(
        "_Extracted", __base__=Strict, __module__=__name__, **{f.key: _lenient(f) for f in fields.record_order()}
    )


class ExtractedIncident(_Extracted):
    """One incident as `longarm extract` writes it and a review candidate keeps it: values and their evidence.

    A value the store cannot hold (an unknown country code) is left out, not the incident.
    Other keys (an ACLED row's own columns) ride along.
    """

    model_config = ConfigDict(extra="allow")

    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float | None = None
    _written: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written(cls, data: Any, handler: ModelWrapValidatorHandler[ExtractedIncident]) -> ExtractedIncident:
        incident = handler(data)
        if isinstance(data, dict):
            incident._written = data
        return incident

    def value(self, claim_field: fields.ClaimField) -> Any:
        """The incident's entry for a claim field, in its JSON form."""
        return self.model_dump(mode="json", include={claim_field.key})[claim_field.key]

    def payload(self) -> dict[str, Any]:
        """What a candidate stores and linking compares: the incident as the extractor wrote it."""
        return self._written or self.model_dump(mode="json", exclude_unset=True)


def check_claim_value(field_name: str, value: Any) -> Any:
    """A claim's value validated by its field and returned in its stored JSON form."""
    claim_field = fields.by_name(field_name)
    if claim_field is None:
        known = ", ".join(sorted(f.name for f in fields.FIELDS))
        raise ValueError(f"{field_name!r} is not a claim field; known: {known}")
    return claim_field.check(value)
