"""Find dates in a sentence and keep the precision the text gives them.

Regexes find the candidates (so no parser runs on ordinary words); month names,
years and relative expressions are resolved here against the publication date,
and numeric forms are read day first ("14/10/2019").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_OTHER_DAY = r"\s*(?:[-\u2013/]|and|or|to)\s*[0-3]?\d(?:st|nd|rd|th)?"  # the second day of "July 19-20"
_TO_YEAR = r"(?:,?\s+|\s+(?:in|of)\s+)"
_NOT_AGE = r"\b(?![-\u2013]year| years?\b)"  # a year, not a count ("2000 years")
_NUMBER = (
    r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a\s+few|a\s+couple\s+of|several|\d{1,2})"
)
_ROUGHLY = r"(?P<approx>(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|over|less\s+than)\s+)?"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
}  # fmt: skip
# Order matters: the longest forms first, each alternative names its own groups.
_PATTERNS = [
    # a span of days gives its first: "July 19-20, 2021", "23 and 24 January 2017"
    # and its year after "in" or "of": "on September 7 in 1978"
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:{_OTHER_DAY})?{_TO_YEAR}{_YEAR}{_NOT_AGE}")),
    ("dmy", re.compile(rf"\b{_DAY}(?:{_OTHER_DAY})?\s+(?:of\s+)?{_MONTH}{_TO_YEAR}{_YEAR}{_NOT_AGE}")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}{_NOT_AGE}")),
    ("day_rel", re.compile(rf"\b{_MONTH}\s+{_DAY}\s+(?P<rel>last|this)\s+year\b")),  # "December 12 last year"
    ("day_rel", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s+(?P<rel>last|this)\s+year\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?![\d:])")),
    ("holiday", re.compile(r"\b(?P<holiday>New\s+Year['\u2019]s\s+(?:Day|Eve)|Christmas\s+(?:Day|Eve))\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+(?:19|20)\d\d)")),
    ("month_rel", re.compile(rf"\b(?:(?:in|of|since|until|on)\s+)?{_MONTH}\s+(?P<rel>last|this|next)\s+year\b")),
    ("last_month", re.compile(rf"\b(?i:last)\s+{_MONTH}(?!\s+\d)\b")),
    ("ago", re.compile(rf"\b{_ROUGHLY}{_NUMBER}\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.I)),
    ("iso", re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<numeric>[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d)\b")),
    (
        "weekday",
        re.compile(
            # bare too ("was shot Saturday", "Sunday night"); not a future day nor a paper's name
            r"(?<!next )(?<!coming )(?<!until )(?<!by )\b(?:(?:on|last|this past|early|late)\s+(?:(?:early|late)\s+)?)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            r"(?!\s+(?:Times|Telegraph|Mail|Express|Herald|Post|Independent|Star|Mirror|Tribune|World|Morning|Review)\b)"
            r"(?P<last_week>\s+(?:of\s+)?last\s+week)?"
        ),
    ),
    ("rel_unit", re.compile(r"\b(?P<rel>last|this|earlier this|later this|next)\s+(?P<unit>year|month|week)\b", re.I)),
    ("rel_day", re.compile(r"\b(?P<relday>yesterday|today|the day before yesterday)\b", re.I)),
    ("month_only", re.compile(rf"\b(?P<prep>(?i:in|on|since|during|by|early|late|mid-?))\s+{_MONTH}(?!\s+\d)\b")),
    (
        "year",
        re.compile(
            r"(?<![\d,.$\u20ac\u00a3-])(?P<year>(?:19|20)\d\d)(?!\d|,\d|s\b|[-\u2013]year| years?\b| ?(?:people|"
            r"members|dissidents|grams|kg|km|troops|times)\b)"
        ),
    ),
]
_MONTH_ONLY_AMBIGUOUS = {"may", "march"}
_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25), "christmas eve": (12, 24)}


@dataclass(frozen=True)
class Published:
    """The publication date and how much of it is known."""

    date: dt.date
    precision: str  # day | month | year


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: its span, its value and whether it names a range ("since 2015")."""

    start: int
    end: int
    value: dict
    since: bool = False
    # read by a form the rules did not read before ("Saturday", "three years ago", "two days later", "last
    # August", "from 2015 to 2017"): a candidate the learned date model weighs, not a date the rules join or
    # split incidents by
    loose: bool = False

    @property
    def precision_rank(self) -> int:
        """Day 3, month 2, year 1: higher is more precise."""
        return {"day": 3, "month": 2, "year": 1}[self.value["precision"]]

    @property
    def year(self) -> int:
        """The year the date starts in."""
        return int(self.value["start"][:4])


