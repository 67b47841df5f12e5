"""What the date model sees of a date: what it dates, whether it is a dateline, whether the text says it finer."""

from __future__ import annotations

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.candidates import Candidate, candidates
from longarm.ingestion.extract.slots import Setting, coarse_dates, features

TEXT = (
    "Exile killed abroad\n\n"
    "Riga, 4 June 2021: A dissident was shot dead in Riga on 3 May 2021, police said. "
    "A court sentenced a man in 2021.\n"
)


def _dates() -> tuple[list[Candidate], Setting]:
    proposed = propose(TEXT, published="2021-06-04")
    found = [c for c in candidates(proposed.reading) if c.kind == "date"]
    incident = {"tactic": "killing", "date": None}
    setting = Setting(TEXT, (1,), incident, None, 2021, {}, coarse_dates(found))
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
