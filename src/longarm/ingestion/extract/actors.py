"""The shipped registry of known actors and the matcher that finds them in text (exact aliases, then fuzzy)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from longarm.names.folding import fold


@dataclass(frozen=True)
class Actor:
    """A known agency, government or movement from `data/actors.json`."""

    id: str
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class ActorMention:
    """A known actor named in the text."""

    start: int
    end: int
    actor: Actor
    surface: str


@cache
def registry() -> dict[str, Actor]:
    """All known actors by id."""
    rows = json.loads(resources.files("longarm.data").joinpath("actors.json").read_text(encoding="utf-8"))
    return {row["id"]: Actor(row["id"], row["name"], row["kind"], row["country"]) for row in rows}


@cache
def _aliases() -> tuple[dict[str, str], frozenset[str], dict[str, list[int]]]:
    """Folded alias -> actor id, the acronyms (matched only in capitals), and alias lengths by first word."""
    rows = json.loads(resources.files("longarm.data").joinpath("actors.json").read_text(encoding="utf-8"))
    by_alias: dict[str, str] = {}
    acronyms: set[str] = set()
    words: set[str] = set()
    for row in rows:
        for alias in (row["name"], *row["aliases"]):
            by_alias[fold(alias)] = row["id"]
            (acronyms if alias.isupper() and " " not in alias else words).add(fold(alias))
    lengths: dict[str, list[int]] = {}
    for alias in by_alias:
        parts = alias.split()
        if parts:
            lengths.setdefault(parts[0], []).append(len(parts))
    return by_alias, frozenset(acronyms - words), {w: sorted(set(n), reverse=True) for w, n in lengths.items()}


_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_POSSESSIVE = re.compile(r"['\u2019]s$")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> tuple[str, str]:
    """A word folded, and folded without its possessive ("FSB's" -> "fsb"): one cached look-up for both."""
    folded = fold(word)
    bare = _POSSESSIVE.sub("", word)
    return folded, fold(bare) if bare != word else folded


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Known actors named in `text`, longest alias first, without overlaps.

    Words are folded once and looked up as n-grams in a dict: much faster than one regex of every alias.
    """
    by_alias, acronyms, lengths = _aliases()
    actors = registry()
    words = [(m.start(), m.end(), *_fold_word(m.group())) for m in _WORD.finditer(text)]
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for n in lengths.get(words[i][2]) or lengths.get(words[i][3]) or []:
            if i + n > len(words):
                continue
            gram = [w[2] for w in words[i : i + n]]
            # a possessive ends a chain of owners: "China's Ministry of State Security's agents"
            actor_id = by_alias.get(" ".join(gram)) or by_alias.get(" ".join([*gram[:-1], words[i + n - 1][3]]))
            if actor_id is None:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            surface = text[start:end]
            bare = _POSSESSIVE.sub("", surface)
            acronym = fold(bare) in acronyms
            if (acronym and not bare.isupper()) or (not acronym and _NAME_GOES_ON.match(text, end)):
                continue
            found.append(ActorMention(offset + start, offset + end, actors[actor_id], surface))
            taken.append((start, end))
            i += n - 1
            break
        i += 1
    found.extend(_fuzzy(text, offset, taken))
    return sorted(found, key=lambda m: m.start)


# An alias followed by another capitalised word is part of a longer name ("Islamic Republic Party").
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z][a-z]|of\s+[A-Z])")
_CANDIDATE = re.compile(r"[A-Z][\w'\u2019]+(?:[\s-]+(?:(?:e|of|the|al|el|for)\b|[A-Z][\w'\u2019]+)){1,6}")


@cache
def _fuzzy_choices() -> list[str]:
    """The aliases long enough to compare by spelling."""
    return [alias for alias in _aliases()[0] if " " in alias and len(alias) >= 8]


@lru_cache(maxsize=4096)  # a text names its people and bodies again and again, each compared with every alias
def _closest_alias(name: str) -> str | None:
    """The alias of `_fuzzy_choices` spelled likest a folded name, if 88% alike (rapidfuzz's ratio), else None."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(name, _fuzzy_choices(), scorer=fuzz.ratio, score_cutoff=88)
    return best[0] if best else None


def _fuzzy(text: str, offset: int, taken: list[tuple[int, int]]) -> list[ActorMention]:
    """Multi-word capitalised names spelled differently from any alias ("Mujahideen-e-Khalq")."""
    by_alias = _aliases()[0]
    found = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        if any(start < b and a < end for a, b in taken) or len(match.group()) < 8:
            continue
        alias = _closest_alias(fold(match.group()))
        if alias:
            found.append(ActorMention(offset + start, offset + end, registry()[by_alias[alias]], match.group()))
    return found


@cache
def _by_generic_name() -> dict[str, dict[str, Actor]]:
    """Agencies by their name without its country ("Ministry of Public Security"), for each country that has one."""
    found: dict[str, dict[str, Actor]] = {}
    for actor in registry().values():
        if actor.country:
            base = fold(re.sub(r"\s*\([^)]*\)", "", actor.name))
            found.setdefault(base, {})[actor.country] = actor
    return found


def localize(mentions: list[ActorMention], country: str | None) -> list[ActorMention]:
    """Read a bare agency name as the agency of the state the text is about ("Ministry of Public Security")."""
    if not country:
        return mentions
    table = _by_generic_name()
    out = []
    for mention in mentions:
        same = table.get(fold(mention.surface), {})
        if mention.actor.country != country and country in same:
            mention = ActorMention(mention.start, mention.end, same[country], mention.surface)
        out.append(mention)
    return out
