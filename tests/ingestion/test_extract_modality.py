"""How far an act went and how sure the text is of it: plots, attempts, survivals and hedges; the dead counted."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.estimates import dead_count
from longarm.ingestion.extract.kinds import status_features
from longarm.ingestion.extract.modality import modality_cues, read_status
from longarm.ingestion.extract.output import dead_of


def _read(tactic: str, rule: str, *sentences: str) -> str | None:
    return read_status(tactic, rule, modality_cues(tuple(range(len(sentences))), list(sentences)))


def test_a_plot_to_kill_nobody_died_of_is_foiled() -> None:
    assert (
        _read("killing", "completed", "A man was convicted of plotting to kill an exiled writer in Oslo.") == "foiled"
    )


def test_a_conviction_does_not_make_a_plot_a_killing() -> None:
    # "convicted" proves the plot; only a death would make it a completed act
    assert _read("killing", "completed", "The would-be hitman was found guilty last week.") == "foiled"


def test_a_killing_the_victim_survived_is_an_attempt() -> None:
    assert _read("killing", "foiled", "The blogger survived the attack planned by two men.") == "attempted"
    assert _read("killing", "completed", "The defector remains critically ill after he was poisoned.") == "attempted"
    assert _read("killing", "completed", "Police charged two men with attempted murder of the exile.") == "attempted"


def test_an_earlier_attempt_on_the_victim_is_not_this_act() -> None:
    sentences = ("The dissident was shot dead in Maputo.", "He survived a previous assassination attempt.")
    assert _read("killing", "completed", *sentences) == "completed"


def test_a_hedged_act_is_alleged() -> None:
    assert _read("abduction", "completed", "The activist is believed to have been abducted last week.") == "alleged"
    assert _read("killing", "completed", "A pilot has reportedly been shot dead in Spain.") == "alleged"
    assert _read("abduction", "completed", "Exiled prince alleges kidnap", "He was taken to a plane.") == "alleged"


def test_a_suspect_of_murder_leaves_the_murder_completed() -> None:
    assert _read("killing", "completed", "A man suspected of murdering the critic left the country.") == "completed"


def test_status_features_weigh_the_reading_beside_the_rules() -> None:
    incident = {"tactic": "killing", "status": "completed"}
    features = status_features(incident, (0,), ["Spies plotted to kill an exiled journalist in Vienna."])
    assert features == {"rule_status=completed": 1.0, "read_status=foiled": 1.0}


def test_the_dead_a_sentence_counts() -> None:
    assert dead_count("The three men were found dead in a flat on Friday.") == 3
    assert dead_count("Two people were killed in the blast.") == 2
    assert dead_count("A gunman is suspected of killing four activists in Lyon.") == 4
    assert dead_count("The leader and two other members were killed.") == 3
    assert dead_count("Police found two bodies near the river.") == 2
    assert dead_count("The corpses of all four men were found in a car.") == 4


def test_years_days_and_tolls_of_other_acts_are_not_counts() -> None:
    assert dead_count("He was killed 3 years ago.") is None
    assert dead_count("The critic was attacked on 29 September and died.") is None
    assert dead_count("The bombing left more than 70 dead.") is None
    assert dead_count("One of them was killed.") is None


def test_the_dead_of_a_killing_follow_its_status_and_the_rules_count() -> None:
    assert dead_of("killing", "completed", 3) == 3
    assert dead_of("killing", "alleged", 1) == 1
    assert dead_of("killing", "completed", None) == 1  # a killing no count is given for killed its target
    assert dead_of("killing", "attempted", 1) is None
    assert dead_of("killing", "foiled", 1) is None
    assert dead_of("abduction", "completed", 1) is None


def test_a_plot_told_beside_the_death_was_carried_out() -> None:
    sentences = ("The plot to kill the writer", "The writer was shot dead in his garage in 1984.")
    assert _read("killing", "foiled", *sentences) == "completed"


def test_a_conspiracy_with_others_to_murder_is_a_plot() -> None:
    sentence = "A man was charged with conspiring with unknown others to murder the blogger."
    assert _read("killing", "completed", sentence) == "foiled"


def test_a_hedge_on_a_death_leaves_another_act_as_told() -> None:
    sentences = ("The aide was attacked with a hammer outside his home.", "He was treated after suspected poisoning.")
    assert _read("assault", "completed", *sentences) == "completed"
    assert _read("killing", "completed", "The critic was most likely murdered in Juba.") == "alleged"


def test_unnamed_co_victims_are_counted() -> None:
    assert dead_count("The critic was shot dead with his driver in Kyiv.") == 2
    assert dead_count("The court jailed him for the murder of the general, a former army chief, and his wife.") == 2
    assert dead_count("The exile and his son were found dead in the flat.") == 2
    assert dead_count("The bomb, which also killed his aide, went off at noon.") == 2
    assert dead_count("The exile was shot dead and his wife was wounded.") is None
    assert dead_count("The exile, who lived with his wife in Paris, was shot dead.") is None


def test_a_court_finding_proves_spying_happened() -> None:
    sentence = "A court jailed two men for spying on exiled Uyghurs for China."
    assert _read("surveillance", "alleged", sentence) == "completed"
    assert _read("killing", "completed", "A man was convicted of plotting to kill a writer.") == "foiled"


def test_the_rules_keep_their_count_for_the_status_model_to_judge() -> None:
    text = "A court jailed two agents who planned the murder of exiled general Juan Ruiz and his wife in Lima in 1974."
    (proposal,) = propose(text, published="2004-01-01").proposals
    assert (proposal.incident["status"], proposal.incident["fatalities"]) == ("foiled", 2)


def test_a_body_found_of_an_untold_cause_is_alleged() -> None:
    assert _read("killing", "completed", "Exiled poet found dead in a lake", "His body was in the water.") == "alleged"
    # a death the headline tells as a killing stays one
    assert _read("killing", "completed", "Exiled poet shot dead in Lyon", "He was found dead at home.") == "completed"


def test_a_refused_return_is_an_attempted_deportation() -> None:
    assert _read("deportation", "completed", "The runner refused to board the flight home.") == "attempted"
    # a victim in hospital after an abduction was still taken: only a refusal makes the return an attempt
    assert _read("abduction", "completed", "Exile abducted in Nairobi", "He was hospitalised after his release.") == (
        "completed"
    )
