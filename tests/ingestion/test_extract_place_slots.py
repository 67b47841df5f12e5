"""What the place model sees of a place: the preposition before it, what it is the place of, whether it only
situates another place or a person's home."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import candidates
from longarm.ingestion.extract.dates import parse_published
from longarm.ingestion.extract.slots import Setting, features


def _seen(sentence: str, place: str) -> dict[str, float]:
    """The features of a place named in the act's sentence of a short invented text."""
    text = f"Exile attacked abroad\n\n{sentence}\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "place" and c.value["place"] == place]
    assert found, [c.value for c in candidates(proposed.reading) if c.kind == "place"]
    setting = Setting(text, (found[0].mentions[0][0],), {"tactic": "killing"}, None, parse_published("2021"), {})
    return features(found[0], "place", setting)


def test_the_preposition_and_the_act_of_a_place_are_features() -> None:
    seen = _seen("The dissident was shot dead in Lyon on Monday.", "Lyon")
    assert seen["prep=in"] == 1.0
    assert seen["place_before=act"] == 1.0


def test_a_trial_s_place_is_told_by_its_word() -> None:
    assert "place_before=court" in _seen("The plot was described to the jury in Leeds on Monday.", "Leeds")


def test_a_place_that_only_situates_another_is_a_reference() -> None:
    assert "reference" in _seen("He was shot in Uppsala, about 60 kilometres north of Stockholm.", "Stockholm")
    assert "reference" not in _seen("He was shot in Uppsala, about 60 kilometres north of Stockholm.", "Uppsala")
    assert "reference" in _seen("He was shot in a Lyon suburb on Monday.", "Lyon")


def test_a_person_s_home_town_is_marked() -> None:
    assert "home" in _seen("Dorin Kask, from Leeds, shot the dissident in Lyon.", "Leeds")


def test_the_nearest_telling_word_of_a_place_s_sentence_is_what_it_is_the_place_of() -> None:
    seen = _seen("He was hired for the murder of an exile, the prosecutor told the jury in Leeds.", "Leeds")
    assert seen["place_near=court"] == 1.0
    assert "place_step_sentence" not in seen  # the sentence also tells the act ("murder")
    assert _seen("The dissident was shot dead in Lyon on Monday.", "Lyon")["place_near=act"] == 1.0
