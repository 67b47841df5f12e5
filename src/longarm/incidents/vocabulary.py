"""The controlled vocabularies (docs/vocabulary.md lists them), as enums every layer shares."""

from __future__ import annotations

from enum import StrEnum


class Tactic(StrEnum):
    """What was done to the target (Freedom House codebook)."""

    killing = "killing"
    assault = "assault"
    abduction = "abduction"
    detention = "detention"
    deportation = "deportation"
    surveillance = "surveillance"
    threat = "threat"
    coercion_by_proxy = "coercion_by_proxy"
    digital_attack = "digital_attack"
    legal_harassment = "legal_harassment"
    other = "other"


class Status(StrEnum):
    """Whether the act happened."""

    completed = "completed"
    attempted = "attempted"
    foiled = "foiled"
    alleged = "alleged"


class DatePrecision(StrEnum):
    """How precisely a date is known."""

    day = "day"
    month = "month"
    year = "year"


class GeoPrecision(StrEnum):
    """How precisely a place is known."""

    city = "city"
    region = "region"
    country = "country"


class OutcomeType(StrEnum):
    """What followed an incident."""

    investigation = "investigation"
    arrest = "arrest"
    charge = "charge"
    conviction = "conviction"
    acquittal = "acquittal"
    sentence = "sentence"
    expulsion = "expulsion"
    recall = "recall"
    sanction = "sanction"
    extradition = "extradition"
    release = "release"
    execution = "execution"


class AttributionBasis(StrEnum):
    """How strongly the state's responsibility is established, strongest first."""

    court_ruling = "court_ruling"
    official = "official"
    indictment = "indictment"
    reporting = "reporting"
    allegation = "allegation"
    none = "none"


ATTRIBUTION_STRENGTH = {basis: rank for rank, basis in enumerate(reversed(list(AttributionBasis)))}
"""Higher is stronger: court_ruling is the top, none is 0."""


class ActorKind(StrEnum):
    """What sort of actor a perpetrator is."""

    state_agency = "state_agency"
    state_official = "state_official"
    proxy = "proxy"
    criminal = "criminal"
    individual = "individual"
    unknown = "unknown"
    movement = "movement"
    person = "person"


class Role(StrEnum):
    """An actor's part in an incident."""

    victim = "victim"
    perpetrator = "perpetrator"
    witness = "witness"


class Degree(StrEnum):
    """A perpetrator's degree of involvement (HURIDOCS)."""

    carried_out = "carried_out"
    ordered = "ordered"
    planned = "planned"
    facilitated = "facilitated"
    suspected = "suspected"


class Sensitivity(StrEnum):
    """Whether an incident or value may be shown to the public."""

    public = "public"
    restricted = "restricted"


class PublicationState(StrEnum):
    """Whether an incident is visible on public pages."""

    draft = "draft"
    published = "published"
