"""The comparisons linking makes between two profiles, declared once (in the manner of Splink).

Each comparison looks at one kind of evidence and answers with one of its declared
levels (or nothing, when a side lacks the value). Some levels identify (`IDENTIFYING`):
a named person in common, dates that agree to the month in the same town, closely
similar wording; without one of them, or when both sides name victims and none is in
common, a match is never certain or even possible, however likely (a shared country, month and tactic are common to many
distinct incidents in a large store, and rare in the small pool the weights learn from). The learned weights
(`probability.py`) give each level a match weight; the level's words are the reason
shown to the reviewer. Training (`training/train_link.py`) reads the same declaration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from longarm.names.people import same_person
from longarm.review.profiles import Profile

_WORDING_MIN = 4
_FINE = ("day", "month")


@dataclass(frozen=True)
class Comparison:
    """One kind of evidence: its levels, the reason each gives, how to find the level and the detail to show."""

    name: str
    levels: dict[str, str]  # level → reason template ({} receives the detail)
    level: Callable[[Profile, Profile], str | None]  # None when a side lacks the value
    detail: Callable[[Profile, Profile], str]

    def features(self) -> list[str]:
        """The names of this comparison's features (`victim=same`), in declaration order."""
        return [f"{self.name}={level}" for level in self.levels]


def _shared_person(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> tuple[str, str] | None:
    for x in a:
        for y in b:
            if same_person(x, y):
                return " ".join(x), " ".join(y)
    return None


def _victims(a: Profile, b: Profile) -> str | None:
    if not (a.victims and b.victims):
        return None
    if _shared_person(a.victims, b.victims):
        return "same"
    return "name_word" if a.victim_words & b.victim_words else "different"


def _victims_detail(a: Profile, b: Profile) -> str:
    if shared := _shared_person(a.victims, b.victims):
        return f"{shared[0]} ~ {shared[1]}"
    return ", ".join(sorted(a.victim_words & b.victim_words))


def _perpetrators(a: Profile, b: Profile) -> str | None:
    if not (a.perpetrators and b.perpetrators):
        return None
    return "same" if _shared_person(a.perpetrators, b.perpetrators) else "different"


def _perpetrators_detail(a: Profile, b: Profile) -> str:
    shared = _shared_person(a.perpetrators, b.perpetrators)
    return f"{shared[0]} ~ {shared[1]}" if shared else ""


def _agencies(a: Profile, b: Profile) -> str | None:
    if not (a.agencies and b.agencies):
        return None
    return "same" if a.agencies & b.agencies else "different"


def _agencies_detail(a: Profile, b: Profile) -> str:
    if common := a.agencies & b.agencies:
        return ", ".join(sorted(common))
    return f"{', '.join(sorted(a.agencies))} vs {', '.join(sorted(b.agencies))}"


def _origin(a: Profile, b: Profile) -> str | None:
    if not (a.origin and b.origin):
        return None
    return "same" if a.origin == b.origin else "different"


def _dates(a: Profile, b: Profile) -> str | None:
    if not (a.date and b.date):
        return None
    x, y = a.date, b.date
    if x["start"] <= y["end"] and y["start"] <= x["end"]:
        px, py = x["precision"], y["precision"]
        if px == "day" and py == "day":
            return "same_day"
        return "same_month" if px in _FINE and py in _FINE else "same_year"
    # Disjoint ranges: the later one starts after the earlier one ends.
    earlier_end, later_start = (x["end"], y["start"]) if x["end"] < y["start"] else (y["end"], x["start"])
    return "year_apart" if int(later_start[:4]) - int(earlier_end[:4]) <= 1 else "far_apart"


def _dates_detail(a: Profile, b: Profile) -> str:
    assert a.date and b.date
    return f"{a.date['start'][:10]} ~ {b.date['start'][:10]}"


def _places(a: Profile, b: Profile) -> str | None:
    if not (a.country and b.country):
        return None
    if a.country != b.country:
        return "other_country"
    if a.place and b.place:
        return "same_place" if a.place.casefold() == b.place.casefold() else "other_place"
    return "same_country"


def _places_detail(a: Profile, b: Profile) -> str:
    if a.country != b.country:
        return f"{a.country} vs {b.country}"
    if a.place and b.place:
        return a.place if a.place.casefold() == b.place.casefold() else f"{a.place} vs {b.place}"
    return a.country or ""


def _tactics(a: Profile, b: Profile) -> str | None:
    if not (a.tactic and b.tactic):
        return None
    return "same" if a.tactic == b.tactic else "different"


def _wording(a: Profile, b: Profile) -> str | None:
    # A handful of words (a place name, a tactic) says nothing the other comparisons do not.
    if len(a.words) < _WORDING_MIN or len(b.words) < _WORDING_MIN:
        return None
    overlap = len(a.words & b.words) / len(a.words | b.words)
    if overlap >= 0.3:
        return "close"
    return "some" if overlap >= 0.12 else "little"


def _wording_detail(a: Profile, b: Profile) -> str:
    return ", ".join(sorted(a.words & b.words)[:6])


def _either(values: Callable[[Profile], str | None]) -> Callable[[Profile, Profile], str]:
    def detail(a: Profile, b: Profile) -> str:
        x, y = values(a), values(b)
        return f"{x}" if x == y else f"{x} vs {y}"

    return detail


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "victim",
        {"same": "same victim ({})", "name_word": "victims share a name ({})", "different": "different named victims"},
        _victims,
        _victims_detail,
    ),
    Comparison(
        "perpetrator",
        {"same": "same named perpetrator ({})", "different": "other named perpetrators"},
        _perpetrators,
        _perpetrators_detail,
    ),
    Comparison(
        "agency",
        {"same": "same perpetrating agency ({})", "different": "other agencies ({})"},
        _agencies,
        _agencies_detail,
    ),
    Comparison(
        "origin",
        {"same": "same origin state ({})", "different": "other origin states ({})"},
        _origin,
        _either(lambda p: p.origin),
    ),
    Comparison(
        "date",
        {
            "same_day": "same day ({})",
            "same_month": "dates agree to the month ({})",
            "same_year": "dates compatible at year precision ({})",
            "year_apart": "dates a year apart ({})",
            "far_apart": "dates years apart ({})",
        },
        _dates,
        _dates_detail,
    ),
    Comparison(
        "place",
        {
            "same_place": "same place ({})",
            "other_place": "other towns ({})",
            "same_country": "same country ({})",
            "other_country": "other countries ({})",
        },
        _places,
        _places_detail,
    ),
    Comparison(
        "tactic",
        {"same": "same tactic ({})", "different": "other tactics ({})"},
        _tactics,
        _either(lambda p: p.tactic),
    ),
    Comparison(
        "wording",
        {"close": "similar wording ({})", "some": "some words shared ({})", "little": "little wording in common"},
        _wording,
        _wording_detail,
    ),
)

