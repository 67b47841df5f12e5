"""How the perpetrators the models chose are given: a state by its agency or its body as the text names it."""

from __future__ import annotations

from typing import Any

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import Candidate, candidates
from longarm.ingestion.extract.dates import parse_published
from longarm.ingestion.extract.decisions import LinearModel
from longarm.ingestion.extract.slots import MORE, ROLES, Setting, SlotModels, fill


def _found(sentence: str) -> tuple[str, list[Candidate]]:
    text = f"Exile attacked abroad\n\n{sentence}\n"
    return text, candidates(propose(text, published="2021-06-04").reading)


def _models(**sure: dict[str, float]) -> SlotModels:
    """Models that are sure of nothing but the features named for a role."""
    return SlotModels(
        models={role: LinearModel(weights=sure.get(role, {}), intercept=-5.0) for role in ROLES},
        thresholds={role: 0.5 for role in ROLES + MORE},
    )


def _filled(sentence: str, models: SlotModels, host: str = "DE") -> dict[str, Any]:
    text, found = _found(sentence)
    incident = {"tactic": "assault", "location": {"country": host}, "victims": [], "perpetrators": [], "evidence": []}
    sentences = tuple(sorted({m[0] for c in found for m in c.mentions}))
    return fill(models, found, Setting(text, sentences, incident, None, parse_published("2021"), {}))


def test_a_state_gives_way_to_its_agency_named_beside_the_act() -> None:
    incident = _filled(
        "Agents of the Iranian Ministry of Intelligence beat the exile in Berlin, Iran said nothing.",
        _models(perpetrator={"kind=state": 10.0, "kind=actor": 10.0}),
    )
    assert [p["id"] for p in incident["perpetrators"]] == ["IR.MOIS"]


def test_a_state_keeps_its_place_when_its_agency_is_no_likely_doer() -> None:
    incident = _filled(
        "Iran had the exile beaten in Berlin. Iran's Ministry of Intelligence opened a new office in Tehran.",
        _models(perpetrator={"kind=state": 10.0}),
    )
    assert [p["id"] for p in incident["perpetrators"]] == ["IR.GOV"]


def test_a_state_perpetrator_is_named_as_the_text_names_its_body_beside_the_act() -> None:
    incident = _filled(
        "The exile was beaten in Berlin by a Syrian secret service.", _models(perpetrator={"kind=state": 10.0})
    )
    assert [(p["id"], p["name"]) for p in incident["perpetrators"]] == [("SY.GOV", "Syrian secret service")]


def test_a_state_body_the_registry_knows_by_that_name_is_given_as_its_agency() -> None:
    incident = _filled(
        "The exile was beaten in Berlin by Iranian intelligence.", _models(perpetrator={"kind=state": 10.0})
    )
    assert [(p["id"], p["name"]) for p in incident["perpetrators"]] == [("IR.MOIS", "Iranian intelligence")]


def test_a_movement_the_states_pursue_is_never_a_perpetrator() -> None:
    incident = _filled(
        "The exile was beaten in Berlin, the National Council of Resistance of Iran said.",
        _models(perpetrator={"kind=actor": 10.0}),
    )
    assert incident["perpetrators"] == []


def test_an_agency_perpetrator_is_named_as_the_text_names_it_beside_the_act() -> None:
    incident = _filled(
        "The exile was beaten in Berlin by two men of the Rapid Action Battalion's special unit.",
        _models(perpetrator={"kind=actor": 10.0}),
    )
    assert [(p["id"], p["name"]) for p in incident["perpetrators"]] == [("BD.RAB", "Rapid Action Battalion")]
    incident = _filled(
        "The exile was beaten in Berlin by agents of Bangladesh's Rapid Action Battalion.",
        _models(perpetrator={"kind=actor": 10.0}),
    )
    assert [p["name"] for p in incident["perpetrators"]] == ["Rapid Action Battalion"]


def test_the_accused_model_reads_how_the_whole_text_tells_a_person() -> None:
    incident = _filled(
        "Karl Brenner ordered the beating, prosecutors said. The exile was beaten in Berlin.",
        _models(accused={"ap:did": 10.0}),
    )
    assert [p["name"] for p in incident["perpetrators"]] == ["Karl Brenner"]


def _origin(sentence: str, feature: str) -> str | None:
    """The origin a model sure only of one `state_profile` feature chooses."""
    return _filled(sentence, _models(origin={feature: 10.0}), host="TH")["origin_state"]


def test_the_origin_model_reads_the_state_a_deportation_sends_its_victim_to() -> None:
    assert _origin("Thailand deported the two activists to Vietnam, rights groups said.", "sn:sent_to") == "VN"


def test_the_origin_model_reads_the_state_that_requested_the_act() -> None:
    assert _origin("Thai police held the exile at the request of Beijing, his lawyer said.", "sn:requested") == "CN"
    assert _origin("Thai police held the exile on Vietnam's extradition request.", "sn:requested") == "VN"


def test_the_origin_model_reads_a_denial_and_the_state_a_victim_criticised() -> None:
    assert _origin("The exile was shot in Bangkok. Cambodia has denied any role.", "su:denied") == "KH"
    assert _origin("The exile, a critic of Beijing, was shot in Bangkok.", "su:opposed") == "CN"


def test_the_origin_model_reads_the_state_the_text_blames() -> None:
    assert _origin("The exile was shot in Berlin. His friends say Iran was behind the killing.", "sn:blamed") == "IR"


def test_people_listed_beside_a_chosen_accused_share_the_role() -> None:
    incident = _filled(
        "Karl Brenner, 45, Otto Weiss and Hans Vogel were convicted of beating the exile in Berlin. "
        "His lawyer Max Adler said nothing.",
        _models(accused={"L:abroad": 10.0}),
    )
    assert [p["name"] for p in incident["perpetrators"]] == ["Karl Brenner", "Otto Weiss", "Hans Vogel"]
