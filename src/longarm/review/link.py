"""Blocking and the in-memory link index: which profiles are worth comparing, and the best matches among them.

A profile is compared only with entries that share a block (Splink's blocking rules),
never with everything:

- `name`: a distinctive word of a victim's or named perpetrator's name (a word shared by
  more than 50 entries, such as a common given name, is not followed);
- `cell`: the same country and tactic within a year either side (sources disagree by a year);
- `year`: the same years and tactic, for a profile without a country;
- `country`: the same country, for a profile without a date.

`longarm ingest`, the review queue and `make bench` all link through `LinkIndex`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from longarm.names.people import COMMON_NAME_TOKENS
from longarm.review.probability import LinkModel, Match, link_model, match, probability
from longarm.review.profiles import Profile

_YEAR_SLACK = 1
NAME_BLOCK_CAP = 50
"""A name word shared by more entries than this is a common given name, not a lead worth following."""
RULES = ("name", "cell", "year", "country")


def distinctive_tokens(profile: Profile) -> set[str]:
    """Name words rare enough to block on (not `mohammad`)."""
    return {
        t for name in profile.victims + profile.perpetrators for t in name if t not in COMMON_NAME_TOKENS and len(t) > 2
    }


def blocks(profile: Profile) -> set[tuple[Any, ...]]:
    """The blocking keys of a profile: (year, country) cells, years, a country and distinctive name words."""
    keys: set[tuple[Any, ...]] = {("name", token) for token in distinctive_tokens(profile)}
    years = profile.years
    if years and profile.country:
        keys.update(("cell", year, profile.country, profile.tactic) for year in years)
    elif years:
        keys.update(("year", year, profile.tactic) for year in years)
    elif profile.country:
        keys.add(("country", profile.country))
    return keys


def probe_keys(profile: Profile) -> set[tuple[Any, ...]]:
    """Where a profile's neighbours are looked for: its blocks, and a year either side (sources disagree by one)."""
    keys = {key for key in blocks(profile) if key[0] == "name"}
    years = profile.years
    spread = range(years.start - _YEAR_SLACK, years.stop + _YEAR_SLACK) if years else range(0)
    if spread and profile.country:
        keys.update(("cell", year, profile.country, profile.tactic) for year in spread)
    keys.update(("year", year, profile.tactic) for year in spread)
    if profile.country:
        keys.add(("country", profile.country))
    return keys


class LinkIndex:
    """An in-memory blocking index over profiles."""

    def __init__(
        self,
        profiles: Iterable[Profile] = (),
        *,
        model: LinkModel | None = None,
        crowded: frozenset[tuple[Any, ...]] = frozenset(),
    ) -> None:
        self.profiles: dict[str, Profile] = {}
        self.model = model
        # Name blocks known to be too common from outside the index (a store holding more than it loaded).
        self.crowded = crowded
        self._blocks: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        self._by_year: dict[tuple[int, str | None], list[str]] = defaultdict(list)
        for profile in profiles:
            self.add(profile)

    def add(self, profile: Profile) -> None:
        """Index a profile under its blocking keys."""
        self.profiles[profile.ref] = profile
        for key in blocks(profile):
            self._blocks[key].append(profile.ref)
        for year in profile.years:
            self._by_year[year, profile.tactic].append(profile.ref)

    def neighbours_by_rule(self, profile: Profile) -> dict[str, set[str]]:
        """Refs sharing a block with this profile (itself excluded), by the blocking rule that found them."""
        found: dict[str, set[str]] = {rule: set() for rule in RULES}
        for key in probe_keys(profile):
            block = self._blocks.get(key, ())
            if key[0] == "name" and (len(block) > NAME_BLOCK_CAP or key in self.crowded):
                continue
            found[key[0]].update(block)
            if key[0] == "year" and profile.country is None:
                found["year"].update(self._by_year.get((key[1], key[2]), ()))
        for refs in found.values():
            refs.discard(profile.ref)
        return found

    def neighbours(self, profile: Profile) -> set[str]:
        """Refs of the profiles sharing a block with this one (itself excluded)."""
        return set().union(*self.neighbours_by_rule(profile).values())

    def rank(self, profile: Profile, *, limit: int = 5) -> list[Match]:
        """The best `limit` neighbours (a probability of at least 1 %), then any other possible match; best first."""
        model = self.model or link_model()
        scored = []
        for ref in self.neighbours(profile):
            other = self.profiles[ref]
            chance, identifying = probability(profile, other, model)
            if chance >= 0.01:
                scored.append((-chance, ref, identifying))
        scored.sort()
        return [
            match(profile, self.profiles[ref], -negative, identifying, model)
            for n, (negative, ref, identifying) in enumerate(scored)
            if n < limit or (identifying and -negative >= model.possible)
        ]
