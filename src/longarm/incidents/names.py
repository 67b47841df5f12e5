"""Matching keys for names spelled many ways (Persian and Arabic transliterations)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Spelling variants that transliterations of the same Persian or Arabic name use.
_FOLDS = (
    ("mohammad", "muhammad"),
    ("mohamad", "muhammad"),
    ("mohammed", "muhammad"),
    ("muhammed", "muhammad"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("kh", "k"),
    ("q", "k"),
    ("dh", "d"),
    ("w", "v"),
    ("y", "i"),
    ("e", "a"),
    ("o", "u"),
)


def plain(text: str) -> str:
    """Lowercase ASCII letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = re.sub(r"[\u2018\u2019'`ʼʿ]", "", stripped)
    return re.sub(r"[^a-z0-9]+", " ", stripped).strip()


def name_key(name: str) -> str:
    """A key that transliteration variants of one name share (Rouhollah ~ Ruhollah)."""
    key = plain(name)
    for variant, canonical in _FOLDS:
        key = key.replace(variant, canonical)
    # Doubled letters come and go between transliterations (Nissi ~ Nisi).
    return re.sub(r"(.)\1+", r"\1", key)


# Given names and name particles shared by many people: matching on one of these alone
# would merge namesakes (two different men called Mohammad).
COMMON_NAME_TOKENS = frozenset(
    name_key(token)
    for token in """
        mohammad ali ahmad hassan hossein husain hussein reza mahmoud abdul abd abdel abu ibn bin bint al el
        ibrahim ismail yusuf omar umar osman khalid mustafa said saeed mehdi mahdi hamid javad jafar karim
        fatima maryam zahra sara ahmed mohamed hasan amir seyed sayed seyyed mir
        john james david michael wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo
        ivan sergei sergey alexander alexei andrei vladimir dmitry nikolai
    """.split()
)


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The matching keys of a name's words (`Mohammad-Reza Kolahi` → muhammad, riza, kulahi)."""
    return tuple(name_key(name).split())


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names (as name_tokens) can be one person.

    Every word of the shorter name must appear in the longer (`Ahmad Nissi` ⊂ `Ahmad Mola
    Nissi`), and at least one shared word must be more than a common given name, so two
    different men called Mohammad stay apart.
    """
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not set(short) <= set(long_):
        return False
    return any(token not in COMMON_NAME_TOKENS and len(token) > 2 for token in short)
