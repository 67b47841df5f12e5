"""State references and the words that blame them: states named by their apparatus, agencies, officials."""

from __future__ import annotations

from longarm.ingestion.extract.actors import find_actors
from longarm.ingestion.extract.attribution import body_name, find_state_refs, responsibility


def _refs(text: str) -> list[tuple[str, str]]:
    return [(r.country, r.surface) for r in find_state_refs(text, 0, find_actors(text), None)]


def test_a_state_named_by_its_demonym_and_apparatus_as_texts_capitalise_it() -> None:
    assert ("ER", "Eritrean embassy") in _refs("Staff of the Eritrean embassy followed the writer home.")
    assert ("VN", "Vietnamese security forces") in _refs("Vietnamese security forces held the blogger.")


def test_the_apparatus_named_is_the_one_blamed() -> None:
    text = "Police said Uzbek security services were behind the attack on the imam."
    refs = find_state_refs(text, 0, find_actors(text), None)
    assert [b.ref.country for b in responsibility(text, 0, refs)] == ["UZ"]


def test_any_state_named_by_its_apparatus_is_a_state_reference() -> None:
    assert ("CL", "Chilean intelligence agent") in _refs("A Chilean intelligence agent planted the device.")
    assert ("SS", "South Sudan") in _refs("The writer was held by agents of South Sudan in the capital.")


def test_a_bare_name_of_a_state_without_agencies_is_not_taken_for_an_origin() -> None:
    assert _refs("The writer moved to Chile in 1990.") == []


def test_an_unregistered_body_keeps_its_name() -> None:
    text = "Officers of Peru's Directorate of Intelligence followed him."
    refs = find_state_refs(text, 0, find_actors(text), None)
    assert [(r.country, body_name(r)) for r in refs] == [("PE", "Directorate of Intelligence")]


def test_an_origin_states_court_police_or_ministry_is_the_state() -> None:
    assert ("IR", "Iranian court") in _refs("An Iranian court sentenced the singer in absentia.")
    assert ("TR", "Turkish police") in _refs("Turkish police detained the teacher's brother.")


def test_a_hyphenated_secret_service_is_an_apparatus() -> None:
    assert ("BG", "Bulgarian secret-service") in _refs("Bulgarian secret-service files name the agent.")


def test_a_country_after_a_capitalised_opening_word_is_read() -> None:
    assert ("RU", "Russia") in _refs("In Russia the agents waited for him.")
