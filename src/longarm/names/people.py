"""Whether two names can be one person: by shared keys (linking) and by near spellings (one document's mentions)."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from longarm.names.folding import fold, name_key

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
SIMILAR_SPELLING = 84  # rapidfuzz ratio (0-100) of two words of a name written two ways in one document


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


@lru_cache(maxsize=65536)
def spelling_tokens(name: str) -> tuple[str, ...]:
    """A name's folded words with the vowel and double-letter variants of one writer evened out."""
    # cached: grouping compares every mention with every name known so far, the same names again and again
    return tuple(fold(name).replace("ou", "u").replace("ee", "i").replace("ll", "l").split())


def similar_words(a: str, b: str) -> bool:
    """Whether two words (as spelling_tokens) are one word spelled two ways."""
    return a == b or (min(len(a), len(b)) > 2 and fuzz.ratio(a, b) >= SIMILAR_SPELLING)


def spelled_alike(a: str, b: str) -> bool:
    """Whether two full names (two words or more) are spellings of one person."""
    ta, tb = spelling_tokens(a), spelling_tokens(b)
    if not ta or not tb:
        return False
    if similar_words(ta[-1], tb[-1]) and (ta[0][0] == tb[0][0]):
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(short) >= 2 and all(any(similar_words(s, t) for t in long_) for s in short)


def words_within(a: str, b: str) -> bool:
    """Whether every folded word of name `a` is a word of name `b` (`Navalny` within `Alexei Navalny`)."""
    return set(fold(a).split()) <= set(fold(b).split())
