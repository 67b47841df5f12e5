"""Dates: the precision the text gives, relative dates against the publication date, durations screened out."""

from __future__ import annotations

import pytest

from longarm.ingestion.extract.dates import find_dates, page_date, parse_published


def _values(text: str, published: str | None = "2022-03-17") -> list[dict]:
    return [m.value for m in find_dates(text, 0, parse_published(published))]


def test_full_date_is_a_day() -> None:
    assert _values("It happened on 4 May 2021 at night.") == [
        {"start": "2021-05-04", "end": "2021-05-04", "precision": "day"}
    ]


def test_month_and_year_is_a_whole_month() -> None:
    assert _values("He vanished in February 2016.") == [
        {"start": "2016-02-01", "end": "2016-02-29", "precision": "month"}
    ]


def test_year_alone_is_a_whole_year() -> None:
    assert _values("a 2011 plot") == [{"start": "2011-01-01", "end": "2011-12-31", "precision": "year"}]


@pytest.mark.parametrize("text", ["jailed for 20 years", "a 12-year sentence", "the 1990s", "some 2,000 people"])
def test_durations_and_counts_are_not_dates(text: str) -> None:
    assert _values(text) == []


def test_weekday_resolves_to_the_last_such_day_before_publication() -> None:
    # 2022-03-17 is a Thursday: "on Monday" is 2022-03-14
    assert _values("police said on Monday") == [{"start": "2022-03-14", "end": "2022-03-14", "precision": "day"}]


def test_weekday_keeps_only_the_month_when_publication_is_a_month() -> None:
    assert _values("on Monday", "2022-03")[0]["precision"] == "month"


def test_month_and_day_without_year_take_the_latest_year_before_publication() -> None:
    assert _values("on Nov. 3 she was followed", "2022-03-17")[0]["start"] == "2021-11-03"


def test_last_year_and_last_month() -> None:
    assert _values("in June last year")[0]["start"] == "2021-06-01"
    assert _values("last month")[0] == {"start": "2022-02-01", "end": "2022-02-28", "precision": "month"}


def test_relative_dates_need_a_publication_date() -> None:
    assert _values("last year", None) == []


@pytest.mark.parametrize("value", ["2021-13", "21", "2021/05/01", "May 2021"])
def test_bad_published_values_are_rejected(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("He was seized on 14/10/2019 in Vienna.", "2019-10-14"),
        ("He was seized on 3.4.2021 in Vienna.", "2021-04-03"),
        ("He was seized on 10/14/2019 in Vienna.", "2019-10-14"),  # only month-first reads
        ("He was seized on 31/02/2020 in Vienna.", None),
        ("He was seized on 00/10/2019 in Vienna.", None),
    ],
)
def test_numeric_dates_are_read_day_first(text: str, start: str | None) -> None:
    days = [v["start"] for v in _values(text, None) if v["precision"] == "day"]
    assert days == ([start] if start else [])


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("He was shot Saturday night.", "2022-03-12"),  # 2022-03-17 is a Thursday
        ("She was attacked in the early hours of Tuesday.", "2022-03-15"),
        ("Attackers struck on Thursday.", "2022-03-17"),
    ],
)
def test_a_bare_weekday_is_the_last_such_day(text: str, start: str) -> None:
    assert _values(text) == [{"start": start, "end": start, "precision": "day"}]


@pytest.mark.parametrize("text", ["The Sunday Times reported it.", "The hearing is set for next Monday.", "by Friday"])
def test_papers_and_coming_weekdays_are_not_dates(text: str) -> None:
    assert _values(text) == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("He fled three years ago.", "2022-03-17", ("2019-01-01", "year")),
        ("A car exploded four decades ago.", "2022", ("1982-01-01", "year")),
        ("She vanished two months ago.", "2022-03", ("2022-01-01", "month")),
        ("He was threatened three days ago.", "2022-03-17", ("2022-03-14", "day")),
        ("He died approximately seven days ago.", "2022-03-02", ("2022-02-01", "month")),
        ("He was last seen about two weeks ago.", "2022-03-17", ("2022-03-01", "month")),
    ],
)
def test_counted_time_back_from_publication(text: str, published: str, value: tuple[str, str]) -> None:
    found = _values(text, published)
    assert [(v["start"], v["precision"]) for v in found] == [value]


