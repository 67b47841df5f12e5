"""The first pass over a text: every sentence with the dates, places, actors, people and cue words found in it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from longarm.ingestion.extract.actors import ActorMention, find_actors, localize
from longarm.ingestion.extract.attribution import (
    Responsibility,
    StateRef,
    find_state_refs,
    origin_states,
    responsibility,
)
from longarm.ingestion.extract.captions import caption_paragraphs
from longarm.ingestion.extract.dates import DateMention, Published, find_dates, year_value
from longarm.ingestion.extract.gazetteer import demonyms
from longarm.ingestion.extract.outcomes import OutcomeMention, find_outcomes
from longarm.ingestion.extract.persons import Person, PersonMention, find_people, group_people, merge_people
from longarm.ingestion.extract.places import PlaceMention, find_places
from longarm.ingestion.extract.sentences import Sentence, split_sentences
from longarm.ingestion.extract.tactics import Trigger, find_triggers
from longarm.names.countries import country_names

_PEOPLE_WINDOW = 30_000
# A timeline bullet opens with its date: "2015: A member was shot dead".
_LEADING_DATE = re.compile(r"^[\s\u2022*\-\u2013]*(?:(?P<month>[A-Z][a-z]+)\s+)?(?P<year>(?:19|20)\d\d)\s*:")


@dataclass
class Facts:
    """What one sentence holds."""

    sentence: Sentence
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    people: list[PersonMention]
    triggers: list[Trigger]
    outcomes: list[OutcomeMention]
    refs: list[StateRef] = field(default_factory=list)
    blame: list[Responsibility] = field(default_factory=list)
    leading_date: DateMention | None = None


@dataclass
class Reading:
    """A text read once: its sentences' facts, its people and the origin states it names, most named first."""

    text: str
    facts: list[Facts]
    people: list[Person]
    origins: tuple[str, ...]

    @property
    def origin(self) -> str | None:
        """The origin state the text is mostly about."""
        return self.origins[0] if self.origins else None


def read(text: str, published: Published | None) -> Reading:
    """Split `text` into sentences and find everything the extractor works from."""
    lower = text.lower()
    countries = frozenset(code for name, code in country_names().items() if len(name) > 3 and name in lower)
    facts: list[Facts] = []
    bullet_date: DateMention | None = None
    anchor: DateMention | None = None  # the last date told, for "the next day" or "that year"
    paragraph = -1
    sentences = split_sentences(text)
    captions = caption_paragraphs(sentences, text)
    for sentence in sentences:
        s, offset = sentence.text, sentence.start
        if sentence.paragraph in captions:  # what a picture shows: no fact of the story, but a sentence all the same
            facts.append(Facts(sentence, [], [], [], [], [], []))
            continue
        dates = find_dates(s, offset, published, anchor)
        anchor = next((d for d in reversed(dates) if not d.since), anchor)
        actors = find_actors(s, offset)
        places = [
            p
            for p in find_places(s, offset, countries)
            if not any(a.start <= p.start and p.end <= a.end for a in actors)
        ]
        blocked = [(d.start, d.end) for d in dates] + [(p.start, p.end) for p in places]
        blocked += [(a.start, a.end) for a in actors]
        people = find_people(s, offset, blocked)
        item = Facts(sentence, dates, places, actors, people, find_triggers(s, offset), find_outcomes(s, offset))
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            bullet = _LEADING_DATE.match(s)
            bullet_date = (
                next(
                    (
                        d
                        for d in dates
                        if bullet and d.start == offset + bullet.start("month" if bullet.group("month") else "year")
                    ),
                    None,
                )
                if bullet
                else None
            )
            if bullet and bullet_date is None:
                start = offset + bullet.start("year")
                bullet_date = DateMention(start, start + 4, year_value(int(bullet.group("year"))))
        item.leading_date = bullet_date
        facts.append(item)
    persons = _group_people_by_window(facts)
    _link_aliases(facts, persons)
    _drop_towns_named_like_people(text, facts, persons)
    reading = Reading(text, facts, persons, _origins(text, facts))
    for item in facts:
        item.actors = localize(item.actors, reading.origin)
        item.refs = find_state_refs(item.sentence.text, item.sentence.start, item.actors, reading.origin)
        item.blame = responsibility(item.sentence.text, item.sentence.start, item.refs)
    return reading


_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "throughout", "via"})


