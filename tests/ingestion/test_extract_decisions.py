"""The learned decisions over the rules' proposals: names cleaned, acts told twice joined, non-reports dropped."""

from __future__ import annotations

import dataclasses
from typing import Any

from longarm.ingestion.extract import extract_text, without_repeats
from longarm.ingestion.extract.decisions import (
    DecisionModels,
    LinearModel,
    Proposal,
    clean_name,
    decide,
    pair_features,
    passed_over,
)
from longarm.ingestion.extract.kinds import KindModels, SoftmaxModel, classify_status


def _incident(tactic: str, victim: str | None, **values: Any) -> dict[str, Any]:
    return {
        "tactic": tactic,
        "status": "completed",
        "date": values.get("date"),
        "location": values.get("location"),
        "origin_state": values.get("origin_state"),
        "victims": [{"name": victim, "aliases": [], "affiliations": []}] if victim else [],
        "perpetrators": values.get("perpetrators", []),
        "outcomes": values.get("outcomes", []),
        "fatalities": None,
        "attribution": {"basis": "none"},
        "evidence": [],
        "confidence": 0.5,
    }


def _models(*, same_shared_victim: float, keep_intercept: float = 5.0, document: float = 0.0) -> DecisionModels:
    return DecisionModels(
        sentence=LinearModel({"w:shot": 4.0}, -2.0),
        keep=LinearModel({}, keep_intercept),
        same=LinearModel({"shared_victim": same_shared_victim}, -2.0),
        keep_threshold=0.5,
        same_threshold=0.5,
        document_threshold=document,
    )


SENTENCES = ["Exile shot in Lyon", "Karim Lodi was shot on Monday.", "Police opened an inquiry into the shooting."]


def test_two_proposals_of_one_act_become_one_incident_with_both_values() -> None:
    first = Proposal(_incident("killing", "Karim Lodi", location={"place": "Lyon", "country": "FR"}), (0, 1))
    second = Proposal(_incident("killing", "Lodi", date={"start": "2024-03-04", "end": "2024-03-04"}), (2,))
    decided = decide(_models(same_shared_victim=4.0), [first, second], SENTENCES)
    assert len(decided) == 1 and decided[0].sentences == (0, 1, 2)
    incident = decided[0].incident
    assert incident["location"]["place"] == "Lyon" and incident["date"]["start"] == "2024-03-04"
    assert [v["name"] for v in incident["victims"]] == ["Karim Lodi"]


def test_proposals_the_same_model_keeps_apart_stay_two_incidents() -> None:
    first = Proposal(_incident("killing", "Karim Lodi"), (1,))
    second = Proposal(_incident("killing", "Lodi"), (2,))
    assert len(decide(_models(same_shared_victim=-4.0), [first, second], SENTENCES)) == 2


def test_the_same_act_model_can_weigh_two_signs_together() -> None:
    # Joined only when a like tactic comes in the next sentence: a weight neither sign carries alone.
    models = dataclasses.replace(_models(same_shared_victim=0.0), same=LinearModel({"adjacent&same_tactic": 8.0}, -4.0))
    first = Proposal(_incident("killing", "Karim Lodi"), (0,))
    next_killing = Proposal(_incident("killing", "Lodi"), (1,))
    next_assault = Proposal(_incident("assault", "Lodi"), (1,))
    later_killing = Proposal(_incident("killing", "Lodi"), (2,))
    assert len(decide(models, [first, next_killing], SENTENCES)) == 1
    assert len(decide(models, [first, next_assault], SENTENCES)) == 2
    assert len(decide(models, [first, later_killing], SENTENCES)) == 2
    assert "distance&second_sentence" not in pair_features(first, later_killing, [0.9, 0.9, 0.9])


