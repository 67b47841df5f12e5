"""Search that forgives spelling: one key for transliterations and letter variants, near matches, aliases.

The full-text index matches words as written. Before a query reaches it, each word is widened
to the indexed words that share its key (`longarm.names.folding.word_key`: the transliteration
key linking uses, plus the Arabic and Persian letter variants ي/ی, ك/ک, ى/ی) or are close to it
(edit similarity on those keys), and place aliases are replaced by the name the index holds
(Den Haag → The Hague). The vocabulary comes from the index rows the reader may see, so neither
an expansion nor a "did you mean" reveals a word of a hidden incident. It runs in Python over
that vocabulary, so SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import column, select
from sqlalchemy import table as table_clause
from sqlalchemy.orm import Session

from longarm.incidents.models import Incident
from longarm.names.folding import word_key
from longarm.storage import data_version

_WORD = re.compile(r"[^\W_]+")
# Words shorter than this are matched only by their key: a near match of "zam" is noise.
MIN_FUZZY = 5
SIMILAR = 88  # rapidfuzz ratio (0-100) on keys: about one letter in eight different
SUGGEST = 70  # looser for a suggestion the reader chooses to follow


@cache
def place_aliases() -> dict[str, str]:
    """Alias → the name the index holds, for the gazetteer's places (`den haag` → `The Hague`)."""
    data = json.loads(resources.files("longarm.data").joinpath("places.json").read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for city in data.get("cities", []):
        for alias in city.get("aliases", []):
            aliases[alias.lower()] = city["name"]
    return aliases


@cache
def _alias_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each alias's pattern and its name, longest alias first (compiled once: every list request asks)."""
    aliases = place_aliases()
    return [
        (re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE), aliases[alias])
        for alias in sorted(aliases, key=len, reverse=True)
    ]


def replace_aliases(query: str) -> str:
    """The query with each known alias replaced by the name the index holds (longest alias first)."""
    result = query
    if not query.strip():
        return result
    for pattern, name in _alias_patterns():
        result = pattern.sub(name, result)
    return result


@dataclass
class Vocabulary:
    """The indexed words a reader may see, grouped by key."""

    by_key: dict[str, set[str]] = field(default_factory=dict)

    def add(self, word: str) -> None:
        """Count a word of the index."""
        if len(word) > 1 and not word.isdigit():
            self.by_key.setdefault(word_key(word), set()).add(word.lower())


# (database, audience) → vocabulary, rebuilt when the data changes; one build at a time per audience.
_CACHE = data_version.VersionedCache(size=16)


def vocabulary(session: Session, visible: Any) -> Vocabulary:
    """The words of the index rows of incidents matching `visible` (an audience's SQL condition).

    Cached until an incident, claim or involvement changes (the data version, migration 0006).
    """
    key = str(visible.compile(compile_kwargs={"literal_binds": True}))
    return _CACHE.get(session, key, lambda: _build(session, visible))


def _build(session: Session, visible: Any) -> Vocabulary:
    ids = select(Incident.id).where(visible)
    if session.get_bind().dialect.name == "postgresql":
        table = table_clause("incident_search", column("incident_id"), column("body"))
        statement = select(table.c.body).where(table.c.incident_id.in_(ids))
    else:
        table = table_clause("incident_search", column("rowid"), column("body"))
        keys = table_clause("incident_search_keys", column("key"), column("incident_id"))
        statement = select(table.c.body).join(keys, keys.c.key == table.c.rowid).where(keys.c.incident_id.in_(ids))
    words = Vocabulary()
    for (body,) in session.execute(statement):
        for word in set(_WORD.findall(body or "")):
            words.add(word)
    return words


@dataclass
class Expansion:
    """What a query became: for each word, the indexed spellings it matches, and a suggestion."""

    groups: list[list[str]]
    widened: dict[str, list[str]]
    suggestion: str | None = None


def _near(word: str, words: Vocabulary) -> list[str]:
    key = word_key(word)
    found = set(words.by_key.get(key, ()))
    if len(key) >= MIN_FUZZY:
        keys = list(words.by_key)
        for other, score, _ in process.extract(key, keys, scorer=fuzz.ratio, limit=8, score_cutoff=SIMILAR):
            if score >= SIMILAR:
                found |= words.by_key[other]
    return sorted(found)


def _split(word: str, words: Vocabulary) -> list[str] | None:
    """Two indexed words written as one (Mohammadreza → mohammad reza), or None."""
    for cut in range(3, len(word) - 2):
        left, right = word_key(word[:cut]), word_key(word[cut:])
        if left in words.by_key and right in words.by_key:
            return [sorted(words.by_key[left])[0], sorted(words.by_key[right])[0]]
    return None


def expand(terms: list[str], words: Vocabulary) -> Expansion:
    """Each search word widened to its spelling variants in the index (the word itself always kept)."""
    groups: list[list[str]] = []
    widened: dict[str, list[str]] = {}
    for term in terms:
        near = [w for w in _near(term, words) if w != term]
        if near:
            widened[term] = near
            groups.append([term, *near])
            continue
        parts = None if word_key(term) in words.by_key else _split(term, words)
        if parts:
            widened[term] = [" ".join(parts)]
            groups.extend([[p] for p in parts])
        else:
            groups.append([term])
    return Expansion(groups=groups, widened=widened)


def suggest(terms: list[str], words: Vocabulary) -> str | None:
    """The query with each word replaced by the closest indexed word, when that changes it."""
    keys = list(words.by_key)
    chosen = []
    for term in terms:
        best = process.extractOne(word_key(term), keys, scorer=fuzz.ratio, score_cutoff=SUGGEST) if keys else None
        chosen.append(sorted(words.by_key[best[0]])[0] if best else term)
    suggestion = " ".join(chosen)
    return suggestion if suggestion != " ".join(terms) else None
