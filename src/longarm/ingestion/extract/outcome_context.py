"""Whether an outcome word in a sentence is an outcome of an incident, or something else the sentence says.

An outcome of an act is what followed it for the perpetrators or between states. The same words also report
what only might happen ("could face life in prison"), what someone asks for ("called for sanctions"), what did
not happen ("no arrests"), words inside a quote, the act itself done to relatives ("arrested two of his
brothers") and what the origin state did to the victim ("sentenced in absentia", "faces charges at home").
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from longarm.ingestion.extract.incidents import Incident
    from longarm.ingestion.extract.outcomes import OutcomeMention
    from longarm.ingestion.extract.reading import Facts, Reading
    from longarm.ingestion.extract.tactics import Trigger

# Outcomes that befall a person; a victim's own arrest, charge or sentence is no outcome of the act against them
AGAINST_PERSON = {"charge", "conviction", "sentence", "arrest", "acquittal", "extradition"}

# "could face", "may be charged", "if convicted", "called for sanctions", "an indictment is expected", "must be
# investigated", "to avoid possible arrest", "punishable by ten years in prison", "the prospect of a conviction"
_UNREAL_BEFORE = re.compile(
    r"\b(?:could|may|might|would|should|must|to)\s+(?:also\s+)?(?:face|be|bring|seek|impose|lead|mean|result)\b"
    r"[^.;]{0,30}$|"
    r"\b(?:if|unless|whether)\b[^.;]{0,40}$|"
    r"\b(?:faces?|facing|risks?|risking|threatened\s+with|awaiting|awaits|pending)\s+(?:\w+\s+){0,3}$|"
    r"\b(?:call(?:ed|s|ing)?|demand(?:ed|s|ing)?|urg(?:ed|es|ing)|press(?:ed|es|ing)?|push(?:ed|es|ing)?|"
    r"appeal(?:ed|s|ing)?|lobb(?:ied|ies|ying)|ask(?:ed|s|ing)?|sought|seek(?:s|ing)?|want(?:ed|s)?)\s+"
    r"(?:\w+\s+){0,4}?(?:for|to)\s+(?:\w+\s+){0,3}$|"
    r"\b(?:sought|seek(?:s|ing)?|asked\s+for|demanded|requested|requests?\s+for)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}$|"
    r"\b(?:advocat(?:ed|es|ing)|encourag(?:ed|es|ing)|favou?r(?:ed|s|ing)?)\s+(?:\w+\s+){0,2}$|"
    r"\b(?:possible|potential|avoid(?:ed|s|ing)?|evad(?:e|ed|es|ing)|escap(?:e|ed|es|ing)|fear(?:ed|s|ing)?|"
    r"punishable\s+by|carr(?:y|ies|ied|ying)\s+(?:a|an)|expos(?:e|ed|es|ing)\s+(?:\w+\s+)?to)\s+"
    r"(?:(?:up\s+to|a|an|the|\d+|[\w-]+-year)\s+){0,3}(?:\w+\s+)?$|\bprospect\s+of\b[^.;]{0,60}$",
    re.I,
)
# "an indictment is expected", "a conviction would point to", "his extradition could violate the law"
_UNREAL_AFTER = re.compile(
    r"^\w*\s+(?:(?:is|are|was|were)\s+(?:\w+\s+)?(?:expected|possible|likely|planned|sought)|would|could|might)\b",
    re.I,
)
# "no arrests have been made", "no one has been charged", "has not been arrested", "failed to arrest anybody"
# (and "failed to identify, arrest or charge anybody": the next word of a list)
_NEGATED = re.compile(
    r"\b(?:no|not|never|nobody|without|neither|nor|n't|failed\s+to|unable\s+to)\b(?:\s+[\w']+){0,3},?\s*$", re.I
)
_KIN = (
    r"relatives|family|families|family\s+members|parents|mother|father|brothers?|sisters?|cousins?|children|"
    r"sons?|daughters?|wife|husband|nieces?|nephews?|siblings?"
)
# the act on relatives: "arrested two of his brothers", "raided his family's home", "his brothers were jailed"
_KIN_AFTER = re.compile(rf"^\s+(?:[\w']+\s+){{0,4}}?(?:{_KIN})\b", re.I)
_KIN_BEFORE = re.compile(rf"\b(?:{_KIN})\b(?:\s+[\w']+){{0,3}}\s*$", re.I)
_PASSIVE_GAP = re.compile(
    r"^(?:,[^;]{0,80}?,)?\s*(?:,?\s*who\s+)?(?:(?:was|were|is|are|has|have|had|being|be|been|got)\s+){1,3}"
    r"(?:\w+ly\s+)?$|^(?:'s|\u2019s)\s+$",
    re.I,
)
_OBJECT_PRONOUN = re.compile(r"^\s+(?:him|her|them)\b", re.I)
_SUBJECT_PRONOUN = re.compile(r"(?:^|[.;,]\s*|\band\s+)(?:he|she)\s+(?:\w+\s+){0,3}$", re.I)
# "released on Friday" of a report, "the Rwanda Investigation Bureau", "a private investigator"
_NOT_AN_OUTCOME = re.compile(
    r"(?:report|statement|video|footage|document|findings|recording|data|list)\s+(?:\w+\s+){0,2}$|private\s+$", re.I
)
# charges that name what the origin state holds against its critic: "on terrorism charges", "charges of treason"
_POLITICAL_CHARGE = re.compile(
    r"\b(?:terror\w*|treason|extremis\w*|sedition|subversi\w*|separatis\w*|false\s+news|propaganda|insult\w*|"
    r"overthrow\w*|anti-state|undermining|espionage|membership|spying|incitement|fraud|embezzl\w*|corruption)\b",
    re.I,
)
# a crackdown's toll, not what followed one act: "a crackdown in which thousands were jailed", "putting dozens on trial"
_CROWD_BEFORE = re.compile(
    r"\bcrackdown\b|\b(?:dozens|scores|hundreds|thousands|millions)\s+(?:of\s+)?(?:\w+\s+){0,4}$", re.I
)
_CROWD_AFTER = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:dozens|scores|hundreds|thousands|millions)\b", re.I)
_HOSPITAL_AFTER = re.compile(r"\s+from\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:hospital|clinic|intensive\s+care)\b", re.I)
_TREATED_BEFORE = re.compile(r"\btreated\b[^.;]{0,80}$")
# "officially sanctioned", "a state-sanctioned death squad": approved, not punished
_APPROVED_BEFORE = re.compile(r"(?:\w+ly|state|government)[\s-]$")
_QUOTES = re.compile(r"[\"\u201c][^\"\u201d]{3,}[\"\u201d]")


def outcome_of(
    reading: Reading, item: Facts, outcome: OutcomeMention, incident: Incident, triggers_here: list[Trigger]
) -> bool:
    """Whether an outcome named in a sentence that speaks of `incident` is an outcome of it."""
    text, offset = item.sentence.text, item.sentence.start
    local, local_end = outcome.start - offset, outcome.end - offset
    before, after = text[max(0, local - 80) : local], text[local_end : local_end + 60]
    if any(t.start <= outcome.start < t.end for t in item.triggers if not t.loose):
        return False  # the act itself ("arrested two of his brothers" is a relative's arrest)
    if outcome.type == "sentence" and re.match(r"\s+to\s+death", after):
        return False  # death sentences are handed to victims, not to their killers, in these stories
    if _UNREAL_BEFORE.search(before) or _UNREAL_AFTER.match(text[local:local_end] + after):
        return False
    if _NEGATED.search(before[-40:]):
        return False
    if any(q.start() < local < q.end() for q in _QUOTES.finditer(text)):
        return False
    if outcome.type != "execution" and (_KIN_AFTER.match(after) or _KIN_BEFORE.search(before[-30:])):
        return False
    word = text[local:local_end]
    if _NOT_AN_OUTCOME.search(before[-30:]) or (word[:1].isupper() and local > 0 and re.match(r"\s+[A-Z]", after)):
        return False
    if outcome.type == "charge" and _POLITICAL_CHARGE.search(text[max(0, local - 30) : local_end + 40]):
        return False
    if outcome.type in AGAINST_PERSON and (_CROWD_BEFORE.search(before) or _CROWD_AFTER.match(after)):
        return False
    if outcome.type == "sanction" and _APPROVED_BEFORE.search(before):
        return False
    if outcome.type == "release" and (_HOSPITAL_AFTER.match(after) or _TREATED_BEFORE.search(before)):
        return False  # "treated for shock and released", "released from hospital": a wounded person sent home
    if outcome.type in AGAINST_PERSON and _by_origin_state(reading, item, outcome, incident):
        return False
    if incident.tactic == "coercion_by_proxy" and outcome.type in ("arrest", "sentence", "conviction", "charge"):
        return False  # what is done to relatives is the act itself
    if outcome.type in AGAINST_PERSON and _about_victim(reading, item, outcome, incident, triggers_here):
        return False
    # "detained in Pristina and flown to Turkey": the seizure is the act, not its outcome
    return not (
        incident.tactic in ("abduction", "detention", "deportation")
        and outcome.type == "arrest"
        and triggers_here
        and not re.search(r"\b(?:suspects?|kidnappers?|attackers?|assailants?|gunm[ae]n|hitm[ae]n)\b", text)
    )


def _by_origin_state(reading: Reading, item: Facts, outcome: OutcomeMention, incident: Incident) -> bool:
    """Whether the origin state did it, to its critic: "an Egyptian court sentenced", "jailed in Cambodia"."""
    from longarm.ingestion.extract.gazetteer import demonyms
    from longarm.ingestion.extract.keep import origin_of
    from longarm.names.countries import country_names

    origin = origin_of(incident) or reading.origin
    if origin is None:
        return False
    text, offset = item.sentence.text, item.sentence.start
    local, local_end = outcome.start - offset, outcome.end - offset
    if re.match(r"\s+(?:\w+\s+){0,3}?in\s+absentia", text[local_end : local_end + 40]):
        return True
    if any(
        p.place.country == origin and p.prep == "in" and 0 <= p.start - outcome.end <= 40 and incident.country != origin
        for p in item.places
    ):
        return True
    authority = re.search(
        r"\b([A-Z][a-z]+)(?:'s|\u2019s)?\s+(?:\w+\s+)?(?:court|courts|judiciary|judge|prosecutors?|authorities|"
        r"police|security\s+services)\s+(?:\w+\s+){0,2}$",
        text[max(0, local - 60) : local],
    )
    if authority:
        word = authority.group(1).lower()
        return (demonyms().get(word) or country_names().get(word)) == origin
    return False


def _about_victim(
    reading: Reading, item: Facts, outcome: OutcomeMention, incident: Incident, triggers_here: list[Trigger]
) -> bool:
    """Whether the outcome befalls the incident's victim: "X was sentenced", "who had been charged", "accused him"."""
    text, offset = item.sentence.text, item.sentence.start
    local, local_end = outcome.start - offset, outcome.end - offset
    people = [m for m in item.people if m.person >= 0]
    before = [m for m in people if m.end <= outcome.start]
    if before:
        last = before[-1]
        gap = text[last.end - offset : local]
        if last.person in incident.victims and (
            _PASSIVE_GAP.match(gap)
            or len(gap) < 30
            or (last is people[0] and not any(last.end < t.start < outcome.start for t in item.triggers))
        ):
            return True
    after = [m for m in people if m.start >= outcome.end]
    if (
        after
        and after[0].person in incident.victims
        and re.fullmatch(r"\s+(?:of\s+)?", text[local_end : after[0].start - offset])
    ):
        return True  # "sentenced Y", "the extradition of Y"
    pronoun = (
        _OBJECT_PRONOUN.match(text[local_end:])
        or (_SUBJECT_PRONOUN.search(text[max(0, local - 50) : local]) and not before)
        or (outcome.type == "charge" and re.search(r"\b(?:him|her)\b", text[max(0, local - 60) : local]))
    )
    if pronoun:
        named = before[-1].person if before else _last_named(reading, item)
        return named is not None and named in incident.victims
    return False


def _last_named(reading: Reading, item: Facts) -> int | None:
    """The last person named before this sentence, whom a "he" or "she" opening it most likely means."""
    # found by bisection (the facts are in the text's order), not by walking every sentence of a long text
    index = bisect.bisect_left(reading.facts, item.sentence.start, key=lambda f: f.sentence.start)
    for previous in reversed(reading.facts[max(0, index - 2) : index]):
        named = [m.person for m in previous.people if m.person >= 0 and not reading.people[m.person].official]
        if named:
            return named[-1]
    return None
