"""What the date model sees of a date: what it dates, whether it is a dateline, whether the text says it finer."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import Candidate, candidates
from longarm.ingestion.extract.dates import parse_published
from longarm.ingestion.extract.decisions import LinearModel
from longarm.ingestion.extract.slots import MORE, ROLES, Setting, SlotModels, coarse_dates, features, fill

TEXT = (
    "Exile killed abroad\n\n"
    "Riga, 4 June 2021: A dissident was shot dead in Riga on 3 May 2021, police said. "
    "A court sentenced a man in 2021.\n"
)


def _dates() -> tuple[list[Candidate], Setting]:
    proposed = propose(TEXT, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    incident = {"tactic": "killing", "date": None}
    setting = Setting(TEXT, (1,), incident, None, parse_published("2021"), {}, coarse_dates(found))
    return found, setting


def _features(start: str) -> dict[str, float]:
    found, setting = _dates()
    return features(next(c for c in found if c.value["start"] == start), "date", setting)


def test_a_year_the_text_also_gives_as_a_day_is_coarse() -> None:
    found, _ = _dates()
    assert coarse_dates(found) == frozenset({"2021-01-01|year"})


def test_the_date_after_the_act_word_is_the_act_s() -> None:
    seen = _features("2021-05-03")
    assert seen["before=act"] == 1.0
    assert seen["dateline"] == 0.0


def test_a_dateline_is_marked() -> None:
    assert _features("2021-06-04")["dateline"] == 1.0


def test_a_court_date_is_told_by_its_word() -> None:
    seen = _features("2021-01-01")
    assert seen["before=court"] == 1.0
    assert seen["coarse"] == 1.0


def _uses(text: str, published: str) -> dict[str, set[str]]:
    """Each date's `use=` features, seen from an act told in the text's first sentence."""
    proposed = propose(text, published=published)
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    setting = Setting(
        text, (0,), {"tactic": "killing", "date": None}, None, parse_published("2021"), {}, coarse_dates(found)
    )
    return {c.value["start"]: {k for k in features(c, "date", setting) if k.startswith("use=")} for c in found}


def test_what_a_date_hangs_on_is_seen_however_far_from_the_act() -> None:
    text = (
        "A dissident was shot dead in Riga. He had fled in 2015. He had two children. He wrote books. "
        "He was shot late Thursday, and police reported on Friday that two men fled. On Monday, a court jailed them."
    )
    uses = _uses(text, "2021-06-08")  # a Tuesday
    assert uses["2021-06-03"] == {"use=act"}
    assert uses["2021-06-04"] == {"use=speech"}
    assert uses["2021-06-07"] == {"use=court"}


def test_a_statement_before_the_sentence_is_not_what_its_date_hangs_on() -> None:
    uses = _uses("A dissident was killed, prosecutors said. In 2018, he was threatened.", "2021-06-08")
    assert uses["2018-01-01"] == {"use=act"}


def test_the_date_model_s_month_is_told_by_the_day_within_it() -> None:
    text = "A dissident was shot dead in June. He was shot on June 19 outside his home.\n"
    proposed = propose(text, published="2021-07-01")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    # a date model that prefers months, as one that counts a month holding the act's day right may
    prefers_months = LinearModel({"precision=month": 2.0}, 0.0)
    models = SlotModels(
        {role: prefers_months if role == "date" else LinearModel({}, 0.0) for role in ROLES},
        {**{role: 0.2 for role in ROLES}, **{more: 0.5 for more in MORE}},
    )
    incident = {"tactic": "killing", "date": None, "evidence": []}
    setting = Setting(text, (0, 1), incident, None, parse_published("2021"), {}, coarse_dates(found))
    assert fill(models, found, setting)["date"] == {"start": "2021-06-19", "end": "2021-06-19", "precision": "day"}


def test_a_date_of_a_life_told_in_a_relative_clause_is_marked() -> None:
    text = "Exile killed abroad\n\nA pilot who defected in 2020 was shot dead in Riga on 3 May 2021.\n"
    proposed = propose(text, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    setting = Setting(
        text, (1,), {"tactic": "killing", "date": None}, None, parse_published("2021"), {}, coarse_dates(found)
    )
    seen = {c.value["start"]: features(c, "date", setting) for c in found}
    assert seen["2020-01-01"].get("who_clause") == 1.0
    assert "who_clause" not in seen["2021-05-03"]


def test_an_ongoing_act_weighs_its_date_s_precision_apart() -> None:
    text = "Two men spied on exiles in Oslo between 2019 and 2021. A court convicted them on 3 May 2022.\n"
    proposed = propose(text, published="2022-05-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]

    def pace(tactic: str) -> dict[str, set[str]]:
        setting = Setting(
            text, (0, 1), {"tactic": tactic, "date": None}, None, parse_published("2022"), {}, coarse_dates(found)
        )
        return {c.value["start"]: {k for k in features(c, "date", setting) if k.startswith("ongoing=")} for c in found}

    assert pace("surveillance") == {"2019-01-01": {"ongoing=span"}, "2022-05-03": {"ongoing=day"}}
    assert pace("killing") == {"2019-01-01": set(), "2022-05-03": set()}


def _sentence_cues(text: str, published: str, tactic: str) -> dict[str, set[str]]:
    """Each date's `near=` and `step_sentence` features, seen from an act told in the text's only sentence."""
    proposed = propose(text, published=published)
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    setting = Setting(
        text, (0,), {"tactic": tactic, "date": None}, None, parse_published("2022"), {}, coarse_dates(found)
    )
    return {
        c.value["start"]: {k for k in features(c, "date", setting) if k.startswith("near=") or k == "step_sentence"}
        for c in found
    }


def test_the_nearest_telling_word_of_a_date_s_sentence_is_what_it_dates() -> None:
    text = "Two men were found guilty by a jury on Friday of being part of a ring that spied on exiles in 2019.\n"
    cues = _sentence_cues(text, "2022-05-09", "surveillance")  # a Monday
    assert cues["2022-05-06"] == {"near=court"}
    assert cues["2019-01-01"] == {"near=act"}


def test_a_sentence_that_tells_only_a_legal_step_is_marked_unless_the_act_is_that_step() -> None:
    text = "Two men were charged on 3 May 2022 in Oslo.\n"
    assert _sentence_cues(text, "2022-05-09", "threat")["2022-05-03"] == {"near=court", "step_sentence"}
    assert _sentence_cues(text, "2022-05-09", "legal_harassment")["2022-05-03"] == {"near=act"}


def test_a_sentence_that_says_the_act_took_place_dates_the_act() -> None:
    text = "Court papers show that it took place in 2019.\n"
    assert _sentence_cues(text, "2022-05-09", "surveillance")["2019-01-01"] == {"near=act"}


def test_a_day_is_placed_by_the_days_before_a_publication_known_to_the_day() -> None:
    text = (
        "A critic was attacked in Vilnius on Sunday night, police said on Tuesday. "
        "He had been threatened on 2 March. His party was banned in 2015. The attack was the third this month.\n"
    )
    proposed = propose(text, published="2021-03-23")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    setting = Setting(text, (0,), {"tactic": "assault", "date": None}, None, proposed.published, {})
    seen = {c.key: {k for k in features(c, "date", setting) if k.startswith(("days_", "report_"))} for c in found}
    assert seen["2021-03-21|day"] == {"days_before=week"}  # Sunday: the act
    assert seen["2021-03-23|day"] == {"days_before=0"}  # Tuesday: the report's own day
    assert seen["2021-03-02|day"] == {"days_before=month"}
    assert seen["2021-03-01|month"] == {"report_month"}
    assert seen["2015-01-01|year"] == set()


def test_no_day_is_counted_from_a_publication_known_only_to_the_month() -> None:
    text = "A critic was attacked in Vilnius on 2 March 2021.\n"
    proposed = propose(text, published="2021-03")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    setting = Setting(text, (0,), {"tactic": "assault", "date": None}, None, proposed.published, {})
    assert not any(k.startswith(("days_", "report_")) for c in found for k in features(c, "date", setting))
