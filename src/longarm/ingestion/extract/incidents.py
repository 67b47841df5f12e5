"""Mentions of acts, and the incidents they are gathered into."""

from __future__ import annotations

from dataclasses import dataclass, field

from longarm.ingestion.extract.dates import DateMention
from longarm.ingestion.extract.outcomes import OutcomeMention
from longarm.ingestion.extract.places import PlaceMention
from longarm.ingestion.extract.tactics import Trigger

# How near, in sentences, something must stand to an act to be weighed with it: an act told again, its
# people named again, a candidate value, an earlier proposal. A lede lies within it whole; in a long
# text, what lies further is another act's story, and leaving it out keeps extraction near-linear.
NEARBY_SENTENCES = 25


@dataclass
class Mention:
    """One report of an act in one sentence: what it says of tactic, victims, place and date."""

    sentence: int
    trigger: Trigger
    tactic: str | None
    status: str | None
    victims: list[int]
    place: PlaceMention | None
    date: DateMention | None
    collective: bool = False  # "the murders" without telling them apart: refers to incidents, makes none
    other: bool = False  # "another murder", "a separate killing": never the incident already told

    @property
    def has_features(self) -> bool:
        """Whether the mention says enough to stand for an incident of its own."""
        return bool(self.victims or self.place or self.date)


@dataclass
class Perpetrator:
    """A perpetrator: a known actor (by id) or a named person (by person index)."""

    name: str
    kind: str
    actor_id: str | None = None
    person: int | None = None
    start: int = 0
    end: int = 0


@dataclass(eq=False)  # an incident is itself, not its field values
class Incident:
    """A real-world incident gathered from one or more mentions and the sentences that refer to it."""

    tactic: str
    mentions: list[Mention] = field(default_factory=list)
    victims: list[int] = field(default_factory=list)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    generic_states: list[Perpetrator] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    outcomes: dict[str, tuple[OutcomeMention, DateMention | None]] = field(default_factory=dict)
    bases: set[str] = field(default_factory=set)
    fatalities: int | None = None
    affiliations: dict[int, list[str]] = field(default_factory=dict)
    bare: bool = False  # opened by a featureless act ("plotting to kidnap a journalist") awaiting its details
    rule_kept: bool = True  # whether the rules of `keep` hold it an act of transnational repression

    @property
    def place(self) -> PlaceMention | None:
        """The most precise place its mentions give, the earliest among equals."""
        rank = {"city": 3, "region": 2, "country": 1}
        places = [m.place for m in self.mentions if m.place]
        if not places:
            return None
        return max(places, key=lambda p: (rank[p.place.precision] if not p.near else 0, -p.start))

    @property
    def country(self) -> str | None:
        """The country of its place."""
        place = self.place
        return place.place.country if place else None

    @property
    def date(self) -> DateMention | None:
        """The most precise date its mentions give, among those agreeing with the first one's year."""
        dates = [m.date for m in self.mentions if m.date]
        if not dates:
            return None
        year = dates[0].year
        agreeing = [d for d in dates if d.year == year]
        return max(agreeing, key=lambda d: (d.precision_rank, -d.start))

    def add_perpetrator(self, perpetrator: Perpetrator) -> None:
        """Add a perpetrator unless it is already there."""
        pool = (
            self.generic_states if perpetrator.actor_id and perpetrator.actor_id.endswith(".GOV") else self.perpetrators
        )
        if not any(p.actor_id == perpetrator.actor_id and p.person == perpetrator.person for p in pool):
            pool.append(perpetrator)

    def add_outcome(self, outcome: OutcomeMention, date: DateMention | None) -> None:
        """Record an outcome type once, keeping the first stated term of years and date."""
        known = self.outcomes.get(outcome.type)
        if known is None or (known[0].years is None and outcome.years is not None) or (known[1] is None and date):
            self.outcomes[outcome.type] = (
                outcome if known is None or outcome.years is not None else known[0],
                date or (known[1] if known else None),
            )