FEATURES: list[str] = [feature for comparison in COMPARISONS for feature in comparison.features()]

_POSITION = {comparison.name: n for n, comparison in enumerate(COMPARISONS)}
IDENTIFYING: tuple[dict[str, frozenset[str]], ...] = (
    {"victim": frozenset({"same"})},
    {"perpetrator": frozenset({"same"})},
    {"date": frozenset({"same_day", "same_month"}), "place": frozenset({"same_place"})},
    {"wording": frozenset({"close"})},
)
"""Evidence that can make a match certain: any one of these combinations of levels."""
VETOES = {"victim": frozenset({"different"})}
"""Levels after which nothing identifies: both sides name victims and none is in common."""
_RULES = tuple(tuple((_POSITION[name], allowed) for name, allowed in rule.items()) for rule in IDENTIFYING)
_VETOES = tuple((_POSITION[name], barred) for name, barred in VETOES.items())


def identifies(found: list[str | None]) -> bool:
    """Whether a pair's levels (from `levels`) hold identifying evidence and no veto."""
    for n, barred in _VETOES:
        if found[n] in barred:
            return False
    for rule in _RULES:
        for n, allowed in rule:
            if found[n] not in allowed:
                break
        else:
            return True
    return False


def levels(a: Profile, b: Profile) -> list[str | None]:
    """Each comparison's level for a pair, in declaration order (None where it cannot be made)."""
    return [comparison.level(a, b) for comparison in COMPARISONS]


def compare(a: Profile, b: Profile) -> list[tuple[str, str]]:
    """The active features of a pair and the reason each gives: [(`victim=same`, `same victim (x ~ y)`)]."""
    active = []
    for comparison, level in zip(COMPARISONS, levels(a, b), strict=True):
        if level is not None:
            active.append((f"{comparison.name}={level}", comparison.levels[level].format(comparison.detail(a, b))))
    return active
