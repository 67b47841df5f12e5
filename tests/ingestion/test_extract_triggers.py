"""Words that report acts, in general vocabularies: each pattern on a short invented sentence."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.decisions import document_features
from longarm.ingestion.extract.tactics import find_triggers


def _tactics(text: str) -> set[str | None]:
    return {t.tactic for t in find_triggers(text) if t.strong and not t.loose}


def test_a_killing_told_by_its_scene() -> None:
    assert "killing" in _tactics("The three women had all been shot at close range, investigators said.")
    assert "killing" in _tactics("The gunman shot the writer at point-blank range outside his door.")
    assert "killing" in _tactics("The body of the former banker, Omar Tesh, was found floating off the coast.")
    assert "killing" in _tactics("Two bodies found on the riverbank were those of missing exiles.")


def test_a_body_said_without_a_finding_is_no_killing() -> None:
    assert "killing" not in _tactics("The student body voted for a new council.")


def test_an_arrest_on_a_foreign_request_is_a_transnational_detention() -> None:
    assert "detention" in _tactics(
        "Activist Ilham Tursun was arrested in Tangier, Morocco, on the basis of an Interpol Red Notice."
    )
    assert "detention" in _tactics(
        "Police detained the poet on March 3 upon his return from Jordan based on a provisional arrest request "
        "from Cairo."
    )


def test_relatives_named_by_a_possessive_or_a_raid_are_coercion_by_proxy() -> None:
    assert "coercion_by_proxy" in _tactics("Security forces arrested the blogger's brothers in Riyadh.")
    assert "coercion_by_proxy" in _tactics("Police raided the homes of four members of the wider family of Sami Adel.")


def test_threats_in_other_words() -> None:
    assert "threat" in _tactics("He was convicted of stalking a former official in New Jersey.")
    assert "threat" in _tactics("The campaign used scare tactics to bully expatriates into going home.")
    assert "threat" in _tactics("She had been publicly warned by the consul in Geneva.")


def test_a_proposal_near_words_of_exile_carries_the_cue() -> None:
    exiled = propose("Exiled blogger Rami Sadek was stabbed in Lille in May 2021.").proposals
    assert exiled and "exile" in exiled[0].cues
    local = propose("Shopkeeper Rami Sadek was stabbed in Lille in May 2021.").proposals
    assert local and "exile" not in local[0].cues


def test_the_only_act_a_text_holds_carries_the_cue() -> None:
    single = propose("Exiled blogger Rami Sadek was stabbed in Lille in May 2021.").proposals
    assert [p.cues >= {"alone"} for p in single] == [True]
    text = "Exiled blogger Rami Sadek was stabbed in Lille in May 2021. In 2019 his brother Omar was abducted in Oslo."
    assert len(propose(text).proposals) == 2
    assert not any("alone" in p.cues for p in propose(text).proposals)


def test_the_document_features_count_sentences_of_exile() -> None:
    features = document_features(["Dissident attacked", "The exile fled in 2019.", "Police said."], [0.9, 0.2, 0.1])
    assert features["exile_sentences"] == 2 / 3 and features["no_exile"] == 0.0
    assert document_features(["A shop was robbed."], [0.4])["no_exile"] == 1.0


def test_one_persons_act_told_again_with_another_town_stays_one_proposal() -> None:
    text = (
        "Exiled blogger Rami Sadek was shot dead in Lille in May 2021, police said. "
        "The murder of Rami Sadek in Roubaix shocked exiles across France."
    )
    killings = [p for p in propose(text, published="2021-06-01").proposals if p.incident["tactic"] == "killing"]
    assert len(killings) == 1
