"""Linking: which known incidents (or pending candidates) a new candidate may be, with a score and reasons.

Blocking keeps it fast: a candidate is compared only with entries that share a
(year, country) block or a distinctive name word, never with everything.
Scoring adds evidence for and against: the same victim under another spelling or
alias, a named perpetrator in common, the same place, dates compatible at their
precision, the same tactic, words in common.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from longarm.incidents.names import COMMON_NAME_TOKENS, name_tokens, plain, same_person

CERTAIN = 0.6
"""At or above: the same incident, merged by --auto-merge."""
UNRELATED = 0.3
"""Below: nothing matches, --auto-merge creates a new incident."""
_YEAR_SLACK = 1
_NAME_BLOCK_CAP = 50
"""A name word shared by more entries than this is a common given name, not a lead worth following."""
_STOPWORDS = frozenset(
    "the a an of in on at to and or for by with from as is was were be been has had his her their".split()
)


@dataclass
class Profile:
    """What linking compares of an incident or a candidate."""

    ref: str
    tactic: str | None = None
    date: dict[str, str] | None = None
    country: str | None = None
    place: str | None = None
    victims: list[tuple[str, ...]] = field(default_factory=list)  # name_tokens of each name and alias
    perpetrators: list[tuple[str, ...]] = field(default_factory=list)  # named people only
    words: frozenset[str] = frozenset()

    @property
    def years(self) -> range:
        """The calendar years the date range covers (empty without a date)."""
        if not self.date:
            return range(0)
        return range(int(self.date["start"][:4]), int(self.date["end"][:4]) + 1)


def profile_from_extracted(ref: str, incident: dict[str, Any]) -> Profile:
    """The profile of an extracted (candidate) incident in the `longarm extract` shape."""
    location = incident.get("location") or {}
    victims = [
        name_tokens(n) for v in incident.get("victims") or [] for n in [v.get("name"), *v.get("aliases", [])] if n
    ]
    perpetrators = [
        name_tokens(p["name"]) for p in incident.get("perpetrators") or [] if p.get("name") and not p.get("id")
    ]
    text = " ".join(filter(None, [incident.get("title"), location.get("place")]))
    return Profile(
        ref=ref,
        tactic=incident.get("tactic"),
        date=incident.get("date"),
        country=location.get("country"),
        place=location.get("place"),
        victims=victims,
        perpetrators=perpetrators,
        words=frozenset(w for w in plain(text).split() if w not in _STOPWORDS),
    )


def distinctive_tokens(profile: Profile) -> set[str]:
    """Name words rare enough to block on (not `mohammad`)."""
    return {
        t for name in profile.victims + profile.perpetrators for t in name if t not in COMMON_NAME_TOKENS and len(t) > 2
    }


def blocks(profile: Profile) -> set[tuple[Any, ...]]:
    """The blocking keys of a profile: (year, country) cells and distinctive name words."""
    keys: set[tuple[Any, ...]] = {("name", token) for token in distinctive_tokens(profile)}
    years = profile.years
    if years and profile.country:
        keys.update(("cell", year, profile.country) for year in years)
    elif years:
        keys.update(("year", year) for year in years)
    elif profile.country:
        keys.add(("country", profile.country))
    return keys


def _probe_keys(profile: Profile) -> set[tuple[Any, ...]]:
    # Look one year either side: sources often disagree on the year by one.
    keys = {key for key in blocks(profile) if key[0] == "name"}
    years = profile.years
    spread = range(years.start - _YEAR_SLACK, years.stop + _YEAR_SLACK) if years else range(0)
    if spread and profile.country:
        keys.update(("cell", year, profile.country) for year in spread)
        keys.update(("year", year) for year in spread)
    elif spread:
        keys.update(("year", year) for year in spread)
    if profile.country:
        keys.add(("country", profile.country))
    return keys


class LinkIndex:
    """An in-memory blocking index over profiles."""

    def __init__(self, profiles: Iterable[Profile] = ()) -> None:
        self.profiles: dict[str, Profile] = {}
        self._blocks: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        self._by_year: dict[int, list[str]] = defaultdict(list)
        for profile in profiles:
            self.add(profile)

    def add(self, profile: Profile) -> None:
        """Index a profile under its blocking keys."""
        self.profiles[profile.ref] = profile
        for key in blocks(profile):
            self._blocks[key].append(profile.ref)
        for year in profile.years:
            self._by_year[year].append(profile.ref)

    def neighbours(self, profile: Profile) -> set[str]:
        """Refs of the profiles sharing a block with this one (itself excluded)."""
        refs: set[str] = set()
        for key in _probe_keys(profile):
            block = self._blocks.get(key, ())
            if key[0] == "name" and len(block) > _NAME_BLOCK_CAP:
                continue
            refs.update(block)
            if key[0] == "year" and profile.country is None:
                refs.update(self._by_year.get(key[1], ()))
        refs.discard(profile.ref)
        return refs

    def rank(self, profile: Profile, *, limit: int = 5) -> list[Match]:
        """The best-scoring neighbours, best first."""
        matches = [score(profile, self.profiles[ref]) for ref in self.neighbours(profile)]
        return sorted((m for m in matches if m.score > 0), key=lambda m: (-m.score, m.ref))[:limit]


@dataclass
class Match:
    """A possible identity between a candidate and a known incident or pending candidate."""

    ref: str
    score: float
    reasons: list[str]
    # A named person in common, or dates that agree to the month: without one of these,
    # a shared city and tactic alone do not make two reports one incident.
    identifying: bool = False

    @property
    def certain(self) -> bool:
        """Whether --auto-merge may merge on this match alone."""
        return self.identifying and self.score >= CERTAIN


def _shared_person(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> tuple[str, str] | None:
    for x in a:
        for y in b:
            if same_person(x, y):
                return " ".join(x), " ".join(y)
    return None


def _fine_dates(a: dict[str, str], b: dict[str, str]) -> bool:
    return {a["precision"], b["precision"]} <= {"day", "month"}


def _date_points(a: dict[str, str], b: dict[str, str]) -> tuple[float, str]:
    if a["start"] <= b["end"] and b["start"] <= a["end"]:
        return (0.3 if _fine_dates(a, b) else 0.15), f"dates compatible ({a['start'][:7]} ~ {b['start'][:7]})"
    gap = abs(int(a["start"][:4]) - int(b["start"][:4]))
    return (-0.1 if gap <= _YEAR_SLACK else -0.4), f"dates differ ({a['start'][:10]} vs {b['start'][:10]})"


def score(a: Profile, b: Profile) -> Match:
    """How likely two profiles are one incident (0..1), with the reasons for and against."""
    points, reasons, identifying = 0.0, [], False
    if a.victims and b.victims:
        shared = _shared_person(a.victims, b.victims)
        if shared:
            points += 0.55
            identifying = True
            reasons.append(f"same victim ({shared[0]} ~ {shared[1]})")
        else:
            points -= 0.3
            reasons.append("different named victims")
    if (shared := _shared_person(a.perpetrators, b.perpetrators)) is not None:
        points += 0.35
        identifying = True
        reasons.append(f"same named perpetrator ({shared[0]} ~ {shared[1]})")
    if a.date and b.date:
        gained, why = _date_points(a.date, b.date)
        points += gained
        reasons.append(why)
        identifying = identifying or (gained > 0 and _fine_dates(a.date, b.date))
    if a.country and b.country:
        if a.country != b.country:
            points -= 0.3
            reasons.append(f"other countries ({a.country} vs {b.country})")
        elif a.place and b.place and plain(a.place) == plain(b.place):
            points += 0.25
            reasons.append(f"same place ({a.place})")
        else:
            points += 0.1
            reasons.append(f"same country ({a.country})")
    if a.tactic and b.tactic:
        if a.tactic == b.tactic:
            points += 0.1
            reasons.append(f"same tactic ({a.tactic})")
        else:
            points -= 0.1
            reasons.append(f"other tactics ({a.tactic} vs {b.tactic})")
    if a.words and b.words:
        overlap = len(a.words & b.words) / len(a.words | b.words)
        if overlap >= 0.3:
            points += 0.1 * overlap
            reasons.append(f"similar wording ({overlap:.0%} words shared)")
    return Match(ref=b.ref, score=round(max(0.0, min(1.0, points)), 3), reasons=reasons, identifying=identifying)
