"""What the victim and perpetrator models see of a name: how it stands to the act's words in its sentence."""

from __future__ import annotations

import pytest

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import candidates
from longarm.ingestion.extract.slots import Setting, features


def _seen(sentence: str, name: str) -> set[str]:
    """The grammar cues of a person named in the act's sentence of a short invented text."""
    text = f"Exile attacked abroad\n\n{sentence}\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "person" and c.value["name"] == name]
    assert found, [c.value for c in candidates(proposed.reading) if c.kind == "person"]
    setting = Setting(text, (found[0].mentions[0][0],), {"tactic": "killing"}, None, 2021, {})
    return {cue[2:] for cue in features(found[0], "victim", setting) if cue.startswith("g:")}


@pytest.mark.parametrize(
    ("sentence", "name", "cue"),
    [
        ("Masked gunmen killed Arman Vesely outside his flat on Monday.", "Arman Vesely", "object_of_act"),
        ("The murder of Arman Vesely shocked the exiles in Riga.", "Arman Vesely", "object_of_act"),
        ("Arman Vesely was stabbed near his home in Riga.", "Arman Vesely", "subject_suffered"),
        ("Arman Vesely's killers fled to the border within hours.", "Arman Vesely", "owner_of_agents"),
        ("The exile was shot by Dorin Kask in Riga last year.", "Dorin Kask", "by_act"),
        ("Dorin Kask ordered the attack on the exile in Riga.", "Dorin Kask", "subject_did"),
        ("Dorin Kask, Ivo Marr and Olev Tamm were sentenced for the attack.", "Dorin Kask", "subject_charged"),
        ("A jury convicted Dorin Kask of the attack on the exile.", "Dorin Kask", "blamed"),
        ("The attack was a warning, Dorin Kask said in Riga.", "Dorin Kask", "speaker"),
        ("President Dorin Kask condemned the attack on the exile.", "Dorin Kask", "title_office"),
        ("Dorin Kask, a spokesman for the police, confirmed the attack.", "Dorin Kask", "appos_office"),
        ("Dorin Kask, his brother, found the exile wounded after the attack.", "Dorin Kask", "appos_kin"),
    ],
)
def test_a_name_s_relation_to_the_act_is_a_feature(sentence: str, name: str, cue: str) -> None:
    assert cue in _seen(sentence, name)


def test_a_name_in_a_list_takes_the_list_s_verb_and_is_no_speaker() -> None:
    seen = _seen("Police said Dorin Kask, Ivo Marr and Olev Tamm were charged with the attack.", "Dorin Kask")
    assert "subject_charged" in seen
    assert "speaker" not in seen