def test_proposals_naming_only_different_victims_at_other_times_or_places_stay_apart() -> None:
    sure = dataclasses.replace(_models(same_shared_victim=0.0), same=LinearModel({}, 5.0))
    march, june = ({"start": f"2019-{m}-02", "end": f"2019-{m}-02"} for m in ("03", "06"))
    france, spain = {"place": "Lyon", "country": "FR"}, {"place": "Madrid", "country": "ES"}
    first = Proposal(_incident("killing", "Karim Lodi", date=march, location=france), (1,))
    other_day = Proposal(_incident("killing", "Anna Berg", date=june), (2,))
    other_country = Proposal(_incident("killing", "Anna Berg", location=spain), (2,))
    beside = Proposal(_incident("killing", "Anna Berg", date=march, location=france), (2,))
    same_person = Proposal(_incident("killing", "Karim Lodi", date=june, location=spain), (2,))
    assert len(decide(sure, [first, other_day], SENTENCES)) == 2
    assert len(decide(sure, [first, other_country], SENTENCES)) == 2
    assert len(decide(sure, [first, beside], SENTENCES)) == 1  # two people struck in one act
    assert len(decide(sure, [first, same_person], SENTENCES)) == 1


def test_a_text_whose_sentences_report_no_act_gives_no_incident() -> None:
    proposal = Proposal(_incident("killing", "Karim Lodi"), (1,))
    quiet = ["Exiles met in Lyon", "They spoke about elections."]
    assert decide(_models(same_shared_victim=0.0, document=0.5), [proposal], quiet) == []


def test_the_document_model_can_hold_a_text_that_reads_like_a_report_as_none() -> None:
    proposal = Proposal(_incident("killing", "Karim Lodi"), (1,))
    models = _models(same_shared_victim=0.0)
    # the sentences read as a report, but the opening words say it is a story about a film
    story = dataclasses.replace(models, document=LinearModel({"d:film": -6.0}, 3.0), document_threshold=0.5)
    assert decide(story, [proposal], ["A film about an exile", *SENTENCES[1:]]) == []
    assert len(decide(story, [proposal], SENTENCES)) == 1


def test_the_rules_cues_are_features_of_a_proposal() -> None:
    proposal = Proposal(_incident("detention", "Karim Lodi"), (1,), cues=frozenset({"loose"}))
    models = dataclasses.replace(_models(same_shared_victim=0.0), keep=LinearModel({"cue:loose": -12.0}, 5.0))
    assert decide(models, [proposal], SENTENCES) == []
    assert len(decide(models, [dataclasses.replace(proposal, cues=frozenset())], SENTENCES)) == 1


def test_unlikely_proposals_are_dropped() -> None:
    proposal = Proposal(_incident("threat", "Karim Lodi"), (1,))
    assert decide(_models(same_shared_victim=0.0, keep_intercept=-5.0), [proposal], SENTENCES) == []


def test_headline_phrases_are_not_names_and_demonyms_are_not_first_names() -> None:
    common = frozenset({"popular", "performer", "found", "guilty"})
    assert clean_name("Popular Iranian Performer", common) is None
    assert clean_name("Bulgarians Found Guilty", common) is None
    assert clean_name("Indonesian Siti Aisyah", common) == "Siti Aisyah"
    assert clean_name("Kim Jong-nam", common) == "Kim Jong-nam"


def test_the_shipped_models_keep_a_plain_report_of_a_killing() -> None:
    text = (
        "Dissident shot dead in Vienna\n\n"
        "Exiled blogger Timur Beksultanov was shot dead in Vienna on Saturday, police said. "
        "Austrian prosecutors said they suspected a political motive."
    )
    incidents, _ = extract_text(text, published="2020-07-06")
    assert [(i["tactic"], i["location"]["place"]) for i in incidents] == [("killing", "Vienna")]
    assert incidents[0]["victims"][0]["name"] == "Timur Beksultanov"


def test_the_status_model_decides_a_proposal_status_and_leaves_its_tactic() -> None:
    status = SoftmaxModel(
        weights={"completed": {"rule_status=completed": 1.0}, "alleged": {"read_status=alleged": 3.0}},
        intercepts={"completed": 0.0, "alleged": 0.0},
    )
    tactic = SoftmaxModel(weights={"assault": {}}, intercepts={"assault": 0.0})
    models = KindModels(tactic=tactic, status=status)
    sentences = ["Critic reportedly killed in Oslo flat", "The exile was killed in his flat."]
    found = classify_status(models, _incident("killing", "Karim Lodi"), (0,), sentences)
    assert (found["tactic"], found["status"]) == ("killing", "alleged")
    told = classify_status(models, _incident("killing", "Karim Lodi"), (1,), sentences)
    assert told["status"] == "completed"