def _drop_towns_named_like_people(text: str, facts: list[Facts], persons: list[Person]) -> None:
    """A town spelled like a word of a person the text names is that person ("the votes of Kim" beside "Kim
    Dae-jung", "his wife, Sofia" beside "Sofia Prats"), unless a locative word puts it on the map ("in Sofia")."""
    words = {word for person in persons for name in person.names if " " in name for word in name.split()}
    if not words:
        return
    for item in facts:
        item.places = [
            p
            for p in item.places
            if p.place.precision == "country" or p.prep in _LOCATIVE or text[p.start : p.end] not in words
        ]


def _group_people_by_window(facts: list[Facts]) -> list[Person]:
    """The text's people, grouped window by window: comparing every name with every other is
    quadratic, so a long text is grouped in stretches of about `_PEOPLE_WINDOW` characters
    (longer than an article, which is grouped whole), and the time stays linear in its length."""
    persons: list[Person] = []
    window: list[PersonMention] = []
    window_start = 0
    for item in facts:
        if item.sentence.start - window_start > _PEOPLE_WINDOW and window:
            persons += _shifted(group_people(window), window, len(persons))
            window, window_start = [], item.sentence.start
        window += item.people
    return persons + _shifted(group_people(window), window, len(persons))


def _shifted(people: list[Person], mentions: list[PersonMention], offset: int) -> list[Person]:
    for mention in mentions:
        if mention.person >= 0:
            mention.person += offset
    return people


_HOST_JUSTICE = re.compile(r"\s+(?:police|prosecutors?|investigators|courts?|judges?|jury)\b", re.IGNORECASE)
"""A state's police, prosecutors or courts after its name: often the host working a case on its soil."""


def _origins(text: str, facts: list[Facts]) -> tuple[str, ...]:
    """The origin states the text names, most named first (by name, demonym or agencies), their police, prosecutors
    and courts counted only when it names no other: "Turkish prosecutors" work a case of Iran's act in Istanbul,
    while in a text that names no other state its police may be the ones who acted."""
    votes: Counter[str] = Counter()
    justice: Counter[str] = Counter()
    for item in facts:
        votes.update(a.actor.country for a in item.actors if a.actor.country in origin_states())
    for match, code in states_named(text):
        tally = justice if _HOST_JUSTICE.match(text, match.end()) else votes
        tally[code] += 2 if match.start() < 400 else 1  # the headline and lede say whom the story is about
    return tuple(code for code, _ in (votes or justice).most_common())


def states_named(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each origin state `text` names by a one-word name or demonym ("Iran", "Vietnamese"), with the word."""
    names, adjectives = country_names(), demonyms()
    for match in re.finditer(r"[A-Z][a-z]+", text):
        code = names.get(match.group().lower()) or adjectives.get(match.group().lower())
        if code in origin_states():
            yield match, code


_ALIAS_CUES = [
    # "X, also known as Y", "X lived under the name Y", "the man's true identity was Y", "not X but Y"
    re.compile(
        r"\b(?:known|better\s+known|also\s+known|more\s+commonly\s+known)\s+(?:as|under\s+the\s+(?:nick)?name)\b"
    ),
    re.compile(r"\bunder\s+the\s+(?:false\s+|assumed\s+|fake\s+)?(?:identity|name)\b"),
    re.compile(r"\b(?:true|real)\s+(?:identity|name)\b"),
    re.compile(r"\bnot\s+(?:the\s+\w+\s+)?[A-Z][\w'\u2019]+(?:\s+[A-Z][\w'\u2019]+)*\s+but\b"),
    re.compile(r"\b(?:his|her)\s+(?:name|identity)\b.{0,60}\band\b"),
    re.compile(r"\balias\b"),
]


def _link_aliases(facts: list[Facts], people: list[Person]) -> None:
    """Merge two people a sentence says are one ("lived under the name Ali Motamed")."""
    previous: list[int] = []
    for item in facts:
        ids = []
        for mention in item.people:
            if mention.person >= 0 and mention.person not in ids and not people[mention.person].official:
                ids.append(mention.person)
        if any(cue.search(item.sentence.text) for cue in _ALIAS_CUES):
            if len(ids) >= 2:
                # the names on either side of the cue, not everyone the sentence names
                cue_at = min(m.start() for cue in _ALIAS_CUES for m in cue.finditer(item.sentence.text))
                cue_at += item.sentence.start
                before = [m.person for m in item.people if m.person in ids and m.end <= cue_at]
                after = [m.person for m in item.people if m.person in ids and m.start >= cue_at]
                pair = [before[-1], after[0]] if before and after else ids
                for other in pair[1:] if len(pair) == 2 else ids[1:]:
                    merge_people(people, pair[0], other)
            elif len(ids) == 1 and previous and re.search(r"\b(?:true|real)\s+(?:identity|name)", item.sentence.text):
                merge_people(people, previous[-1], ids[0])
        previous = ids or previous
