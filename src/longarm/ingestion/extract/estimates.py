"""Aggregate figures a text gives ("estimated ... to be around 360 individuals")."""

from __future__ import annotations

import re

from longarm.ingestion.extract.sentences import Sentence

_ESTIMATE = re.compile(
    r"(?:estimated|estimates?|counted|documented|recorded|tallied)\b(?:\s+by\s+(?P<by>(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*))?"
    r"[^.;]{0,80}?\b(?:to\s+be\s+|at\s+|of\s+)?(?:around|about|some|roughly|nearly|almost|at\s+least|more\s+than|over|"
    r"approximately)?\s*(?P<value>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<noun>people|persons|individuals|dissidents|exiles|cases|"
    r"incidents|killings|assassinations|victims|Iranians|Uyghurs|Chinese|Russians|Saudis|Rwandans|activists|journalists)\b"
)
_BY = re.compile(r"\baccording\s+to\s+(?P<by>(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)")
_ACT = re.compile(r"\b(killed|murdered|assassinated|abducted|kidnapped|detained|deported|targeted|threatened)\b")


def find_estimates(sentences: list[Sentence]) -> list[dict]:
    """Figures estimated by a named source, with what they count and the sentence as scope."""
    found = []
    for sentence in sentences:
        match = _ESTIMATE.search(sentence.text)
        if not match:
            continue
        by = match.group("by") or (m.group("by") if (m := _BY.search(sentence.text)) else None)
        act = _ACT.search(sentence.text)
        noun = match.group("noun").lower()
        unit = f"{'people' if noun in ('persons', 'individuals') else noun} {act.group(1)}" if act else noun
        found.append(
            {
                "value": int(match.group("value").replace(",", "")),
                "unit": unit,
                "scope": sentence.text,
                "by": by.strip() if by else None,
            }
        )
    return found


_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_DIED = r"(?:killed|murdered|assassinated|slain|shot\s+dead|found\s+dead|gunned\s+down|dead|died)"
# "three men were found dead", "2 people killed", "killing three activists", "the killings of two exiles", "two bodies",
# "the corpses of all four men"
_DEAD = re.compile(
    rf"\b(?P<n>{_NUMBER})(?!\s+of\b)\s+(?:(?!were\b|was\b)[\w-]+\s+){{0,3}}?(?:(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?)?{_DIED}\b|"
    rf"\b(?:kill(?:ed|ing)|murder(?:ed|ing|s\s+of)|killings\s+of|deaths\s+of)\s+(?:the\s+|all\s+)?(?P<m>{_NUMBER})\b"
    r"(?!\s*(?:years?|months?|weeks?|days?|times|decades?|%|per\s*cent))|"
    rf"\b(?P<b>{_NUMBER})\s+(?:bodies|corpses)\b|\b(?:bodies|corpses)\s+of\s+(?:all\s+|the\s+)*(?P<c>{_NUMBER})\b",
    re.I,
)
# an approximate toll is a bombing's or a tally's ("more than 70 dead"), not a targeted act's; "on 29 September" a day
_NOT_A_TOLL = re.compile(
    r"\b(?:more\s+than|over|at\s+least|about|around|nearly|almost|some|up\s+to|on|since)\s+$", re.I
)
_MONTH = re.compile(r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
# "X and two other activists were killed": the one named and the others
_AND_OTHERS = re.compile(rf"\band\s+(?P<n>{_NUMBER})\s+others?\b(?:\s+[\w-]+){{0,3}}?\s+(?:were\s+)?{_DIED}", re.I)


_COMPANION = (
    r"(?:wife|husband|son|daughter|brother|sister|driver|bodyguard|guard|colleague|aide|assistant|secretary|"
    r"companion|partner|friend|nephew|niece)"
)
# an unnamed co-victim: "shot dead with his driver", "the murder of X and his wife", "X and his son were killed",
# "the bomb, which also killed his aide"
_WITH_COMPANION = re.compile(
    rf"\b(?:{_DIED}|murder(?:ed|s)?\s+of|killings?\s+of|deaths?\s+of)\b[^.;]{{0,120}}?"
    rf"\b(?:and|with|along\s+with|together\s+with)\s+(?:his|her)\s+{_COMPANION}\b|"
    rf"\band\s+(?:his|her)\s+{_COMPANION}\b[^.;]{{0,60}}?\bwere\s+(?:\w+\s+)?{_DIED}|"
    r"\balso\s+(?:killed|died|murdered)\b",
    re.I,
)
# "... and his wife was wounded": the companion lived
_SURVIVED = re.compile(r"[^.;]{0,40}?\b(?:injured|wounded|hurt|unharmed|unhurt|survived|escaped)\b", re.I)


def dead_count(text: str) -> int | None:
    """The number of dead a sentence gives for the act it tells ("three men were found dead"), or None."""
    others = _AND_OTHERS.search(text)
    if others:
        return _value(others.group("n")) + 1
    for match in _DEAD.finditer(text):
        if not _NOT_A_TOLL.search(text[max(0, match.start() - 15) : match.start()]) and not _MONTH.match(
            text, match.end("n") if match.group("n") else match.end()
        ):
            return _value(match.group("n") or match.group("m") or match.group("b") or match.group("c"))
    companion = _WITH_COMPANION.search(text)
    if companion and not _SURVIVED.match(text, companion.end()):
        return 2
    return None


def _value(number: str) -> int:
    return int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
