"""Everything a text offers as a value of an incident: its people, agencies, states, places and dates.

The reading finds them; the learned slot models (`slots`) choose among them for each incident. A candidate
keeps every place the text mentions it, so a model can weigh how near it stands to the act.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from longarm.ingestion.extract.attribution import body_name
from longarm.ingestion.extract.decisions import strip_demonyms
from longarm.ingestion.extract.reading import Reading


@dataclass
class Candidate:
    """One possible value: its kind, the value as the extract JSON writes it, and where the text says it."""

    kind: str  # person | actor | state | place | date
    key: str
    value: dict[str, Any]
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end)
    official: bool = False
    precision: str | None = None


def _add(found: dict[str, Candidate], candidate: Candidate, mention: tuple[int, int, int]) -> None:
    known = found.setdefault(f"{candidate.kind}:{candidate.key}", candidate)
    if mention not in known.mentions:
        known.mentions.append(mention)


def candidates(reading: Reading) -> list[Candidate]:
    """Every candidate value in a text, in the order the text first gives each."""
    starts = [f.sentence.start for f in reading.facts]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    found: dict[str, Candidate] = {}
    for index, person in enumerate(reading.people):
        if not person.mentions or not person.names:
            continue
        name = strip_demonyms(person.name)
        value: dict[str, Any] = {"name": name, "aliases": [a for a in person.aliases if a != name]}
        for m in person.mentions:
            candidate = Candidate("person", str(index), value, official=person.official)
            _add(found, candidate, (sentence_of(m.start), m.start, m.end))
    for index, facts in enumerate(reading.facts):
        for a in facts.actors:
            if not a.actor.id.endswith(".GOV"):  # a government is its state's candidate, not a second one
                value = {"id": a.actor.id, "name": a.actor.name, "kind": a.actor.kind}
                _add(found, Candidate("actor", a.actor.id, value), (index, a.start, a.end))
            if a.actor.country:
                state = {"id": f"{a.actor.country}.GOV", "name": None, "kind": "state_agency"}
                _add(found, Candidate("state", a.actor.country, state), (index, a.start, a.end))
        for ref in facts.refs:
            state = {"id": f"{ref.country}.GOV", "name": body_name(ref), "kind": "state_agency"}
            _add(found, Candidate("state", ref.country, state), (index, ref.start, ref.end))
        for p in facts.places:
            place = p.place
            value = {"place": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}
            key = f"{place.name}|{place.country}"
            _add(found, Candidate("place", key, value, precision=place.precision), (index, p.start, p.end))
        for d in facts.dates:
            if d.since:
                continue  # "since 2015" bounds a stay, it dates no act
            key = f"{d.value['start']}|{d.value['precision']}"
            _add(found, Candidate("date", key, d.value, precision=d.value["precision"]), (index, d.start, d.end))
    for candidate in found.values():
        candidate.mentions.sort()
    return sorted(found.values(), key=lambda c: c.mentions[0][1])
