"""Mentions of acts in one sentence: the trigger with its victims, place and date."""

from __future__ import annotations

import re
from enum import Enum
from typing import Final, Literal, Protocol

from longarm.ingestion.extract.dates import DateMention
from longarm.ingestion.extract.incidents import Mention
from longarm.ingestion.extract.places import PlaceMention, host_by_authorities
from longarm.ingestion.extract.reading import Facts, Reading, states_named
from longarm.ingestion.extract.same_sentence import dedupe, marked_other
from longarm.ingestion.extract.sentences import Sentence
from longarm.ingestion.extract.tactics import Trigger, status_hint

PRONOUN = re.compile(
    r"\b(?:he|she|him|his|her|the\s+victim|the\s+man|the\s+woman|(?:her|his)\s+(?:husband|wife|father|"
    r"mother|son|daughter|brother|sister))\b",
    re.I,
)
_OUTSIDE_CASES = {"coercion_by_proxy", "legal_harassment"}
_HOST_ACTS = {"surveillance", "threat", "digital_attack", "detention", "deportation"}
_PROCEDURE = re.compile(
    r"\b(?:said|says|told|announced|confirmed|revealed|reported|upheld|ruled|hearing|trial|court|"
    r"appeal|statement|interview|verdict)\b",
    re.I,
)
_RESIDENCE = re.compile(r"\b(?:home|lived|lives|living|based|resident|residence|exile)\b", re.I)
# for any act: words that tell where the victim lives ("had refugee status in Belgium"), not where they were hurt
_DWELLING = re.compile(r"\b(?:lived|lives|living|resident|residence|refugee\s+status|asylum|settled)\b", re.I)


class _Home(Enum):
    AT_HOME = 0


AT_HOME: Final = _Home.AT_HOME  # a place in the origin state itself: the act is not one abroad


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def find_mentions(reading: Reading, index: int) -> list[Mention]:
    """The mentions of acts sentence `index` makes; a plural act over several places or victims makes several."""
    sentence = reading.facts[index]
    home = _home(reading, sentence.sentence.text) if sentence.triggers else None
    mentions = []
    for trigger in sentence.triggers:
        item = _clause(sentence, trigger)
        if not trigger.strong and trigger.tactic is None:
            place = _place(item, trigger, home)
            mentions.append(
                Mention(index, trigger, None, None, [], None if place is AT_HOME else place, _date(item, trigger))
            )
            continue
        if not trigger.strong:
            continue
        victims = _victims(reading, index, trigger, item)
        status = status_hint(item.sentence.text, trigger.tactic)
        groups = _split(reading, item, trigger, victims)
        if _distinct(groups):
            mentions.extend(Mention(index, trigger, trigger.tactic, status, v, p, d) for v, p, d in groups)
        else:
            place = _place(item, trigger, home)
            if place is AT_HOME:
                continue
            if place is None and trigger.tactic in _HOST_ACTS:
                place = host_by_authorities(item.sentence.text, item.sentence.start, reading.origin)
            mentions.append(
                Mention(
                    index,
                    trigger,
                    trigger.tactic,
                    status,
                    victims,
                    place,
                    _date(item, trigger) or item.leading_date,
                    trigger.plural and len(victims) < 2,
                )
            )
    for mention in mentions:
        mention.other = marked_other(sentence, mention.trigger)
    return dedupe(sentence, mentions)


def _home(reading: Reading, text: str) -> str | None:
    """The state whose soil makes a sentence's acts domestic: the one the text names most, unless the sentence names
    another whose people they befell ("Exiled Vietnamese blogger X was abducted in Bangkok", in a text that names
    Thailand more)."""
    return reading.origin if all(code == reading.origin for _, code in states_named(text)) else None


_OBJECT_VERB = re.compile(
    r"(?:kill|murder|assassinate|abduct|kidnap|capture|seize|shoot|shot|stab|stabbing|poison|lure|target|attack|"
    r"kidnapping|abducting|killing|murdering)$|(?:ed|down|lured)$",
    re.I,
)
_NOT_OBJECT_GAP = re.compile(r"\b(?:by|in|on|at|from|to|with|after|for|and|or|that|who|when|while|said|told)\b", re.I)
_KIN = (
    r"daughter|son|wife|husband|brother|sister|girlfriend|boyfriend|partner|companion|mother|father|fiancee?|"
    r"colleague|friend|children|family"
)
_DEVICE = re.compile(
    r"^(?:'s|\u2019s)\s+(?:\w+\s+)?(?:phone|iphone|smartphone|device|account|computer|laptop|email)s?\b"
)


