"""Photo captions a stored page keeps beside its story: what a picture shows, not what the story reports.

A caption names whoever stands in the picture ("X (left) speaks to the press") and dates the picture ("In this
file photo taken on February 4, 2021"), and the extractor took those for the act's victim and date. Wire services
write captions by a few conventions, read here: an opening that speaks of the picture, people placed in it by
"(left)" or "(centre)", a closing credit ("- AFP", "/ Getty Images").
"""

from __future__ import annotations

import re

from longarm.ingestion.extract.sentences import Sentence

_PICTURE = r"(?:photo(?:graph)?|picture|image|handout|screen\s*(?:shot|grab)|video\s+grab)"
_OPENS = re.compile(
    rf"^\W*(?:(?:in\s+)?this\s+(?:undated\s+|handout\s+|file\s+)*{_PICTURE}|(?:file|handout|undated)\s+{_PICTURE}|"
    rf"{_PICTURE}\s*:|pictured\b|caption\s*:)",
    re.I,
)
_PLACED = re.compile(
    r"\((?:left|right|cent(?:er|re)|[LRC]|(?:second|2nd|third|3rd)\s+(?:from\s+)?(?:left|right))\)", re.I
)
_AGENCY = r"(?:AFP|AP(?:\s+Photo)?|Reuters|EPA|Getty\s+Images|Anadolu(?:\s+Agency)?|Xinhua)"
# a closing credit: "- AFP", "/ Getty Images", "[Photographer/Paper/AFP]"
_CREDIT = re.compile(rf"(?:[-\u2013\u2014|]\s*|[(\[/][^()\[\]\n]{{0,60}}?){_AGENCY}\s*[)\]]?\s*$")


def is_caption(paragraph: str) -> bool:
    """Whether a paragraph reads as a photo's caption: it speaks of the picture, or places people in it and
    closes on a credit."""
    if _OPENS.match(paragraph):
        return True
    return bool(_PLACED.search(paragraph) and _CREDIT.search(paragraph))


def caption_paragraphs(sentences: list[Sentence], text: str) -> frozenset[int]:
    """The paragraphs of a text (`Sentence.paragraph`) that are photo captions."""
    spans: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        start, _ = spans.get(sentence.paragraph, (sentence.start, sentence.end))
        spans[sentence.paragraph] = (start, sentence.end)
    return frozenset(n for n, (start, end) in spans.items() if is_caption(text[start:end]))
