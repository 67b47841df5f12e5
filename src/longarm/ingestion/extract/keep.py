"""Which assembled incidents are acts of transnational repression, and the state each is blamed on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from longarm.ingestion.extract.gazetteer import demonyms

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

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# Who a non-state armed group or a crime story is about: its victims are militants, its killers gangs, neither a
# state's critics abroad (a general vocabulary of armed groups and organised crime, no particular story)
_ARMED = re.compile(
    r"\b(?:militants?|militias?|cartels?|drug\s+(?:lords?|barons?|traffickers?|gangs?)|kingpins?|gangs?|gangsters?|"
    r"jihadists?|insurgents?|Islamic\s+State|ISIS|al-Qaeda|Taliban|Hamas|Hezbollah)\b"
)


def profile_cues(incident: Incident, reading: Reading, *, exiled: bool) -> set[str]:
    """What the act's own sentences say of whom it befell, as cues for the keep model: `home` when the only
    nationality they give is that of the country the act happened in and no life abroad is told near it (a
    domestic act: "a Mexican reporter shot in Mexico"), `armed` when they speak of militants, gangs or cartels."""
    told = " ".join(reading.facts[i].sentence.text for i in sorted({m.sentence for m in incident.mentions}))
    known = demonyms()
    nationalities = {known[w.lower()] for w in _CAPITALISED.findall(told) if w.lower() in known}
    cues = set()
    country = incident.country
    if country and nationalities == {country} and incident.tactic in _ACT_ABROAD and not exiled:
        cues.add("home")
    if _ARMED.search(told):
        cues.add("armed")
    return cues


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


def abroad(incident: dict, text_state: str | None = None) -> bool:
    """Whether an extracted incident is transnational: an act abroad does not happen in the state blamed for it,
    nor (given `text_state`) in the state the text is about."""
    country = (incident.get("location") or {}).get("country")
    blamed = incident.get("origin_state") or text_state
    return not (country and country == blamed and incident["tactic"] in _ACT_ABROAD)


def origin_of(incident: Incident) -> str | None:
    """The state the text holds responsible for an incident: the one most often blamed."""
    origins = [o for o in incident.origins if o]
    # on a tie, not the host: its own officials speak of an act on its soil ("a Turkish official said")
    country = incident.country
    return max(origins, key=lambda o: (origins.count(o), o != country)) if origins else None