# The clauses of a compound sentence report different acts: "X was killed in A in 2019, and in 2020 Y was ..."
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:in|on|at|last|earlier|later|then|also|a|an|the|his|her|their|he|she|"
    r"they)\b|(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)*\s+(?:was|were|had|has|is)\b)",
    re.I,
)
# "had criticised Crown Prince X", "accused X of": a person named as the object of criticism is no victim of the act
_CRITICISED = re.compile(
    r"\b(?:critici[sz](?:ed|ing|e)|insult(?:ed|ing)?|oppos(?:ed|ing|e)|accus(?:ed|ing|e)|against|denounc(?:ed|ing|e)|"
    r"mock(?:ed|ing)?|expos(?:ed|ing|e)|sued|sue|suing|critic\s+of|critical\s+of)\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.I,
)


def _clause(item: Facts, trigger: Trigger) -> Facts:
    """The clause of the sentence that holds the trigger, as a sentence of its own (or the sentence itself)."""
    text, offset = item.sentence.text, item.sentence.start
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    if not cuts:
        return item
    bounds = [0, *[x for cut in cuts for x in cut], len(text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    local = trigger.start - offset
    start, end = next(((a, b) for a, b in spans if a <= local < b), (0, len(text)))
    a, b = offset + start, offset + end

    def inside(m: _Span) -> bool:
        return a <= m.start and m.end <= b

    return Facts(
        Sentence(a, b, text[start:end], item.sentence.paragraph),
        [d for d in item.dates if inside(d)],
        [p for p in item.places if inside(p)],
        [x for x in item.actors if inside(x)],
        [p for p in item.people if inside(p)],
        [t for t in item.triggers if inside(t)],
        [o for o in item.outcomes if inside(o)],
        [r for r in item.refs if inside(r)],
        [r for r in item.blame if inside(r.ref)],
        item.leading_date,
    )


def _victims(reading: Reading, index: int, trigger: Trigger, item: Facts) -> list[int]:
    """The people a trigger's act was done to: "the murder of X", "X was shot dead", "X's killing", "lured X"."""
    text, offset = item.sentence.text, item.sentence.start
    found: list[int] = []
    candidates = [
        m
        for m in item.people
        if m.person >= 0
        and not reading.people[m.person].official
        and not _CRITICISED.search(text[max(0, m.start - offset - 40) : m.start - offset])
    ]
    surface = trigger.surface.strip()
    for mention in candidates:
        before = text[mention.end - offset : trigger.start - offset] if mention.end <= trigger.start else None
        after = text[trigger.end - offset : mention.start - offset] if mention.start >= trigger.end else None
        if (
            before is not None
            and (
                re.fullmatch(r"(?:'s|\u2019s)\s+(?:\w+\s+)?", before)
                or (re.fullmatch(r"(?:,[^,;]{0,100},){0,2},?\s*", before) and re.match(r"(?:was|were)\b", surface))
                or re.fullmatch(
                    r"(?:,[^,;]{0,100},){0,2},?\s+(?:who\s+)?(?:was|were|had\s+been|has\s+been|is|being|got)\s+"
                    r"(?:\w+\s+){0,2}",
                    before,
                )
                # "X, a dissident who was kidnapped", "X, who had sought asylum, was abducted"
                or re.fullmatch(r",\s+[^;]{0,100}?\bwho\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}", before)
                or (re.fullmatch(r"\s+", before) and trigger.tactic == "legal_harassment")
                or (trigger.tactic == "digital_attack" and _DEVICE.match(before))
            )
            or after is not None
            and (
                # "a plot against X", "a plot to kidnap X", "spying on X": the named object of the act
                re.fullmatch(
                    r"\s+(?:against|on|to\s+(?:kill|kidnap|abduct|assassinate|murder|poison))\s+(?:[\w'-]+\s+){0,3}",
                    after,
                )
                and not re.search(r"\b(?:by|said|told|according)\b", after)
                or re.fullmatch(r"\s+of\s+[^.;:]{0,90}?", after)
                and not re.search(r"\b(?:by|said|told|according)\b", after)
                or re.fullmatch(r"\s*[\"'\u201c\u2018]?\s*(?:[\w-]+\s+){0,4}", after)
                and _OBJECT_VERB.search(surface)
                and not _NOT_OBJECT_GAP.search(after)
                and len(after.split()) <= (4 if not re.search(r"[A-Z]", after) else 2)
            )
            or trigger.tactic == "abduction"
            and re.search(
                r"\b(?:arrested|detained|seized|grabbed)\s+(?:[\w-]+\s+){0,3}$", text[: mention.start - offset]
            )
        ):
            found.append(mention.person)
    if found:
        return _with_kin(reading, item, list(dict.fromkeys(found)))
    whole = reading.facts[index].sentence
    if (whole.start, whole.end) != (item.sentence.start, item.sentence.end) and candidates:
        # a clause of its own names its subject first: "and in 2020 X fought off an attacker"
        first = candidates[0]
        if first.start - offset < 40 and not re.match(r"[\s,]*(?:said|says|told)\b", text[first.end - offset :]):
            return [first.person]
    if PRONOUN.search(text[max(0, trigger.start - offset - 40) : trigger.end - offset + 20]):
        before_trigger = [m.person for m in candidates if m.end <= trigger.start]
        if before_trigger:
            return [before_trigger[-1]]
        for previous in reversed(reading.facts[max(0, index - 2) : index]):
            earlier = [m.person for m in previous.people if m.person >= 0 and not reading.people[m.person].official]
            if earlier:
                return [earlier[0]]
    return []


def _with_kin(reading: Reading, item: Facts, found: list[int]) -> list[int]:
    """Add people joined to a victim as one target: "X and his daughter Y", "X and Y were poisoned"."""
    text, offset = item.sentence.text, item.sentence.start
    people = [m for m in item.people if m.person >= 0 and not reading.people[m.person].official]
    for first, second in zip(people, people[1:], strict=False):
        if first.person in found and second.person not in found:
            gap = text[first.end - offset : second.start - offset]
            if re.fullmatch(rf",?\s+and\s+(?:(?:his|her|their)\s+(?:\w+\s+)?(?:{_KIN})\s*,?\s*)?", gap):
                found.append(second.person)
    return found


def _split(reading: Reading, item: Facts, trigger: Trigger, victims: list[int]) -> list[tuple]:
    """Tuples of (victims, place, date) for a plural act: "the murders of A in X in 2015 and B in Y in 2017"."""
    entities: list[tuple[int, str, object]] = []
    entities += [(m.start, "victim", m.person) for m in item.people if m.person in victims and m.start > trigger.start]
    entities += [
        (p.start, "place", p)
        for p in item.places
        if p.start > trigger.start
        and _usable_place(p, trigger)
        and p.place.country != reading.origin
        and _owned(item, p.start, p.end, trigger)
    ]
    entities += [
        (d.start, "date", d)
        for d in item.dates
        if d.start > trigger.start and not (d.since or d.loose) and _owned(item, d.start, d.end, trigger)
    ]
    groups: list[dict] = []
    last_kind = None
    for _, kind, value in sorted(entities, key=lambda e: e[0]):
        if (
            kind == "place"
            and groups
            and groups[-1].get("place")
            and groups[-1]["place"].place.precision == "city"
            and isinstance(value, PlaceMention)
            and value.prep == "apposition"
        ):
            continue  # "Almere, the Netherlands": the country qualifies the town
        if kind == "victim" and last_kind == "victim" and not trigger.plural:
            groups[-1]["victim"].append(value)  # "A and his daughter B": one act on both
            continue
        last_kind = kind
        if not groups or kind in groups[-1]:
            groups.append({})
        groups[-1][kind] = [value] if kind == "victim" else value
    return [(g.get("victim", []), g.get("place"), g.get("date")) for g in groups]


def _distinct(groups: list[tuple]) -> bool:
    """Whether split groups are different acts: each with its own victim or its own place."""
    if len(groups) < 2 or not all(victims or place for victims, place, _ in groups):
        return False
    victims = [v for g in groups for v in g[0]]
    places = [g[1].place.name for g in groups if g[1] and not g[0]]
    return len(victims) == len(set(victims)) and len(places) == len(set(places))


def _usable_place(place: PlaceMention, trigger: Trigger) -> bool:
    """Whether a place in the sentence can be where the act happened."""
    if place.prep == "from":
        return trigger.tactic == "abduction" and not trigger.surface.lower().startswith("lur")
    if place.prep == "via":
        return False  # the route a rendition took, not where the exile was seized
    if place.prep in ("to", "into"):
        return trigger.tactic in ("abduction", "killing", None)
    return place.prep in ("in", "at", "near", "outside", "of", "on", "apposition", "inside", "around", "through", None)


def _distance(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, other_start - end, start - other_end)


def _owned(item: Facts, start: int, end: int, trigger: Trigger) -> bool:
    """Whether a date or place belongs to the act's trigger rather than to a court, police or speech word.

    A date or place right before the trigger modifies it ("the 2018 attack"); otherwise a phrase belongs to the
    nearest word on its left ("arrested in June", "shot dead in The Hague"), or on its right when none is there.
    """
    text, offset = item.sentence.text, item.sentence.start
    if trigger.start <= start and end <= trigger.end:
        return True  # inside the trigger's own phrase ("detained at Kyiv's airport on an Interpol notice")
    gap = text[end - offset : trigger.start - offset] if end <= trigger.start else None
    if (
        gap is not None
        and re.fullmatch(r"[\s,]*(?:[a-z-]+\s+){0,2}", gap)
        and not re.search(r"\b(?:in|on|at|by|for|of|to|from|was|were|is|and)\b", gap)
    ):
        return True
    heads = [(t.start, t.end, t is trigger) for t in item.triggers if t.tactic or t.start == trigger.start]
    # an abduction's "detained in X and flown to Y" is the act itself, not an outcome of it
    heads += [
        (o.start, o.end, False) for o in item.outcomes if not (trigger.tactic == "abduction" and o.type == "arrest")
    ]
    heads += [(offset + m.start(), offset + m.end(), False) for m in _PROCEDURE.finditer(text)]
    if trigger.tactic == "abduction":  # where the exile lived is not where they were taken
        heads += [(offset + m.start(), offset + m.end(), False) for m in _RESIDENCE.finditer(text)]
    elif trigger.tactic in ("killing", "assault"):  # a threat reaches its target where they live; a blow may not
        heads += [(offset + m.start(), offset + m.end(), False) for m in _DWELLING.finditer(text)]
    left = [h for h in heads if h[1] <= start and not (h[0] <= trigger.start < h[1] and not h[2])]
    if left:
        return max(left, key=lambda h: h[1])[2] and start - max(h[1] for h in left) <= 120
    right = [h for h in heads if h[0] >= end]
    return bool(right) and min(right, key=lambda h: h[0])[2] and min(h[0] for h in right) - end <= 60


def _place(item: Facts, trigger: Trigger, origin: str | None) -> PlaceMention | Literal[_Home.AT_HOME] | None:
    """The usable place nearest the trigger, a town rather than its country; AT_HOME when it is the origin state."""
    places = [p for p in item.places if _usable_place(p, trigger) and _owned(item, p.start, p.end, trigger)]
    if not places:
        return None
    best = min(places, key=lambda p: _distance(p.start, p.end, trigger.start, trigger.end))
    if best.place.country == origin and trigger.tactic not in _OUTSIDE_CASES and not trigger.surface.endswith("land"):
        if best.prep in ("in", "at", "inside"):
            return AT_HOME
        # the origin state named beside the act ("Iran's hit on...") is who did it, not where
        places = [p for p in places if p.place.country != origin]
        if not places:
            return None
        best = min(places, key=lambda p: _distance(p.start, p.end, trigger.start, trigger.end))
    if best.place.precision == "city":
        # "Wimbledon, south-west London": the district of a bigger city stands for the city
        whole = [
            p
            for p in item.places
            if p.prep == "apposition"
            and p.place.precision == "city"
            and p.place.country == best.place.country
            and p.place.population > best.place.population
            and 0 < p.start - best.end <= 25
        ]
        best = whole[0] if whole else best
    if best.place.precision == "country":
        town = [
            p
            for p in places
            if p.place.country == best.place.country and p.place.precision == "city" and abs(p.start - best.start) < 40
        ]
        best = town[0] if town else best
    return best


def _date(item: Facts, trigger: Trigger) -> DateMention | None:
    """The date nearest the trigger that is not nearer a court or speech word ("convicted in February")."""
    best, best_distance = None, 10**9
    for date in item.dates:
        if date.since or date.loose or not _owned(item, date.start, date.end, trigger):
            continue
        distance = _distance(date.start, date.end, trigger.start, trigger.end)
        if distance > 120:
            continue
        if distance < best_distance:
            best, best_distance = date, distance
    return best
