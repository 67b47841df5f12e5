"""Two mentions of acts in one sentence: the same act told twice, or a second act marked as another."""

from __future__ import annotations

import re

from longarm.ingestion.extract.incidents import Mention
from longarm.ingestion.extract.reading import Facts
from longarm.ingestion.extract.tactics import Trigger

# "another killing", "a separate attack", "the murder of another Iranian", "an earlier attempt on his life"
_OTHER_BEFORE = re.compile(
    r"\b(?:another|a\s+(?:second|third|separate|similar|previous|prior|further|different)|an\s+(?:earlier|other|"
    r"unrelated|older)|other)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_OTHER_AFTER = re.compile(r"^\s+(?:of|on|against)\s+(?:another|a\s+second|a\s+third|other)\b", re.I)


def marked_other(item: Facts, trigger: Trigger) -> bool:
    """Whether the text marks an act as one besides those already told ("another", "a separate", "an earlier")."""
    text, offset = item.sentence.text, item.sentence.start
    before = text[max(0, trigger.start - offset - 40) : trigger.start - offset]
    return bool(
        _OTHER_BEFORE.search(before) or _OTHER_AFTER.match(text[trigger.end - offset : trigger.end - offset + 30])
    )


# Words between two mentions of a tactic that set two acts side by side ("X's killing and the murder of ...")
_TWO_ACTS = re.compile(
    r"\b(?:and|or|nor|resembl\w*|echo\w*|recall\w*|like|similar\w*|link\w*|compar\w*|after|before|than|"
    r"follow\w*|between|preced\w*|as\s+well\s+as|plus|also)\b|;",
    re.I,
)


def _complement(item: Facts, a: Mention, b: Mention) -> bool:
    """Whether two mentions of one tactic in a sentence tell one act: one names the victim, the other where or when.

    "the murder of X, the blogger killed in Lille in May 2021": nothing contradicts and nothing sets them apart.
    """
    if a.tactic != b.tactic or a.other or b.other or a.collective or b.collective:
        return False
    if bool(a.victims) == bool(b.victims) and set(a.victims) != set(b.victims):
        return False
    if not (a.victims or b.victims) or not (a.place or a.date or b.place or b.date):
        return False
    if a.place and b.place and a.place.place.country != b.place.place.country:
        return False
    if (
        a.place
        and b.place
        and a.place.place.precision == "city" == b.place.place.precision
        and a.place.place.name != b.place.place.name
    ):
        return False
    if a.date and b.date and a.date.year != b.date.year:
        return False
    first, second = sorted((a.trigger, b.trigger), key=lambda t: t.start)
    offset = item.sentence.start
    return not _TWO_ACTS.search(item.sentence.text[first.end - offset : second.start - offset])


def dedupe(item: Facts, mentions: list[Mention]) -> list[Mention]:
    """Two triggers of one act in one sentence ("shot dead ... murder") are one mention."""
    kept: list[Mention] = []
    for mention in mentions:
        same = next(
            (
                k
                for k in kept
                if (k.tactic == mention.tactic or mention.tactic is None or k.tactic is None)
                and not (k.other or mention.other)
            ),
            None,
        )
        if same and (not mention.has_features or not same.has_features or _complement(item, same, mention)):
            same.victims = same.victims or mention.victims
            same.place = same.place or mention.place
            if mention.date and (same.date is None or mention.date.precision_rank > same.date.precision_rank):
                same.date = mention.date  # "accused in September ... shot dead on June 18": the precise one
            same.tactic = same.tactic or mention.tactic
            same.status = same.status or mention.status
            continue
        kept.append(mention)
    return kept
