"""People's names from capitalised runs: beside dates and places, after ranks and plural demonyms."""

from __future__ import annotations

from longarm.ingestion.extract.dates import find_dates
from longarm.ingestion.extract.persons import find_people
from longarm.ingestion.extract.places import find_places


def _names(text: str) -> list[str]:
    blocked = [(d.start, d.end) for d in find_dates(text, 0, None, None)]
    blocked += [(p.start, p.end) for p in find_places(text, 0, frozenset())]
    return [m.surface for m in find_people(text, 0, blocked)]


def test_a_name_right_after_a_date_is_read() -> None:
    assert "Arman Tulegenov" in _names("On Saturday Arman Tulegenov was charged with the attack.")


def test_a_name_right_after_a_place_is_read() -> None:
    assert "Ivo Marek" in _names("The court in Prague Ivo Marek had fled was told of the plot.")


def test_ranks_and_plural_demonyms_are_not_part_of_a_name() -> None:
    assert _names("Brigadier Anil Perera was convicted.") == ["Anil Perera"]
    assert _names("Croats Ivan Horvat and Luka Babic were accused.") == ["Ivan Horvat", "Luka Babic"]


def test_act_words_of_a_headline_are_not_part_of_a_name() -> None:
    assert _names("Plot to Kill Tomas Berg Foiled") == ["Tomas Berg"]
