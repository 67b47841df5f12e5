"""Which assembled incidents are acts of transnational repression, and the state each is blamed on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from longarm.ingestion.extract.incidents import Incident
    from longarm.ingestion.extract.reading import Reading

_ACT_ABROAD = {
    "killing",
    "assault",
    "abduction",
    "threat",
    "surveillance",
    "digital_attack",
    "detention",
    "deportation",
}


def keep(incident: Incident, reading: Reading) -> bool:
    """Acts of transnational repression only: abroad, tied to a state or to a named victim."""
    country = incident.country
    origin = origin_of(incident)
    forced_landing = incident.mentions[0].trigger.surface.endswith("land")  # an exile's plane brought down at home
    told = any(reading.facts[m.sentence].outcomes for m in incident.mentions)
    if origin == country and reading.origin not in (None, country) and not told:
        # the host's authorities beside an act abroad ("urging Cambodian authorities") are not its authors;
        # beside an outcome ("prosecutors charged him with murder") they are the host acting on it
        incident.origins.append(reading.origin)
        origin = origin_of(incident)
    if country and country == (origin or reading.origin) and incident.tactic in _ACT_ABROAD and not forced_landing:
        return False
    if incident.bare and not (incident.victims or country):
        return False  # a lede's act that the story never names or places is a summary, not an incident
    return bool(country or origin)


def abroad(incident: dict, text_state: str | None) -> bool:
    """Whether an extracted incident is transnational: an act abroad does not happen in the state blamed for it,
    nor in the state the text is about."""
    country = (incident.get("location") or {}).get("country")
    blamed = incident.get("origin_state") or text_state
    return not (country and country == blamed and incident["tactic"] in _ACT_ABROAD)


def origin_of(incident: Incident) -> str | None:
    """The state the text holds responsible for an incident: the one most often blamed."""
    origins = [o for o in incident.origins if o]
    # on a tie, not the host: its own officials speak of an act on its soil ("a Turkish official said")
    country = incident.country
    return max(origins, key=lambda o: (origins.count(o), o != country)) if origins else None
