"""Places: candidate names only, in a place context, with ISO country and coordinates."""

from __future__ import annotations

from longarm.ingestion.extract.places import find_places
from longarm.ingestion.extract.reading import read


def _names(text: str) -> list[tuple[str, str, bool]]:
    return [(m.place.name, m.place.country, m.near) for m in find_places(text)]


def test_town_after_a_preposition_has_country_and_coordinates() -> None:
    [mention] = find_places("The blogger was attacked in Lyon.")
    assert (mention.place.name, mention.place.country, mention.place.precision) == ("Lyon", "FR", "city")
    assert mention.place.lat is not None and mention.place.lon is not None


def test_shipped_aliases_give_the_common_english_name() -> None:
    assert _names("a flat in Den Haag") == [("The Hague", "NL", False)]
    assert _names("shot in Almere") == [("Almere", "NL", False)]


def test_paris_stays_paris() -> None:
    assert _names("a rally in Paris") == [("Paris", "FR", False)]


def test_near_a_town_is_marked() -> None:
    assert _names("a meeting outside Oslo") == [("Oslo", "NO", True)]


def test_town_inside_a_person_or_a_compound_is_not_a_place() -> None:
    assert _names("A Geneva-based lawyer met Paris Hilton") == []


def test_countries_are_found_anywhere() -> None:
    assert ("Rwanda", "RW", False) in _names("Rwanda denied it")


def test_a_name_in_a_list_of_people_is_not_a_place() -> None:
    assert _names("The accused are Tom Reed, Anna Kwok and Finn Lau.") == []
    assert _names("It also killed his wife, Sofia.") == []


def test_a_town_heading_an_institution_or_a_compound_is_not_a_place() -> None:
    assert _names("researchers at the University of Toronto said") == [("Toronto", "CA", False)]
    assert _names("found guilty at Kingston-upon-Thames Crown Court") == []


def test_a_town_and_its_country_in_apposition_are_both_places() -> None:
    assert _names("He was shot in Lyon, France.") == [("Lyon", "FR", False), ("France", "FR", False)]


def test_a_town_spelled_like_a_person_of_the_text_is_that_person() -> None:
    reading = read("Kim Dae-jung was seized at a hotel in Tokyo. The votes of Kim were ruled invalid.", None)
    assert [(reading.text[p.start : p.end], p.prep) for f in reading.facts for p in f.places] == [("Tokyo", "in")]


def test_a_small_town_of_a_country_the_text_never_names_is_a_namesake() -> None:
    chile = frozenset({"CL"})
    assert [m.place.name for m in find_places("seized in Independencia, a district", 0, chile)] == []
    assert [m.place.name for m in find_places("seized in Istanbul", 0, chile)] == ["Istanbul"]


def test_the_country_its_sentence_names_decides_a_shared_town_name() -> None:
    # the text also names a bigger namesake's country; the sentence says which one it means
    [mention] = find_places("She lived east of the Costa Rican capital of San Jose.", 0, frozenset({"CR", "US"}))
    assert (mention.place.name, mention.place.country) == ("San José", "CR")


def test_a_town_spelled_with_an_apostrophe_is_found() -> None:
    assert _names("He was held at Sana\u2019a airport") == [("Sanaa", "YE", False)]


def test_a_town_the_text_places_in_a_country_is_a_place_though_unknown() -> None:
    [mention] = find_places("A man shot the imam in the Norwegian town of Fjellvik last year.")
    assert (mention.place.name, mention.place.country, mention.place.lat) == ("Fjellvik", "NO", None)


def test_every_town_of_a_list_after_one_preposition_is_a_place() -> None:
    assert _names("Police arrested students in Cairo and Alexandria.") == [
        ("Cairo", "EG", False),
        ("Alexandria", "EG", False),
    ]
