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