def test_vague_or_unanchored_counts_give_no_date() -> None:
    assert _values("He left several years ago.") == []
    assert _values("She left two weeks ago.", "2022") == []


@pytest.mark.parametrize(
    ("published", "start"), [("2022-03-17", "2021-08-01"), ("2022-09", "2022-08-01"), ("2022", "2021-08-01")]
)
def test_last_named_month_is_the_latest_before_publication(published: str, start: str) -> None:
    assert _values("He landed there last August.", published)[0]["start"] == start


@pytest.mark.parametrize(
    "text", ["on the night of July 19-20, 2021", "between 19 and 20 July 2021", "on July 19 and 20, 2021"]
)
def test_a_span_of_days_gives_its_first(text: str) -> None:
    assert _values(text) == [{"start": "2021-07-19", "end": "2021-07-19", "precision": "day"}]


def test_since_bounds_a_stay_but_dates_a_disappearance() -> None:
    assert [m.since for m in find_dates("He has lived there since March.", 0, parse_published("2022-05"))] == [True]
    assert [m.since for m in find_dates("Since March he has been abroad.", 0, parse_published("2022-05"))] == [True]
    assert [m.since for m in find_dates("He has been missing since 3 May.", 0, parse_published("2022-05"))] == [False]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was held from July 2015 to February 2017.", {"start": "2015-07-01", "end": "2017-02-28"}),
        ("They were spied on between 1987 and 1993.", {"start": "1987-01-01", "end": "1993-12-31"}),
    ],
)
def test_a_span_between_two_dates_is_one_date_from_its_start(text: str, value: dict) -> None:
    found = find_dates(text, 0, parse_published("2022-03-17"))
    assert [(m.value["start"], m.value["end"], m.since) for m in found] == [(value["start"], value["end"], False)]


def _anchored(text: str, anchor_text: str) -> list[tuple[str, str]]:
    anchor = find_dates(anchor_text, 0, None)[0]
    return [(m.value["start"], m.value["precision"]) for m in find_dates(text, 0, None, anchor)]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("Two days later he was found dead.", "on 3 May 2019", ("2019-05-05", "day")),
        ("The next morning he was flown out.", "on 3 May 2019", ("2019-05-04", "day")),
        ("She had fled three days earlier.", "on 3 May 2019", ("2019-04-30", "day")),
        ("That year he fled.", "in May 2019", ("2019-01-01", "year")),
        ("The following month he left.", "in May 2019", ("2019-06-01", "month")),
    ],
)
def test_times_told_from_the_last_date(text: str, anchor: str, value: tuple[str, str]) -> None:
    assert _anchored(text, anchor) == [value]


def test_an_anchored_day_is_never_more_precise_than_its_anchor() -> None:
    assert _anchored("The next day he left.", "in May 2019") == []


def test_the_sentence_own_date_is_the_nearer_anchor() -> None:
    found = find_dates("On 3 May 2019 he was seized; the next day he was flown out.", 0, None)
    assert [m.value["start"] for m in found] == ["2019-05-03", "2019-05-04"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("He was beaten on Tuesday last week.", "2022-03-08"),  # 2022-03-17 is a Thursday: not this week's Tuesday
        ("She was seized on 12 December last year.", "2021-12-12"),
        ("She was seized on December 12 last year.", "2021-12-12"),
    ],
)
def test_a_day_told_with_its_week_or_year(text: str, start: str) -> None:
    assert _values(text, "2022-03-17") == [{"start": start, "end": start, "precision": "day"}]


