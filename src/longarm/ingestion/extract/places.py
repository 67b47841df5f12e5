"""Find places in a sentence: only capitalised candidates are looked up, in a context that makes them places."""

from __future__ import annotations

import re
from dataclasses import dataclass

from longarm.ingestion.extract.dates import MONTHS, WEEKDAYS
from longarm.ingestion.extract.gazetteer import Place, demonyms, place_index
from longarm.names.countries import country_name, country_names

_CAPITALISED = re.compile(
    r"(?:U\.S\.A?\.?|U\.K\.|[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*)(?:\s+(?:of\s+the\s+|of\s+)?"
    r"(?:U\.S\.|[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*))*"
)
_PREPOSITION = re.compile(
    r"\b(?P<prep>in|at|near|outside|from|to|into|across|of|around|inside|throughout|on|through|via)\s+"
    r"(?:(?:a|an|the|central|northern|southern|eastern|western|downtown|suburban|small|"
    r"town\s+of|city\s+of|village\s+of|capital|capital\s+of|outskirts\s+of|suburbs\s+of|"
    r"north|south|east|west|of)\s+){0,3}$",
    re.I,
)
# the second or later town of a list after one preposition: "in Cairo and Alexandria", "in Lyon, Metz or Nancy"
_LISTED = re.compile(
    r"\b(?P<prep>in|at|near|outside|inside|around|throughout)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*"
    r"(?:\s*,\s*[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)*\s*(?:,\s*and|,\s*or|,|and|or)\s+$"
)


def preposition(before: str) -> str | None:
    """The preposition that introduces a place, given the text before it ("in the capital", "in Cairo and")."""
    match = _PREPOSITION.search(before[-60:]) or _LISTED.search(before[-80:])
    return match.group("prep").lower() if match else None


