"""What the victim and perpetrator models see of a name: how it stands to the act's words in its sentence."""

from __future__ import annotations

import pytest

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import candidates
from longarm.ingestion.extract.dates import parse_published
from longarm.ingestion.extract.decisions import LinearModel
from longarm.ingestion.extract.slots import MORE, ROLES, Setting, SlotModels, features, fill


def _seen(sentence: str, name: str) -> set[str]:
    """The grammar cues of a person named in the act's sentence of a short invented text."""
    text = f"Exile attacked abroad\n\n{sentence}\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "person" and c.value["name"] == name]
    assert found, [c.value for c in candidates(proposed.reading) if c.kind == "person"]
    setting = Setting(text, (found[0].mentions[0][0],), {"tactic": "killing"}, None, parse_published("2021"), {})
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


@pytest.mark.parametrize(
    ("sentence", "name", "cue"),
    [
        ("Dorin Kask, the group's regional director, said the attack was a warning.", "Dorin Kask", "speaker"),
        ("Dorin Kask, the group's regional director, said the attack was a warning.", "Dorin Kask", "appos_office"),
        ("The attack was planned, Dorin Kask earlier told reporters in Riga.", "Dorin Kask", "speaker"),
        ("The country's ambassador to Latvia, Dorin Kask, condemned the attack.", "Dorin Kask", "title_office"),
        ("The exile's wife, Vera Kask, found him wounded after the attack.", "Vera Kask", "title_kin"),
    ],
)
def test_a_clause_set_off_by_commas_beside_a_name_is_read(sentence: str, name: str, cue: str) -> None:
    assert cue in _seen(sentence, name)


def test_a_name_after_a_preposition_does_not_take_the_verb() -> None:
    seen = _seen("A critic of President Dorin Kask was shot dead in Riga.", "Dorin Kask")
    assert "subject_suffered" not in seen
    assert "title_office" in seen


def test_a_name_in_a_list_takes_the_list_s_verb_and_is_no_speaker() -> None:
    seen = _seen("Police said Dorin Kask, Ivo Marr and Olev Tamm were charged with the attack.", "Dorin Kask")
    assert "subject_charged" in seen
    assert "speaker" not in seen


def _profile(text: str, name: str, tactic: str = "killing") -> set[str]:
    """The victim-profile cues of a person over the whole of a short invented text."""
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "person" and c.value["name"] == name]
    assert found, [c.value for c in candidates(proposed.reading) if c.kind == "person"]
    setting = Setting(text, (0,), {"tactic": tactic}, None, parse_published("2021"), {})
    return {cue[3:] for cue in features(found[0], "victim", setting) if cue.startswith("vp:")}


@pytest.mark.parametrize(
    ("text", "name", "tactic", "cue"),
    [
        (
            "Exile shot in Riga\n\nThe attack was a warning, Dorin Kask said on Monday.\n",
            "Dorin Kask",
            "killing",
            "only_speaks",
        ),
        (
            "Exile shot in Riga\n\nDorin Kask's aide was shot outside his flat.\n",
            "Dorin Kask",
            "killing",
            "owner_of_person",
        ),
        ("Exile shot in Riga\n\nThe blogger, a critic of Dorin Kask, was shot.\n", "Dorin Kask", "killing", "opposed"),
        (
            "Exile held in Riga\n\nDorin Kask was arrested at the airport in Riga.\n",
            "Dorin Kask",
            "detention",
            "charged|legal",
        ),
        (
            "Exile shot in Riga\n\nDorin Kask was arrested for the shooting in Riga.\n",
            "Dorin Kask",
            "killing",
            "charged|other",
        ),
        ("Exile shot in Riga\n\nGunmen shot dissident Dorin Kask in Riga.\n", "Dorin Kask", "killing", "victim_noun"),
    ],
)
def test_how_a_person_stands_to_the_acts_over_the_text_is_a_victim_feature(
    text: str, name: str, tactic: str, cue: str
) -> None:
    assert cue in _profile(text, name, tactic)


def test_a_victim_is_not_one_who_never_suffers() -> None:
    seen = _profile("Exile shot in Riga\n\nGunmen shot Dorin Kask in Riga on Monday.\n", "Dorin Kask")
    assert "suffered" in seen
    assert "never_suffered" not in seen


