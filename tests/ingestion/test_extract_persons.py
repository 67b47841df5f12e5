"""People's names from capitalised runs: beside dates and places, after ranks and plural demonyms."""

from __future__ import annotations

from longarm.ingestion.extract.dates import find_dates
from longarm.ingestion.extract.persons import find_people, group_people
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


def test_a_title_case_headline_run_into_the_text_gives_no_name_the_text_does_not_confirm() -> None:
    # an act's word capitalised right after a run marks a headline even where the line runs on into the text
    text = "Rebel Envoy Slain In Oslo - An exiled envoy was shot dead on Monday, police said."
    assert group_people(find_people(text, 0, [])) == []
    told = "Exiled Envoy Tomas Berg Slain - Tomas Berg, an exiled envoy, was shot dead on Monday."
    assert [p.name for p in group_people(find_people(told, 0, []))] == ["Tomas Berg"]
    # an act's word opening a sentence is prose's own capital
    assert _names("Slain envoy Tomas Berg was buried on Monday.") == ["Tomas Berg"]


def test_a_name_never_runs_over_a_line_s_end() -> None:
    assert "Marek Dolny" in _names("Envoy Killed by Car Bomb\n\nMarek Dolny, a former envoy, died.")


def test_a_nickname_in_quotes_is_read_with_the_name_and_left_out_of_it() -> None:
    assert _names("He was Ivan \u201cVanya\u201d Petrov, a 40-year-old exile.") == ["Ivan Petrov"]


def test_a_given_name_that_is_also_a_city_s_opens_a_name() -> None:
    assert _names("The bomb killed Orlando Vidal and his driver.") == ["Orlando Vidal"]
    assert _names("The bomb also killed his wife, Sofia.") == ["Sofia"]
    assert _names("He flew to Sofia on Monday.") == []


def test_organisations_are_not_people() -> None:
    assert _names("The rights group Open Voice Defenders said so.") == []
    assert _names("His group, Highland People Stand for Justice, was banned.") == []
    assert _names("The non-profit organization Safe Harbour Watchers said so.") == []


def test_place_adjectives_possessives_and_adverbs_end_or_open_no_name() -> None:
    assert _names("The Riga-based Latvian activist Ivo Marr spoke.") == ["Ivo Marr"]
    assert _names("Many backed Dorin Kask\u2019s National Unity Party.") == ["Dorin Kask"]
    assert _names("Reportedly Kask was no ordinary agent.") == ["Kask"]


def test_headline_words_are_a_name_only_where_the_text_gives_them_as_one() -> None:
    text = "Latvia Hands Ivo Marr Over To Minsk\nThe activist Ivo Marr was deported on Monday.\n"
    people = group_people(find_people(text, 0, []))
    assert [p.name for p in people if p.names] == ["Ivo Marr"]
    first = people[0].mentions[0]
    assert text[first.start : first.end] == "Ivo Marr"
    assert group_people(find_people("Did Minsk Hire A Friend To Kill Him?\nNo one knows.\n", 0, [])) == []


def test_a_run_opened_by_another_language_s_article_names_a_paper_or_a_body() -> None:
    assert _names("A letter quoted by La Gazzetta was read out.") == []
    assert _names("Ana Le Roux was named.") == ["Ana Le Roux"]


def test_bodies_places_and_peoples_named_like_people_are_not_people() -> None:
    assert _names("He was a leader of the Blue Scarf movement.") == []
    assert _names("The plane belonged to Blue Sky, a private Emirati airline.") == []
    assert _names("Costa Rican authorities said so.") == []
    assert _names("She vanished near Lake Ontario on Sunday.") == []
    assert _names("Ivo Marr, a member of the party, spoke.") == ["Ivo Marr"]


def test_regions_islands_studios_and_regional_peoples_are_not_people() -> None:
    assert _names("Ana Lim met exiles from Southeast Asian states.") == ["Ana Lim"]
    assert _names("He was driven to Pine Island and then to Oak Valley.") == []
    assert _names("The hackers broke into Star Pictures and Moon Studios.") == []
    assert _names("Latin American exiles were watched.") == []
