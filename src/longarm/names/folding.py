"""Matching keys: text without accents, apostrophes and case, and keys transliterations of a name share."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes, and the ʼ and ʿ transliterations write for hamza and ayn: dropped, so O'Brien ~ OBrien, Saʿid ~ Said.
_APOSTROPHES = re.compile(r"[\u2018\u2019'`ʼʿ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# Spelling variants that transliterations of the same Persian or Arabic name use.
_TRANSLITERATIONS = (
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

# Arabic and Persian spellings of one letter, and marks that come and go between writers.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")  # harakat, superscript alef, tatweel, ZWNJ/ZWJ


def strip_accents(text: str) -> str:
    """The text with its combining marks removed (`Zürich` → `Zurich`), case and punctuation kept."""
    if text.isascii():  # nothing to decompose: most names and headlines, skipped at a character's cost
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits separated by single spaces (`Côte d'Ivoire` → `cote divoire`)."""
    folded = _APOSTROPHES.sub("", strip_accents(text).lower())
    return _NOT_ALNUM.sub(" ", folded).strip()


def name_key(name: str) -> str:
    """A key that transliteration variants of one name share (Rouhollah ~ Ruhollah)."""
    key = fold(name)
    for variant, canonical in _TRANSLITERATIONS:
        key = key.replace(variant, canonical)
    # Doubled letters come and go between transliterations (Nissi ~ Nisi).
    return re.sub(r"(.)\1+", r"\1", key)


def word_key(word: str) -> str:
    """The key one searched word shares with its spelling variants (Colahi ~ Kolahi, يوسف ~ یوسف)."""
    lowered = _MARKS.sub("", word.lower()).translate(_LETTERS)
    if not lowered.isascii() and not any("a" <= c <= "z" for c in name_key(lowered)):
        return lowered  # Arabic or Persian script: the letter folds are the key
    key = name_key(lowered).replace(" ", "")
    # c and k stand for one sound in transliterations (Colahi, Kolahi); ch keeps its own.
    return re.sub(r"c(?!h)", "k", key) or lowered