_NEAR = re.compile(r"\b(?:near|outside|outskirts|suburbs?|north|south|east|west|around)\b[\w\s]{0,12}$", re.I)
_APPOSITION = re.compile(  # after a name: "a wife, Sofia" or a list of people is no place's apposition
    r"(?-i:[A-Z])\w*,\s*(?:the\s+)?(?:(?:central|greater|inner|outer|downtown|(?:north|south)(?:-?(?:east|west))?(?:ern)?|"
    r"(?:east|west)(?:ern)?)\s+)?$",
    re.I,
)
_NOT_PLACE_WORDS = {
    *(m.capitalize() for m in MONTHS),
    *(d.capitalize() for d in WEEKDAYS),
    "The",
    "A",
    "He",
    "She",
    "It",
    "They",
    "His",
    "Her",
    "Mr",
    "Mrs",
    "God",
    "Islam",
    "Justice",
    "Police",
    "Court",
}


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text, with the preposition that introduced it ("in", "near"...)."""

    start: int
    end: int
    place: Place
    prep: str | None
    near: bool


def _choose(places: tuple[Place, ...], countries_in_text: frozenset[str], in_sentence: frozenset[str]) -> Place:
    """Among places of one name, prefer one in a country its sentence names ("the Costa Rican capital of San
    Jose"), then one in a country the text names, then the most populous."""
    best = max(places, key=lambda p: p.population)
    named = max(places, key=lambda p: (p.country in in_sentence, p.country in countries_in_text, p.population))
    if named.country in in_sentence:
        return named
    # a village in a country the text names must not beat a big city ("Lille" in a story that names Belgium)
    return best if best.population >= 100_000 and best.population >= 10 * max(1, named.population) else named


_STRAY_POPULATION = 100_000


def _stray(place: Place, countries_in_text: frozenset[str]) -> bool:
    """A small town in a country a text that names countries never names is a namesake of something else
    (a Chilean municipality read as a Brazilian town); every such act's place in the pool is a large city."""
    return (
        place.precision == "city"
        and bool(countries_in_text)
        and place.country not in countries_in_text
        and place.population < _STRAY_POPULATION
    )


def _countries_named(text: str) -> frozenset[str]:
    """The countries a sentence names, by name or demonym ("Sweden", "Swedish", "Costa Rican")."""
    names, adjectives = country_names(), demonyms()
    found = set()
    for run in re.finditer(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", text):
        words = run.group().lower()
        code = names.get(words) or adjectives.get(words) or names.get(words[:-1]) or names.get(words[:-2])
        code = code or adjectives.get(words.split()[0]) or names.get(words.split()[0])
        if code:
            found.add(code)
    return frozenset(found)


def _lookup(index: dict[str, tuple[Place, ...]], name: str) -> tuple[Place, ...] | None:
    """The places of a name, also without an owner's "'s" or with its apostrophes dropped ("Sana'a": Sanaa)."""
    low = name.lower()
    bare = low.removesuffix("'s").removesuffix("\u2019s")
    return index.get(low) or index.get(bare) or index.get(re.sub(r"['\u2019]", "", low))


# "the Swedish town of X": the text itself says a town the gazetteer may not know is one, and in which country
_TOWN_OF = re.compile(
    r"\bthe\s+(?P<demonym>[A-Z][a-z]+)\s+(?:city|town|village|municipality|port\s+city|port|resort)\s+of\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)"
)


def _named_towns(text: str, offset: int, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The towns a sentence introduces by their country ("the Swedish town of X") that the gazetteer lacks."""
    found = []
    for match in _TOWN_OF.finditer(text):
        code = demonyms().get(match["demonym"].lower())
        start, end = offset + match.start("name"), offset + match.end("name")
        if code and not any(m.start < end and start < m.end for m in mentions):
            found.append(PlaceMention(start, end, Place(match["name"], code, None, None, "city"), "of", False))
    return found


def find_places(text: str, offset: int = 0, countries_in_text: frozenset[str] = frozenset()) -> list[PlaceMention]:
    """Places in `text` (a sentence): countries anywhere, towns only after a preposition, a comma or before a noun."""
    index = place_index()
    in_sentence = _countries_named(text)
    mentions: list[PlaceMention] = []
    for run in _CAPITALISED.finditer(text):
        tokens = list(re.finditer(r"U\.S\.A?\.?|U\.K\.|[^\s]+", run.group()))
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                start, end = run.start() + tokens[i].start(), run.start() + tokens[j - 1].end()
                name = text[start:end]
                places = _lookup(index, name)
                if not places or name in _NOT_PLACE_WORDS:
                    continue
                place = _choose(places, countries_in_text, in_sentence)
                if _stray(place, countries_in_text) and place.country not in in_sentence:
                    continue
                if name.endswith(("'s", "\u2019s")):
                    end -= 2
                mention = _mention(text, start, end, place, len(tokens) - (j - i), j < len(tokens))
                if mention:
                    mentions.append(
                        PlaceMention(
                            offset + mention.start, offset + mention.end, mention.place, mention.prep, mention.near
                        )
                    )
                i = j - 1
                break
            i += 1
    mentions += _named_towns(text, offset, mentions)
    return sorted((m for m in mentions if not _inside_next(text, offset, m, mentions)), key=lambda m: m.start)


_PART_OF = re.compile(r"\s+(?:district|neighbou?rhood|suburb|quarter|area|borough)\s+of\s+(?:the\s+)?$", re.I)


def _inside_next(text: str, offset: int, mention: PlaceMention, mentions: list[PlaceMention]) -> bool:
    """True for "Sisli" in "the Sisli district of Istanbul": the city, not its district, is the act's place."""
    return any(
        other.start > mention.end
        and other.place.precision == "city"
        and _PART_OF.match(text[mention.end - offset : other.start - offset])
        for other in mentions
    )


def _mention(text: str, start: int, end: int, place: Place, leftover: int, continued: bool) -> PlaceMention | None:
    """Keep a match only where the context makes it a place, not part of a name ("Paris Hilton") or a person.

    `leftover`: how many words of the capitalised run are not the place's; `continued`: whether some follow it."""
    before = text[:start]
    after = text[end : end + 12]
    if after.startswith("-") or (not before.strip() and re.match(r"\s*(?::|--|\u2014)", after)):
        # "a Vienna-based diplomat", "Kingston-upon-Thames Crown Court" and the dateline "BRUSSELS:" say nothing
        # of where an act happened
        return None
    prep = preposition(before)
    town = place.precision != "country"
    if town and leftover and (prep is None or (prep == "of" and continued)):
        # the town's name is part of a longer capitalised name: "the murder of Orlando Letelier" is a person's
        return None
    if town and continued and re.match(r"\s+of\s", after):
        return None  # "the University of Toronto": a town's name heading an institution's
    if prep is None and _APPOSITION.search(before[-40:]):
        # "Berlin, Germany", "Wimbledon, south-west London": the second name places the first
        return PlaceMention(start, end, place, "apposition", False)
    if not town:
        return PlaceMention(start, end, place, prep, bool(_NEAR.search(before[-25:])))
    if prep is None and not re.match(
        r"\s+(?:[a-z]+\s+)?(?:murder|killing|shooting|attack|court|restaurant|neighbou?rhood|"
        r"suburb|district|apartment|home|flat|street|plot|bombing|stabbing)",
        after + text[end + 12 : end + 30],
    ):
        return None
    return PlaceMention(start, end, place, prep, bool(_NEAR.search(before[-25:])))


_AUTHORITIES = re.compile(
    r"\b(?P<demonym>[A-Z][a-z]+)\s+(?:authorities|police|officials|government|investigators|"
    r"security\s+services|intelligence\s+services?|counter-?terrorism)\b"
)  # not courts: a court may try an act done in another country


def host_by_authorities(text: str, offset: int, origin: str | None) -> PlaceMention | None:
    """The host country its own authorities reveal when no place is named ("German police searched...").

    Used for acts done where the authorities work (spying, threats), not for killings or abductions,
    whose reports name the place and whose trials may be held elsewhere.
    """
    for match in _AUTHORITIES.finditer(text):
        code = demonyms().get(match["demonym"].lower())
        if code and code != origin:
            place = Place(country_name(code), code, None, None, "country")
            return PlaceMention(offset + match.start("demonym"), offset + match.end("demonym"), place, None, False)
    return None