def test_one_likelier_the_act_s_doer_than_its_victim_is_no_victim() -> None:
    text = "Exile shot in Riga\n\nArman Vesely was shot dead in Riga. Dorin Kask was arrested for the shooting.\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "person"]
    unsure = LinearModel({}, -5.0)
    models = SlotModels(
        {
            **dict.fromkeys(ROLES, unsure),
            "victim": LinearModel({}, 0.5),  # every person a likely victim
            "accused": LinearModel({"g:subject_charged": 8.0}, -2.0),  # the one arrested far likelier its doer
        },
        {**dict.fromkeys(ROLES, 0.5), **dict.fromkeys(MORE, 0.5)},
    )
    setting = Setting(text, (1, 2), {"tactic": "killing", "victims": []}, None, parse_published("2021"), {})
    incident = fill(models, found, setting)
    assert [v["name"] for v in incident["victims"]] == ["Arman Vesely"]
    assert [p["name"] for p in incident["perpetrators"]] == ["Dorin Kask"]


def test_another_victim_must_be_about_as_likely_as_the_first() -> None:
    text = "Exile shot in Riga\n\nArman Vesely and Ilze Berga were shot dead in Riga. President Janis Ozols spoke.\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "person"]
    unsure = LinearModel({}, -5.0)
    # the first two names near-sure (0.95), the president beside them past the low bar for more (0.3) but far less
    victim = LinearModel({"vp:office": -3.8}, 3.0)
    models = SlotModels(
        {**dict.fromkeys(ROLES, unsure), "victim": victim},
        {**dict.fromkeys(ROLES, 0.5), **dict.fromkeys(MORE, 0.2)},
    )
    setting = Setting(text, (1, 2), {"tactic": "killing", "victims": []}, None, parse_published("2021"), {})
    assert [v["name"] for v in fill(models, found, setting)["victims"]] == ["Arman Vesely", "Ilze Berga"]


def test_a_person_the_rules_did_not_find_the_victim_is_told_apart() -> None:
    text = "Exile shot in Riga\n\nGunmen shot Arman Vesely in Riga, Dorin Kask said.\n"
    proposed = propose(text, published="2021-06-04")
    kask = next(c for c in candidates(proposed.reading) if c.kind == "person" and c.value["name"] == "Dorin Kask")
    incident = {"tactic": "killing", "victims": [{"name": "Arman Vesely"}]}
    assert "vp:rules_named_another" in features(
        kask, "victim", Setting(text, (1,), incident, None, parse_published("2021"), {})
    )


def test_every_name_of_a_list_an_act_was_done_to_suffered_it() -> None:
    text = "Exile shot in Riga\n\nHe was charged with the murders of Arman Vesely, Ivo Marr and Olev Tamm in Riga.\n"
    assert "suffered" in _profile(text, "Olev Tamm")


def test_a_name_of_a_list_is_marked_listed() -> None:
    text = "Exiles wanted abroad\n\nPolice named the activists Arman Vesely, Ivo Marr and Olev Tamm as wanted.\n"
    assert "listed" in _profile(text, "Ivo Marr")
    assert "listed" not in _profile("Exile shot in Riga\n\nGunmen shot Dorin Kask in Riga.\n", "Dorin Kask")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Exile targeted in Riga\n\nThe likely target was Dorin Kask, who fled in 2015.\n", "victim_noun"),
        ("Exile shot in Riga\n\nDorin Kask, a Latvian citizen, was found dead in a park.\n", "suffered"),
        ("Exile seized in Riga\n\nDorin Kask was taken from his flat by four men.\n", "suffered"),
        ("Exile's wife seized in Riga\n\nPolice had taken his wife Dorin Kask from a house.\n", "suffered"),
    ],
)
def test_a_victim_named_as_the_target_or_told_taken_or_found_suffered(text: str, cue: str) -> None:
    assert cue in _profile(text, "Dorin Kask")


def test_one_found_guilty_or_told_of_an_act_did_not_suffer_it() -> None:
    seen = _profile("Exile shot in Riga\n\nDorin Kask was found guilty of the shooting in Riga.\n", "Dorin Kask")
    assert "suffered" not in seen
    seen = _profile("Exile shot in Riga\n\nThe men who shot him told Dorin Kask nothing.\n", "Dorin Kask")
    assert "suffered" not in seen


@pytest.mark.parametrize("status", ["alleged", "completed"])
def test_a_state_s_features_carry_the_act_s_status(status: str) -> None:
    text = "Exile shot in Riga\n\nArman Vesely, a critic of Belarus, was shot dead in Riga.\n"
    proposed = propose(text, published="2021-06-04")
    state = next(c for c in candidates(proposed.reading) if c.kind == "state")
    setting = Setting(text, (1,), {"tactic": "killing", "status": status}, "BY", parse_published("2021"), {})
    assert features(state, "perpetrator", setting)[f"status={status}"] == 1.0
