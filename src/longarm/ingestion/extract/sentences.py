"""Split a text into sentences that keep their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt st jr sr no nos vs etc inc ltd co corp dept gov sen rep "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m approx".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n\s*\n|\n")
_SENTENCE_START = re.compile(r"\s+(?:The|A|An|He|She|It|They)\b")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
# No abbreviation is longer; a longer run of letters and dots before a period is not one.
_LONGEST_ABBREVIATION = 16
# A run of text with no sentence end (a list, a table, an attacker's unpunctuated megabyte) is cut into pieces
# of at most this many characters, at a space: the work done within one sentence grows faster than its length,
# and no sentence of an article comes near it.
LONGEST_SENTENCE = 1_000


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text and where it sits in the document."""

    start: int
    end: int
    text: str
    paragraph: int


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    # Look back from the period only as far as a word can reach, never over the whole text
    # before it: the split stays linear in the text's length.
    start = dot
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
        if dot - start > _LONGEST_ABBREVIATION:
            return False
    word = text[start:dot]
    if not word:
        return False
    if word.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    # a single capital letter is an initial ("Naoufal F. said"), unless the next word starts a sentence
    return len(word) == 1 and "A" <= word <= "Z" and not _SENTENCE_START.match(text, dot + 1)


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` at sentence ends and line breaks; offsets point into `text`."""
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start()):
            continue
        _append(sentences, text, start, end, paragraph)
        if "\n" in match.group():
            paragraph += 1
        start = end
    _append(sentences, text, start, len(text), paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """Add text[start:end] trimmed of surrounding whitespace, if anything is left, in pieces of LONGEST_SENTENCE."""
    while end - start > LONGEST_SENTENCE:
        cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE)
        cut = cut if cut > start else start + LONGEST_SENTENCE
        _append(sentences, text, start, cut, paragraph)
        start = cut
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail > lead:
        sentences.append(Sentence(start + lead, start + trail, chunk[lead:trail], paragraph))
