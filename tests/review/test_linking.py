"""Linking a candidate to the incidents it may be: spelling variants, aliases and namesakes."""

from __future__ import annotations

import json
from importlib import resources

from longarm.auth.permissions import SYSTEM
from longarm.review import service
from longarm.review.comparisons import FEATURES, identifies, levels
from longarm.review.link import LinkIndex
from longarm.review.probability import link_model, score
from longarm.review.profiles import Profile, profile_from_extracted
from longarm.storage.engine import transaction
from tests.review.factories import extracted, extracted_incident, queued

DEC_2015 = ("2015-12-01", "2015-12-31", "month")
DAY_2015 = ("2015-12-15", "2015-12-15", "day")


def test_transliteration_variants_score_as_the_same_victim():
    pairs = [
        ("Mohammad-Reza Kolahi", "Muhammad Reza Kolahi"),
        ("Rouhollah Zam", "Ruhollah Zam"),
        ("Ahmad Mola Nissi", "Ahmad Nisi"),
        ("Assadollah Assadi", "Assadolah Assadi"),
    ]
    for a, b in pairs:
        match = score(
            profile_from_extracted("a", extracted_incident(victim=a, date=DEC_2015, country="NL")),
            profile_from_extracted("b", extracted_incident(victim=b, date=DAY_2015, country="NL")),
        )
        assert match.certain, (a, b, match)
        assert any(reason.startswith("same victim") for reason in match.reasons)


def test_an_alias_links_two_names_of_one_man():
    known = profile_from_extracted(
        "a", extracted_incident(victim="Mohammad Reza Kolahi Samadi", aliases=("Ali Motamed",))
    )
    other = profile_from_extracted("b", extracted_incident(victim="Ali Mo'tamed", date=DEC_2015, country="NL"))
    assert any(reason.startswith("same victim") for reason in score(other, known).reasons)


def test_a_common_given_name_alone_is_not_the_same_person():
    match = score(
        profile_from_extracted(
            "a", extracted_incident(victim="Mohammad Karimi", date=DAY_2015, place="Almere", country="NL")
        ),
        profile_from_extracted(
            "b", extracted_incident(victim="Mohammad Rezaei", date=DAY_2015, place="Almere", country="NL")
        ),
    )
    assert not match.certain and any(reason.startswith("different named victims") for reason in match.reasons)


def test_namesakes_in_other_years_and_countries_stay_apart():
    match = score(
        profile_from_extracted(
            "a",
            extracted_incident(
                victim="Hamid Tavakoli", date=("2012-03-02", "2012-03-02", "day"), place="Istanbul", country="TR"
            ),
        ),
        profile_from_extracted(
            "b",
            extracted_incident(
                victim="Hamid Tavakoli", date=("2020-06-01", "2020-06-30", "month"), place="Berlin", country="DE"
            ),
        ),
    )
    # Whatever the probability, years apart in another country is a namesake's: never for auto-merge, nor proposed.
    assert not match.identifying and not match.possible


def test_a_garbled_given_name_and_another_reading_of_the_act_still_link():
    # One report has the victim's surname cut short and calls the attack a killing; the other, an assault.
    match = score(
        profile_from_extracted(
            "a",
            extracted_incident(victim="Leyla Sarbazian", date=DAY_2015, place="Almere", country="NL", tactic="assault"),
        ),
        profile_from_extracted(
            "b", extracted_incident(victim="Leila Sarbaz", date=DEC_2015, place="Almere", country="NL")
        ),
    )
    assert match.certain, match.reasons
    assert any(reason.startswith("victims share a name") for reason in match.reasons)
    assert any(reason.startswith("related tactics") for reason in match.reasons)


def test_a_short_name_inside_a_long_one_is_shown_in_the_reason():
    match = score(
        profile_from_extracted("a", extracted_incident(victim="Ahmad Jafar", date=DAY_2015, country="NL")),
        profile_from_extracted("b", extracted_incident(victim="Ahmad Jafar Mohammad Ali", date=DEC_2015, country="NL")),
    )
    assert "victims share a name (ahmad jafar ~ ahmad jafar muhamad ali)" in [
        reason.rpartition(" ")[0] for reason in match.reasons
    ], match.reasons


def test_a_name_inside_another_in_one_town_by_one_tactic_identifies_across_a_year_boundary():
    # One report dated only by its year of publication (2016), the other by the act's year (2015).
    def deportation(victim: str, year: str) -> Profile:
        when = (f"{year}-01-01", f"{year}-12-31", "year")
        return profile_from_extracted(
            victim, extracted_incident(victim=victim, date=when, place="Belgrade", country="RS", tactic="deportation")
        )

    assert identifies(levels(deportation("Ahmad Jafar", "2015"), deportation("Ahmad Jafar Mohammad Ali", "2016")))
    assert not identifies(levels(deportation("Ahmad Jafar", "2012"), deportation("Ahmad Jafar Mohammad Ali", "2016")))


def test_the_same_victim_targeted_again_months_later_is_another_incident():
    match = score(
        profile_from_extracted(
            "a", extracted_incident(victim="Hamid Tavakoli", date=("2012-03-02", "2012-03-02", "day"))
        ),
        profile_from_extracted(
            "b", extracted_incident(victim="Hamid Tavakoli", date=("2012-11-20", "2012-11-20", "day"))
        ),
    )
    assert not match.identifying and not match.certain


