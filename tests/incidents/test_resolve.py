"""The rule that picks shown values from conflicting claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from longarm.incidents.resolve import compatible, resolve_field, resolve_items


@dataclass
class FakeClaim:
    id: int
    field: str
    value: Any
    source_kind: str | None = "news_report"
    preferred: bool = False
    item_key: str | None = None


YEAR_2012 = {"start": "2012-01-01", "end": "2012-12-31", "precision": "year"}
YEAR_2011 = {"start": "2011-01-01", "end": "2011-12-31", "precision": "year"}
DAY_2011 = {"start": "2011-10-11", "end": "2011-10-11", "precision": "day"}


def test_stronger_source_wins_and_the_conflict_stays_visible():
    resolution = resolve_field(
        "date",
        [
            FakeClaim(1, "date", YEAR_2012, "interested_party"),
            FakeClaim(2, "date", YEAR_2011, "court_record"),
        ],
    )
    assert resolution is not None
    assert resolution.value == YEAR_2011 and resolution.reason == "the stronger source"
    assert resolution.conflict and resolution.alternatives[0][0] == YEAR_2012


def test_finer_precision_wins_between_equal_sources_without_conflict():
    resolution = resolve_field("date", [FakeClaim(1, "date", YEAR_2011), FakeClaim(2, "date", DAY_2011)])
    assert resolution is not None
    assert resolution.value == DAY_2011 and resolution.reason == "the finer precision"
    assert not resolution.conflict  # a day inside the year is compatible with it


def test_reviewer_choice_beats_everything():
    resolution = resolve_field(
        "date",
        [
            FakeClaim(1, "date", YEAR_2012, "interested_party", preferred=True),
            FakeClaim(2, "date", DAY_2011, "court_record"),
        ],
    )
    assert resolution is not None and resolution.value == YEAR_2012
    assert resolution.reason == "the reviewer's choice"


def test_more_sources_agreeing_then_first_reported():
    claims = [
        FakeClaim(1, "tactic", "abduction"),
        FakeClaim(2, "tactic", "killing"),
        FakeClaim(3, "tactic", "killing"),
    ]
    resolution = resolve_field("tactic", claims)
    assert resolution is not None and resolution.value == "killing" and resolution.reason == "more sources agree"
    first = resolve_field("tactic", claims[:2])
    assert first is not None and first.value == "abduction" and first.reason == "first reported"


def test_places_in_other_countries_conflict():
    assert not compatible("location", {"place": "Almere", "country": "NL"}, {"place": "Paris", "country": "FR"})
    assert compatible("location", {"place": "Almere", "country": "NL"}, {"country": "NL"})


def test_list_items_are_kept_one_per_key():
    items = resolve_items(
        [
            FakeClaim(1, "victim", {"name": "A", "affiliations": []}, item_key="victim:a"),
            FakeClaim(2, "victim", {"name": "A", "affiliations": ["MEK"]}, "court_record", item_key="victim:a"),
            FakeClaim(3, "victim", {"name": "B", "affiliations": []}, item_key="victim:b"),
        ]
    )
    assert set(items) == {"victim:a", "victim:b"}
    assert items["victim:a"].value["affiliations"] == ["MEK"]


def test_one_town_at_slightly_different_coordinates_is_one_value_not_a_conflict():
    almere = {"place": "Almere", "country": "NL", "lat": 52.3508, "lon": 5.2647, "precision": "city"}
    nearby = {"place": "Almere", "country": "NL", "lat": 52.3712, "lon": 5.2221, "precision": "city"}
    resolution = resolve_field("location", [FakeClaim(1, "location", almere), FakeClaim(2, "location", nearby)])
    assert resolution is not None
    assert not resolution.conflict and resolution.alternatives == [] and len(resolution.supporting) == 2
    elsewhere = {"place": "Lelystad", "country": "NL", "lat": 52.52, "lon": 5.47, "precision": "city"}
    assert resolve_field("location", [FakeClaim(1, "location", almere), FakeClaim(2, "location", elsewhere)]).conflict