def parse_published(value: str | None) -> Published | None:
    """Read YYYY, YYYY-MM or YYYY-MM-DD; None when absent, ValueError when malformed."""
    if not value:
        return None
    match = re.fullmatch(r"((?:1[89]|20)\d\d)(?:-([01]\d)(?:-([0-3]\d))?)?", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    date = dt.date(year, int(month or 1), int(day or 1))  # raises ValueError on 2021-02-30
    return Published(date, "day" if day else "month" if month else "year")


def day_value(date: dt.date) -> dict:
    """A single day."""
    return {"start": date.isoformat(), "end": date.isoformat(), "precision": "day"}


def month_value(year: int, month: int) -> dict:
    """A whole month."""
    last = calendar.monthrange(year, month)[1]
    return {"start": f"{year:04d}-{month:02d}-01", "end": f"{year:04d}-{month:02d}-{last:02d}", "precision": "month"}


def year_value(year: int) -> dict:
    """A whole year."""
    return {"start": f"{year:04d}-01-01", "end": f"{year:04d}-12-31", "precision": "year"}


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_for(month: int, day: int | None, published: Published | None) -> int | None:
    """The year of a month (and day) given without one: the latest not after publication."""
    if published is None:
        return None
    pub = published.date
    if published.precision == "year":
        return pub.year
    if published.precision == "month":
        return pub.year if month <= pub.month else pub.year - 1
    return pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative(match: re.Match[str], kind: str, published: Published | None) -> dict | None:
    """Resolve 'last year', 'on Tuesday', 'yesterday' against the publication date, at the precision it allows."""
    if published is None:
        return None
    pub = published.date
    if kind == "rel_unit":
        rel, unit = match.group("rel").lower(), match.group("unit").lower()
        step = -1 if rel == "last" else 1 if rel == "next" else 0
        if unit == "year":
            return year_value(pub.year + step)
        if unit == "month" and published.precision != "year":
            total = pub.year * 12 + pub.month - 1 + step
            return month_value(total // 12, total % 12 + 1)
        if unit == "week" and published.precision == "day":
            then = pub + dt.timedelta(days=7 * step)
            return month_value(then.year, then.month)  # the week's month: which day of it, the text does not say
        return _coarse(published) if unit == "week" else None
    if kind == "day_rel":
        year = pub.year - (match.group("rel") == "last")
        date = _valid_day(year, _month_number(match.group("month")), int(match.group("day")))
        return day_value(date) if date else None
    if kind == "month_rel":
        step = {"last": -1, "this": 0, "next": 1}[match.group("rel")]
        return month_value(pub.year + step, _month_number(match.group("month")))
    if kind == "last_month":
        month = _month_number(match.group("month"))
        if published.precision == "year":
            return month_value(pub.year - 1, month)
        # the latest such month before the publication's own: "last June" in a June text is a year back
        return month_value(pub.year if month < pub.month else pub.year - 1, month)
    if kind == "ago":
        return _ago(match, published)
    if kind == "rel_day":
        if published.precision != "day":
            return _coarse(published)
        back = {"yesterday": 1, "today": 0, "the day before yesterday": 2}[match.group("relday").lower()]
        return day_value(pub - dt.timedelta(days=back))
    if kind == "weekday":
        if published.precision != "day":
            return _coarse(published)
        back = (pub.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        if match.group("last_week") and back <= pub.weekday():
            back += 7  # "on Tuesday last week": not this week's Tuesday
        return day_value(pub - dt.timedelta(days=back))
    return None


def _ago(match: re.Match[str], published: Published) -> dict | None:
    """'three years ago', 'about two weeks ago': back from publication, no more precise than the count allows."""
    word = re.sub(r"\s+", " ", match.group("n").lower())
    vague = word in ("a few", "a couple of", "several")
    count = {"a few": 3, "a couple of": 2, "several": 3}.get(word) or _NUMBERS.get(word) or int(word)
    unit, pub = match.group("unit").lower(), published.date
    if unit in ("year", "decade"):
        return None if vague else year_value(pub.year - count * (10 if unit == "decade" else 1))
    if published.precision == "year":
        return None  # weeks or months back from an unknown day of the year: not even the year is sure
    if unit == "month" or published.precision == "month":
        back = count if unit == "month" else count // 4 if unit == "week" else 0
        total = pub.year * 12 + pub.month - 1 - back
        return month_value(total // 12, total % 12 + 1)
    then = pub - dt.timedelta(days=count * (7 if unit == "week" else 1))
    if unit == "day" and not (vague or match.group("approx")):
        return day_value(then)
    return month_value(then.year, then.month)  # "about a week ago": the month, not a day


def _coarse(published: Published) -> dict:
    """The publication month or year, when a relative day cannot be pinned down further."""
    pub = published.date
    return month_value(pub.year, pub.month) if published.precision == "month" else year_value(pub.year)


def _parse_numeric(candidate: str) -> dict | None:
    """A numeric date, day first ("14/10/2019"); month first only when that alone reads ("10/14/2019")."""
    day, month, year = (int(part) for part in re.split(r"[/.]", candidate))
    date = _valid_day(year, month, day) or (_valid_day(year, day, month) if month > 12 else None)
    return day_value(date) if date else None


def _value(kind: str, match: re.Match[str], published: Published | None) -> dict | None:
    groups = match.groupdict()
    if kind in ("mdy", "dmy"):
        date = _valid_day(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
        return day_value(date) if date else None
    if kind == "my":
        return month_value(int(groups["year"]), _month_number(groups["month"]))
    if kind in ("md", "dm", "holiday"):
        if kind == "holiday":
            month, day = _HOLIDAYS[re.sub(r"\s+", " ", groups["holiday"].lower().replace("\u2019", "'"))]
        else:
            month, day = _month_number(groups["month"]), int(groups["day"])
        year = _year_for(month, day, published)
        date = _valid_day(year, month, day) if year else None
        return day_value(date) if date else None
    if kind == "month_only":
        if groups["month"].lower() in _MONTH_ONLY_AMBIGUOUS and groups["prep"].lower() not in ("in", "since", "during"):
            return None
        month = _month_number(groups["month"])
        year = _year_for(month, None, published)
        return month_value(year, month) if year else None
    if kind == "iso":
        date = _valid_day(*(int(x) for x in groups["iso"].split("-")))
        return day_value(date) if date else None
    if kind == "numeric":
        return _parse_numeric(groups["numeric"])
    if kind == "year":
        return year_value(int(groups["year"]))
    return _relative(match, kind, published)


_LOST = re.compile(r"\b(?:missing|seen|heard|word|contact|disappear\w*|vanish\w*)\b")


def _bounds(text: str, start: int, found: str) -> bool:
    """Whether a date bounds a span ("since 2015", "until March") rather than dating an event.

    "Missing since 3 May" and "not seen since" date the disappearance itself, so they stay dates of an act.
    """
    before = text[max(0, start - 12) : start].lower()
    if re.match(r",?\s+when\b", text[start + len(found) : start + len(found) + 8]):
        return False  # "in a coma since 18 June, when he was shot": the date of the act that began it
    if not (
        re.search(r"\b(?:since|from|until|before|after)\s+(?:the\s+)?$", before)
        or re.match(r"(?i)(?:since|until)\b", found)
    ):
        return False
    return not _LOST.search(text[max(0, start - 40) : start].lower())


# "from July 2015 to February 2017", "between 1987 and 1993": one span, dated by where it starts
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|to|until|till|through|and)\s*", re.I)
# A time told from another date of the text: "the next morning", "two days later", "that year"
_ANCHORED = re.compile(
    rf"\b(?:(?:the\s+)?(?P<which>next|following|same|previous)\s+(?P<unit>day|morning|afternoon|evening|night|"
    rf"week|month|year)|{_NUMBER}\s+(?P<units>day|week|month|year)s?\s+(?P<way>later|earlier)|"
    rf"that\s+(?P<that>day|morning|afternoon|evening|night|week|month|year))\b",
    re.I,
)


# What every form holds; a sentence without any of it has no date.
_ANY_DATE = re.compile(
    r"\d|days?\b|month|week|year|\bago\b|morning|evening|night|noon|Christmas|New Year|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# A word some forms cannot do without: a sentence lacking it skips their (slower, case-blind) pattern.
_NEEDS = {"ago": "ago", "day_rel": "year", "month_rel": "year", "weekday": "day", "last_month": "last"}
_ANCHOR_REACH = 600  # characters, about four sentences
_ANCHOR_WORDS = re.compile(r"later|earlier|next|following|same|previous|that")


def _spans(text: str, offset: int, mentions: list[DateMention]) -> list[DateMention]:
    """Two dates joined as the ends of a span become one date that starts with the first."""
    joined: list[DateMention] = []
    for mention in mentions:
        first = joined[-1] if joined else None
        if (
            first is not None
            and _RANGE_OPEN.search(text[max(0, first.start - offset - 14) : first.start - offset])
            and _RANGE_JOIN.fullmatch(text[first.end - offset : mention.start - offset])
            and first.value["start"] < mention.value["start"]
        ):
            value = {**first.value, "end": mention.value["end"]}
            joined[-1] = DateMention(first.start, mention.end, value, loose=True)
            continue
        joined.append(mention)
    return joined


def _from_anchor(match: re.Match[str], anchor: dict) -> dict | None:
    """A day, month or year moved from the anchor's, never more precise than the anchor."""
    start, precision = dt.date.fromisoformat(anchor["start"]), anchor["precision"]
    groups = match.groupdict()
    unit = (groups["unit"] or groups["units"] or groups["that"]).lower()
    if groups["that"] or groups["which"] and groups["which"].lower() == "same":
        step = 0
    elif groups["which"]:
        step = -1 if groups["which"].lower() == "previous" else 1
    else:
        word = re.sub(r"\s+", " ", groups["n"].lower())
        if word in ("a few", "a couple of", "several"):
            return None
        step = (_NUMBERS.get(word) or int(word)) * (1 if groups["way"].lower() == "later" else -1)
    if unit == "year":
        return year_value(start.year + step)
    if unit == "month":
        if precision == "year":
            return None if step else year_value(start.year)
        total = start.year * 12 + start.month - 1 + step
        return month_value(total // 12, total % 12 + 1)
    if precision != "day":
        return None  # "the next day" after "in May": no day to count from
    if unit == "week":
        then = start + dt.timedelta(days=7 * step)
        return month_value(then.year, then.month)  # "a week later": its month, the day is not told
    return day_value(start + dt.timedelta(days=step))


def find_dates(
    text: str, offset: int = 0, published: Published | None = None, anchor: DateMention | None = None
) -> list[DateMention]:
    """Dates in `text` (a sentence), with offsets shifted by `offset`, non-overlapping, in order.

    `anchor`, the text's last date before the sentence, dates "the next day" or "that year" when it stands
    within a few sentences of it (a date paragraphs back is no longer the one the story counts from).
    """
    if anchor is not None and offset - anchor.end > _ANCHOR_REACH:
        anchor = None
    if not _ANY_DATE.search(text):
        return []
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    lower = text.lower()
    for kind, pattern in _PATTERNS:
        if kind in _NEEDS and _NEEDS[kind] not in lower:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = _value(kind, match, published)
            if value is None:
                continue
            taken.append((start, end))
            since = _bounds(text, start, match.group())
            loose = kind in ("ago", "last_month", "holiday", "day_rel") or (
                kind == "weekday" and match.group().startswith(match.group("weekday"))
            )
            mentions.append(DateMention(offset + start, offset + end, value, since, loose))
    mentions.sort(key=lambda m: m.start)
    for match in _ANCHORED.finditer(text) if _ANCHOR_WORDS.search(lower) else ():
        start, end = offset + match.start(), offset + match.end()
        # the sentence's own earlier date, if it has one, is the nearer anchor
        base = next((m for m in reversed(mentions) if m.end <= start and not m.since), anchor)
        value = _from_anchor(match, base.value) if base is not None and not base.since else None
        if value is not None and not any(m.start < end and start < m.end for m in mentions):
            mentions.append(DateMention(start, end, value, loose=True))
    return _spans(text, offset, sorted(mentions, key=lambda m: m.start))


# A page's own date at its head: after a label ("Published: 12 March 2021", "Date posted: 03/12/2021") or as the
# dateline that opens its story ("ALMATY, June 1 (Reuters) -", "Dubai, Mar 09, 2020:").
_HEAD = 600
_PAGE_LABEL = re.compile(
    r"(?i)(?:date\s+posted|posted(?:\s+on)?|published(?:\s+on)?|(?:last\s+)?updated(?:\s+on)?|date)\s*[:\-\u2013]?\s*$"
)
# a place, an outlet or a weekday before it, not a sentence ("On 3 May 2020: ...")
_DATELINE_PLACE = re.compile(r"\W{0,3}(?:(?!(?:On|In|At|By|From|Since|Until|Between)\b)[A-Z][\w.'\u2019-]*,?\s+){0,4}")
_DATELINE_END = re.compile(r"\s*(?:\([\w .]+\)\s*)?(?:[:|\u2013\u2014]|--|-\s)")


def page_date(text: str, published: Published | None) -> Published | None:
    """The publication date, to the day when the page's head gives that day and the given date (a year, a month or
    none) agrees with it: "on Tuesday" then reads against the right week."""
    if published is not None and published.precision == "day":
        return published
    line_start = 0
    for line in text[:_HEAD].split("\n"):
        for mention in find_dates(line, line_start, published):
            before = line[: mention.start - line_start]
            after = line[mention.end - line_start :]
            dateline = _DATELINE_PLACE.fullmatch(before) and _DATELINE_END.match(after)
            if mention.value["precision"] == "day" and (_PAGE_LABEL.search(before) or dateline):
                day = dt.date.fromisoformat(mention.value["start"])
                if _agrees(day, published):
                    return Published(day, "day")
        line_start += len(line) + 1
    return published


def _agrees(day: dt.date, published: Published | None) -> bool:
    """Whether a day falls within the (coarser) publication date given, or none was given."""
    if published is None:
        return True
    same_month = (day.year, day.month) == (published.date.year, published.date.month)
    return day.year == published.date.year and (published.precision == "year" or same_month)
