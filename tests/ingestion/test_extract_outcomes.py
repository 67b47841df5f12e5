"""What followed an act, told apart from the act itself and from words that only look like outcomes."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.outcomes import find_outcomes, without_the_act


def _outcomes(text: str) -> dict[str, set[str]]:
    """Each proposed incident's tactic with its outcome types, those that tell the act itself left out."""
    found: dict[str, set[str]] = {}
    for proposal in propose(text, published="2023-05-12").proposals:
        incident = without_the_act(proposal.incident)
        found.setdefault(incident["tactic"], set()).update(o["type"] for o in incident["outcomes"])
    return found


def test_outcome_words_are_whole_words() -> None:
    assert [o.type for o in find_outcomes("The Freedom Alliance said so.")] == []
    assert [o.type for o in find_outcomes("Police are arresting two men.")] == ["arrest"]


def test_an_arrest_that_failed_to_happen_is_no_outcome() -> None:
    text = (
        "Exiled writer Ilya Dorin was shot dead in Vilnius in May 2021. "
        "Prosecutors failed to arrest anyone for the murder of Dorin."
    )
    assert "arrest" not in _outcomes(text)["killing"]


def test_an_extradition_and_arrest_are_the_deportation_itself() -> None:
    text = (
        "Dissident Omar Halabi was arrested in Belgrade and extradited to Bahrain in January 2022, "
        "despite an extradition ban ordered by the European court."
    )
    assert _outcomes(text)["deportation"] == set()


def test_a_killing_called_an_execution_is_not_an_execution_after_it() -> None:
    text = (
        "Critic Ruslan Tamayev was shot dead in Berlin in August 2019. "
        "Prosecutors said the murder of Tamayev was equivalent to an execution ordered by the state."
    )
    assert "execution" not in _outcomes(text)["killing"]


def test_relatives_searched_or_freed_at_home_are_the_pressure_itself() -> None:
    text = (
        "Security forces detained the brothers of exiled activist Samir Fawzi in Cairo in June 2020, "
        "a month after Fawzi spoke in Washington. Police searched their flat and they were freed a week later."
    )
    assert _outcomes(text).get("coercion_by_proxy", set()) == set()


def test_the_police_at_work_on_a_killing_is_an_investigation() -> None:
    assert {o.type for o in find_outcomes("Police said the exile was shot four times.")} == {"investigation"}
    assert {o.type for o in find_outcomes("An autopsy was carried out on Monday.")} == {"investigation"}
    assert {o.type for o in find_outcomes("Detectives are hunting two gunmen seen near the flat.")} == {"investigation"}


def test_a_suspect_remanded_in_custody_was_arrested() -> None:
    assert [o.type for o in find_outcomes("A Russian man was remanded in custody on Friday.")] == ["arrest"]
    assert [o.type for o in find_outcomes("Two men are held on suspicion of murder.")] == ["arrest"]


def test_the_evidence_of_an_outcome_left_out_goes_with_it() -> None:
    incident = {
        "tactic": "deportation",
        "outcomes": [{"type": "extradition", "date": None}, {"type": "charge", "date": None}],
        "evidence": [
            {"field": "tactic", "quote": "sent back", "start": 0, "end": 9},
            {"field": "outcomes", "quote": "extradition", "start": 20, "end": 31},
            {"field": "outcomes", "quote": "charged", "start": 40, "end": 47},
        ],
    }
    kept = without_the_act(incident)
    assert [o["type"] for o in kept["outcomes"]] == ["charge"]
    assert [e["quote"] for e in kept["evidence"]] == ["sent back", "charged"]


def test_outcomes_that_only_might_happen_are_none() -> None:
    text = (
        "Exiled critic Ilya Dorin was shot dead in Vilnius in May 2021. "
        "Dorin had moved abroad to avoid possible arrest at home. "
        "The killing of Dorin must be promptly investigated, a rights group said. "
        "Insulting the ruler is punishable by up to 15 years in prison. "
        "A conviction would embarrass the government. "
        "The judge sent a request for the extradition of the minister."
    )
    assert _outcomes(text)["killing"] == set()


def test_approval_and_a_hospital_release_are_no_outcomes() -> None:
    text = (
        "Exiled critic Ilya Dorin was shot dead in Vilnius in May 2021 by an officially sanctioned squad. "
        "His friend Marta Lind was treated for shock at a clinic and released. "
        "Police found that activists had encouraged sanctions against the regime."
    )
    assert _outcomes(text)["killing"] == set()


def test_an_accusation_is_no_charge() -> None:
    assert [o.type for o in find_outcomes("The agency has long been accused of abducting critics.")] == []
    assert [o.type for o in find_outcomes("Two men were charged with the murder.")] == ["charge"]


def test_a_list_after_failed_to_is_negated() -> None:
    text = (
        "Exiled writer Ilya Dorin was shot dead in Vilnius in May 2021. "
        "Prosecutors failed to identify, arrest or charge anybody for the murder of Dorin."
    )
    assert _outcomes(text)["killing"] == set()


def test_a_crackdowns_toll_is_no_outcome_of_the_act() -> None:
    text = (
        "Exiled critic Ilya Dorin was shot dead in Vilnius in May 2021. "
        "At home, a crackdown has seen thousands of his supporters jailed. "
        "The regime has been putting dozens on trial."
    )
    assert _outcomes(text)["killing"] == set()


def test_a_negation_ends_at_a_comma_but_for_the_next_word_of_a_list() -> None:
    text = (
        "Exiled writer Ilya Dorin was threatened in London in May 2021 by a visiting officer. "
        "The officer, who did not attend court, was convicted of harassing Dorin."
    )
    assert "conviction" in _outcomes(text)["threat"]