def test_a_name_whose_syllables_are_split_two_ways_is_the_same_victim():
    def reported(victim: str, date: tuple[str, str, str]) -> Profile:
        return profile_from_extracted(
            victim, extracted_incident(victim=victim, date=date, place="Bangkok", country="TH")
        )

    match = score(reported("Jiang Yefei", DAY_2015), reported("Jiang Ye Fei", DEC_2015))
    assert match.certain, match.reasons
    assert any(reason.startswith("same victim (jiang iafai ~ jiang ia fai)") for reason in match.reasons)


def test_a_given_name_spelled_two_ways_with_one_surname_is_the_same_victim():
    def abduction(victim: str) -> Profile:
        return profile_from_extracted(victim, extracted_incident(victim=victim, country="KE", tactic="abduction"))

    assert levels(abduction("Fathullah Gulen"), abduction("Fetullah Gulen"))[0] == "same"
    # Relatives share a surname: another given name is another person.
    assert levels(abduction("Mohammad Karimi"), abduction("Mahmoud Karimi"))[0] == "name_word"


def test_a_short_name_split_two_ways_is_not_enough_to_be_one_person():
    found = levels(
        profile_from_extracted("a", extracted_incident(victim="Li Xia", date=DAY_2015, country="TH")),
        profile_from_extracted("b", extracted_incident(victim="Li Xi A", date=DEC_2015, country="TH")),
    )
    assert found[0] == "different"


def _detention(victim: str, day: str, *, place: str = "Cairo", headline: str) -> Profile:
    return profile_from_extracted(
        victim,
        extracted_incident(victim=victim, date=(day, day, "day"), place=place, country="EG", tactic="detention"),
        headline=headline,
    )


def test_one_detention_in_one_town_told_alike_identifies_whoever_each_report_names():
    # Each report names someone else: a student in one, the researcher quoted (read as a victim) in the other.
    first = _detention(
        "Abdulla Tursun", "2017-07-04", headline="Egypt detains Uyghur students in Cairo at China's request"
    )
    second = _detention("Sarah Whitson", "2017-07-06", headline="Uyghur students arrested in Cairo face deportation")
    assert identifies(levels(first, second))


def test_different_victims_stay_apart_without_one_town_weeks_and_shared_words():
    first = _detention(
        "Abdulla Tursun", "2017-07-04", headline="Egypt detains Uyghur students in Cairo at China's request"
    )
    elsewhere = _detention(
        "Sarah Whitson", "2017-07-06", place="Alexandria", headline="Uyghur students arrested in Cairo face deportation"
    )
    months_later = _detention(
        "Sarah Whitson", "2017-11-06", headline="Uyghur students arrested in Cairo face deportation"
    )
    other_words = _detention(
        "Sarah Whitson", "2017-07-06", headline="Journalist held over a blog post critical of Sisi"
    )
    for other in (elsewhere, months_later, other_words):
        assert not identifies(levels(first, other)), other


def test_blocking_compares_only_plausible_neighbours():
    index = LinkIndex(
        profile_from_extracted(
            f"i{n}",
            extracted_incident(
                victim=f"Person{n} Surname{n}",
                date=(f"{1990 + n % 30}-01-01", f"{1990 + n % 30}-12-31", "year"),
                country=["NL", "DE", "FR", "US"][n % 4],
            ),
        )
        for n in range(400)
    )
    probe = profile_from_extracted("new", extracted_incident(victim="Someone Else", date=DEC_2015, country="NL"))
    neighbours = index.neighbours(probe)
    assert 0 < len(neighbours) < 40
    assert all(index.profiles[ref].country == "NL" for ref in neighbours)


def test_matches_rank_the_known_incident_first_with_reasons(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        first = queued(
            session,
            extracted(victim="Mohammad-Reza Kolahi", date=DAY_2015, place="Almere", country="NL"),
            source_id="SRC-1",
        )
        incident = service.accept(session=session, candidate_id=first.id, principal=SYSTEM)
        queued(
            session,
            extracted(victim="Someone Unrelated", date=("1999-01-01", "1999-12-31", "year"), country="FR"),
            source_id="SRC-2",
        )
        second = queued(
            session, extracted(victim="Muhammad Reza Kolahi", date=DEC_2015, country="NL"), source_id="SRC-3"
        )
        best = second.matches[0]
    assert best["incident_id"] == incident.id and best["certain"]
    assert any("same victim" in reason for reason in best["reasons"])
    assert all(match["incident_id"] != "SRC-2" for match in second.matches)


def test_an_unnamed_victim_links_by_place_month_and_tactic(engine):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        first = queued(
            session,
            extracted(
                victim="Ahmad Mola Nissi", date=("2017-11-08", "2017-11-08", "day"), place="The Hague", country="NL"
            ),
            source_id="SRC-1",
        )
        incident = service.accept(session=session, candidate_id=first.id, principal=SYSTEM)
        second = queued(
            session,
            extracted(date=("2017-11-01", "2017-11-30", "month"), place="The Hague", country="NL"),
            source_id="SRC-2",
        )
        assert service.link(session=session, principal=SYSTEM, auto_merge=True) == {"merged": 1}
        assert second.incident_id == incident.id


def test_the_shipped_weights_name_every_declared_level_and_nothing_else():

    shipped = json.loads(resources.files("longarm.data").joinpath("link_weights.json").read_text(encoding="utf-8"))
    assert sorted(shipped["weights"]) == sorted(FEATURES)  # retrain (make train-link) after changing a comparison
    model = link_model()
    assert 0 < model.possible < model.certain < 1