def test_an_incident_filled_like_an_earlier_one_is_that_one_told_again() -> None:
    lyon = {"place": "Lyon", "country": "FR"}
    first = _incident("killing", "Karim Lodi", location=lyon)
    again = _incident("killing", None, location=lyon)
    other_victim = _incident("killing", "Sami Adel", location=lyon)
    elsewhere = _incident("killing", "Karim Lodi", location={"place": "Nice", "country": "FR"})
    threat = _incident("threat", "Karim Lodi", location=lyon)
    kept = without_repeats([first, again, other_victim, elsewhere, threat])
    assert kept == [first, other_victim, elsewhere, threat]


def test_a_seizure_and_a_killing_of_one_victim_in_one_country_are_one_act() -> None:
    lyon = {"place": "Lyon", "country": "FR"}
    seized = _incident("abduction", "Karim Lodi", location=lyon)
    killed = _incident("killing", "Karim Lodi", location={"place": None, "country": "FR"})
    killed_abroad = _incident("killing", "Karim Lodi", location={"place": "Rome", "country": "IT"})
    threatened = _incident("threat", "Karim Lodi", location=lyon)
    assert without_repeats([seized, killed, threatened]) == [seized, threatened]
    assert without_repeats([seized, killed_abroad]) == [seized, killed_abroad]


def test_a_text_the_document_model_is_sure_of_keeps_its_likeliest_proposal_at_a_lower_bar() -> None:
    proposal = Proposal(_incident("abduction", "Karim Lodi"), (1,))
    # keep probability 0.35: under the first bar (0.4), over the bar of a text surely reporting an act (0.3)
    models = dataclasses.replace(
        _models(same_shared_victim=0.0, keep_intercept=-0.619),
        keep_threshold=0.6,
        first_threshold=0.4,
        sure_document=0.85,
        sure_first=0.3,
    )
    unsure = dataclasses.replace(models, document=LinearModel({}, 0.0))  # document probability 0.5
    assert decide(unsure, [proposal], SENTENCES) == []
    sure = dataclasses.replace(models, document=LinearModel({}, 3.0))  # 0.95
    assert len(decide(sure, [proposal], SENTENCES)) == 1


def test_acts_whose_victim_no_incident_names_are_told_in_passing_once_each() -> None:
    main = Proposal(_incident("killing", "Karim Lodi"), (0, 1))
    recalled = Proposal(_incident("abduction", "Ali Rezaei"), (2,))
    again = Proposal(_incident("abduction", "Rezaei"), (3,))  # the same act told again: one mention
    retold = Proposal(_incident("killing", "Lodi"), (2,))  # the output incident's own victim
    unnamed = Proposal(_incident("threat", None), (2,))  # nothing a passing mention could be linked by
    told = [(Proposal(main.incident, (0, 1), members=(0,)), _incident("killing", "Karim Lodi"))]
    assert passed_over([main, recalled, again, retold, unnamed], told) == [recalled]


def test_an_act_whose_incident_lost_its_victim_is_not_told_in_passing() -> None:
    # The slot model left the output incident without a name: it is still the act its leading proposal read; the
    # act folded into it (a member that does not lead) is told only in passing.
    main = Proposal(_incident("killing", "Karim Lodi"), (0, 1))
    recalled = Proposal(_incident("abduction", "Ali Rezaei"), (2,))
    told = [(Proposal(main.incident, (0, 1, 2), members=(0, 1)), _incident("killing", None))]
    assert passed_over([main, recalled], told) == [recalled]
    named_other = [(told[0][0], _incident("killing", "Omid Vafa"))]  # another name: perhaps another act
    assert passed_over([main, recalled], named_other) == [main, recalled]
