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
from datetime import date

from rapidfuzz.distance import JaroWinkler

from longarm.names.people import COMMON_NAME_TOKENS, same_person, similar_words
from longarm.review.profiles import Profile

_WORDING_MIN = 4
_FINE = ("day", "month")
_CLOSE_DAYS = 62
"""Disjoint dates this near are one act read twice (the day of an attack, the day the victim died)."""
_MONTHS_DAYS = 366
_SPELLING = 0.9
"""Jaro-Winkler similarity at which two distinctive name words are one name spelled two ways (Cansiz ~ Cans)."""
_SPELLED_MIN = 4
_JOINED_MIN = 8
"""A name run together shorter than this (`li na`, `wang wei`) is too common to tell one person."""
_KINDS = {
    "killing": "violence",
    "assault": "violence",
    "abduction": "removal",
    "detention": "removal",
    "deportation": "removal",
    "legal_harassment": "removal",
    "surveillance": "intimidation",
    "threat": "intimidation",
    "coercion_by_proxy": "intimidation",
    "digital_attack": "intimidation",
}
"""Tactics that reports (and the extractor) often tell apart differently: an attack the victim died of is a
killing in one article and an assault in another; a seizure, a detention and a handing over are one removal."""


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


def _one_name(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """One name written two ways: a given name spelled otherwise (`fathulah gulan` ~ `fatulah gulan`), or syllables
    split into words otherwise (`jiang ye fei` ~ `jiang yefei`)."""
    # Every word of the shorter spelled like one of the longer, and the same surname: relatives share only the latter.
    # The first or last word in common first: cheap, and it rules out nearly every pair this runs for.
    if x[-1] == y[-1] and x[-1] not in COMMON_NAME_TOKENS and min(len(x), len(y)) > 1:
        short, long_ = (x, y) if len(x) <= len(y) else (y, x)
        if all(any(similar_words(s, t) for t in long_) for s in short):
            return True
    if len(x) == len(y) or (x[0] != y[0] and x[-1] != y[-1]):
        return False
    joined = "".join(x)
    return len(joined) >= _JOINED_MIN and joined == "".join(y)


def _shared_person(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> tuple[str, str] | None:
    for x in a:
        for y in b:
            if same_person(x, y) or (x and y and _one_name(x, y)):
                return " ".join(x), " ".join(y)
    return None


def _spelled_alike(a: Profile, b: Profile) -> list[str]:
    """Victims' surnames of both sides that are one word, or one spelled two ways (`kansiz ~ kans`)."""
    x_names, y_names = a.surnames, b.surnames
    if common := x_names & y_names:
        return sorted(common)
    return [
        f"{x} ~ {y}"
        for x in sorted(x_names)
        for y in sorted(y_names)
        if x[0] == y[0] and min(len(x), len(y)) >= _SPELLED_MIN and JaroWinkler.similarity(x, y) >= _SPELLING
    ]


def _within(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> tuple[str, str] | None:
    """A name of one side whose words all stand in a name of the other (`Ahmad Jafar` in `Ahmad Jafar Mohammad Ali`).

    Too common to be the same person, yet not a different one.
    """
    # (The last word test first: it is cheap, and a name inside another has its last word there.)
    for x in a:
        for y in b:
            if x and y and ((x[-1] in y and set(x) <= set(y)) or (y[-1] in x and set(y) <= set(x))):
                return " ".join(x), " ".join(y)
    return None


def _victims(a: Profile, b: Profile) -> str | None:
    if not (a.victims and b.victims):
        return None
    if _shared_person(a.victims, b.victims):
        return "same"
    alike = _spelled_alike(a, b) or _within(a.victims, b.victims)
    return "name_word" if alike else "different"


def _victims_detail(a: Profile, b: Profile) -> str:
    if shared := _shared_person(a.victims, b.victims):
        return f"{shared[0]} ~ {shared[1]}"
    if alike := _spelled_alike(a, b):
        return ", ".join(alike)
    inside = _within(a.victims, b.victims)
    return f"{inside[0]} ~ {inside[1]}" if inside else ""


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
    years = int(later_start[:4]) - int(earlier_end[:4])
    if years <= 1 and x["precision"] in _FINE and y["precision"] in _FINE:  # a year-long range says nothing of weeks
        gap = (date.fromisoformat(later_start[:10]) - date.fromisoformat(earlier_end[:10])).days
        if gap <= _CLOSE_DAYS:
            return "close"
        if gap <= _MONTHS_DAYS:
            return "months_apart"
    return "year_apart" if years <= 1 else "far_apart"


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
    if a.tactic == b.tactic:
        return "same"
    kind = _KINDS.get(a.tactic)
    return "related" if kind and kind == _KINDS.get(b.tactic) else "different"


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
            "close": "dates weeks apart ({})",
            "months_apart": "dates months apart ({})",
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
        {"same": "same tactic ({})", "related": "related tactics ({})", "different": "other tactics ({})"},
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
Rule = dict[str, frozenset[str | None]]
_NEAR = frozenset({"same_day", "same_month", "close"})
_NOT_APART = frozenset({None, "same_day", "same_month", "same_year", "close"})
IDENTIFYING: tuple[Rule, ...] = (
    {"victim": frozenset({"same"})},
    {"perpetrator": frozenset({"same"})},
    # One surname, or one name spelled two ways (the extractor drops or garbles a given name), in one town or time.
    {"victim": frozenset({"name_word"}), "place": frozenset({"same_place"}), "date": _NOT_APART},
    {"victim": frozenset({"name_word"}), "date": _NEAR},
    # ... or by one tactic in one town a year apart at most: a report dated only by its year of publication.
    {
        "victim": frozenset({"name_word"}),
        "place": frozenset({"same_place"}),
        "tactic": frozenset({"same"}),
        "date": _NOT_APART | {"year_apart"},
    },
    {"date": _NEAR, "place": frozenset({"same_place"})},
    {"wording": frozenset({"close"})},
    # No victim named on one side (else a veto or a rule above): one town, one tactic, shared words, no years apart.
    {
        "place": frozenset({"same_place"}),
        "tactic": frozenset({"same"}),
        "wording": frozenset({"some"}),
        "date": _NOT_APART,
    },
)
"""Evidence that can make a match certain: any one of these combinations of levels (None: the value is missing)."""
VETOES: tuple[Rule, ...] = (
    {"victim": frozenset({"different"})},
    # The same exile targeted again: relatives arrested in June and again in February are two incidents.
    {"date": frozenset({"months_apart"})},
    # A namesake: the same name years apart in another country.
    {"date": frozenset({"far_apart"}), "place": frozenset({"other_country"})},
)
"""Combinations of levels after which nothing identifies (but `DESPITE_VETOES`)."""
DESPITE_VETOES: tuple[Rule, ...] = (
    # One act in one town within weeks, by one tactic of one state, told in shared words, whoever each report names:
    # a group seized together, each report naming others, or a researcher or an outlet read as the victim.
    {
        "place": frozenset({"same_place"}),
        "date": _NEAR,
        "tactic": frozenset({"same"}),
        "origin": frozenset({"same"}),
        "wording": frozenset({"some", "close"}),
    },
)
"""Evidence that identifies even when both sides name victims and none is in common."""


def _compiled(rules: tuple[Rule, ...]) -> tuple[tuple[tuple[int, frozenset[str | None]], ...], ...]:
    return tuple(tuple((_POSITION[name], allowed) for name, allowed in rule.items()) for rule in rules)


_RULES, _VETOES, _DESPITE = _compiled(IDENTIFYING), _compiled(VETOES), _compiled(DESPITE_VETOES)


def _any_holds(rules: tuple[tuple[tuple[int, frozenset[str | None]], ...], ...], found: list[str | None]) -> bool:
    # Plain loops: this runs for every compared pair, millions of times in a large batch.
    for rule in rules:
        for n, allowed in rule:
            if found[n] not in allowed:
                break
        else:
            return True
    return False


def identifies(found: list[str | None]) -> bool:
    """Whether a pair's levels (from `levels`) hold identifying evidence and no veto (or evidence above the vetoes)."""
    return _any_holds(_DESPITE, found) or (not _any_holds(_VETOES, found) and _any_holds(_RULES, found))


def names_one_victim(found: list[str | None]) -> bool:
    """Whether a pair's levels (from `levels`) say both sides name the same victim: what identifies an act told in
    passing, which says little else of it."""
    return found[_POSITION["victim"]] == "same"


def vetoed(found: list[str | None]) -> bool:
    """Whether a pair's levels hold a veto and no evidence above it: told as two acts, not merely as too little."""
    return _any_holds(_VETOES, found) and not _any_holds(_DESPITE, found)


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