def test_last_week_is_its_month() -> None:
    assert _values("He was followed last week.", "2022-03-03")[0] == {
        "start": "2022-02-01",
        "end": "2022-02-28",
        "precision": "month",
    }


@pytest.mark.parametrize(
    ("text", "start"), [("shot on New Year\u2019s Day", "2022-01-01"), ("on Christmas Eve", "2021-12-24")]
)
def test_a_fixed_holiday_is_its_day_in_the_latest_year(text: str, start: str) -> None:
    assert _values(text) == [{"start": start, "end": start, "precision": "day"}]


def test_a_date_far_back_anchors_nothing() -> None:
    anchor = find_dates("on 3 May 2019", 0, None)[0]
    assert find_dates("Two days later he was found dead.", 2000, None, anchor) == []


def test_loose_forms_are_marked_for_the_model_alone() -> None:
    found = find_dates("He said on Monday he was shot Saturday.", 0, parse_published("2022-03-17"))
    assert [m.loose for m in found] == [False, True]
    assert [m.loose for m in find_dates("He fled two years ago.", 0, parse_published("2022-03-17"))] == [True]
    assert [m.loose for m in find_dates("He left last August.", 0, parse_published("2022-03-17"))] == [True]


@pytest.mark.parametrize("text", ["He was poisoned on September 7 in 1978.", "He was poisoned on 7 September of 1978."])
def test_a_day_with_its_year_after_in_or_of(text: str) -> None:
    assert _values(text, "2013-09-11") == [{"start": "1978-09-07", "end": "1978-09-07", "precision": "day"}]


def test_since_a_day_when_something_happened_dates_that_act() -> None:
    found = find_dates("He has been in a coma since 18 June, when he was shot.", 0, parse_published("2024-07-05"))
    assert [(m.value["start"], m.since) for m in found] == [("2024-06-18", False)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A week later he was flown home.", ("2021-05-01", "month")),
        ("The following week he was flown home.", ("2021-05-01", "month")),
        ("He died later that day.", ("2021-05-03", "day")),
        ("He was questioned that night.", ("2021-05-03", "day")),
    ],
)
def test_weeks_and_that_day_told_from_the_last_date(text: str, value: tuple[str, str]) -> None:
    published = parse_published("2022-03-17")
    anchor = find_dates("He was seized on 3 May 2021.", 0, published)[0]
    found = find_dates(text, 100, published, anchor)
    assert [(m.value["start"], m.value["precision"]) for m in found] == [value]


@pytest.mark.parametrize(
    ("head", "given"),
    [
        ("VILNIUS, June 1 (Wire) - A blogger said on Saturday", "2021"),
        ("Riga, Jun 01, 2021: A blogger said", "2021-06"),
        ("Published: 1 June 2021\nA blogger said", None),
        ("Date posted: 01/06/2021\nA blogger said", "2021"),
    ],
)
def test_the_page_s_own_date_at_its_head_refines_a_coarse_publication_date(head: str, given: str | None) -> None:
    found = page_date(f"Exile attacked\n\n{head}", parse_published(given))
    assert found is not None and (found.date.isoformat(), found.precision) == ("2021-06-01", "day")


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Exile attacked\n\nA blogger was attacked on 1 June 2021 - police said.", "2021"),  # a sentence, no dateline
        ("Exile attacked\n\nOn 1 June 2021: a blogger was attacked.", "2021"),
        ("Exile attacked\n\nRiga, Jun 01, 2021: A blogger said", "2020"),  # a page of another year: not its date
        ("Exile attacked\n\nRiga, June 1 (Wire) - A blogger said", None),  # no year to place the day in
    ],
)
def test_a_date_in_a_sentence_or_against_the_given_date_is_not_the_page_s(text: str, given: str | None) -> None:
    assert page_date(text, parse_published(given)) == parse_published(given)
