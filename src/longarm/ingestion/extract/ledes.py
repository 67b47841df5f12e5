"""Acts a lede reports without victim, place or date, which the rest of the story names and places."""

from __future__ import annotations

import re

from longarm.ingestion.extract.incidents import Incident, Mention

PERP_CUE = re.compile(
    r"\b(?:sentenced|convicted|found\s+guilty|charged|accused|indicted|arrested|detained|accomplices?|"
    r"confessed|pleaded\s+guilty|extradited|jailed|masterminding|masterminded|ordering|ordered|"
    r"suspects?|given\s+(?:between\s+)?\d+|broker|hitman|gunman|gunmen|hired|approved|authori[sz]ed|directed|"
    r"direction)\b",
    re.I,
)
# "The journalist, X, confirmed...", "X, 26, head of ...": the lede's unnamed target, now named
_VICTIM_NAMED = re.compile(
    r"^\W*the\s+(?:victim|dead\s+(?:man|woman)|journalist|activist|dissident|blogger|target|exile|critic|"
    r"refugee|student|writer|poet|defector)\b(?:\s*,|\s+(?:was|has\s+been)\s+(?:identified|named)\s+as)|"
    r"^\W*(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+){1,3},\s+\d{2},",
    re.I,
)


def names_victim(text: str) -> bool:
    """Whether a sentence names the target of the act just told; "X, 49, was sentenced" names a convict."""
    match = _VICTIM_NAMED.search(text)
    if match is None:
        return False
    return match.group().lstrip(" \"'").lower().startswith("the") or not PERP_CUE.search(text)


def opens(mention: Mention, incidents: list[Incident]) -> bool:
    """Whether a featureless act opens an incident: a strong, single act of a tactic not yet reported."""
    trigger = mention.trigger
    return (
        trigger.strong
        and mention.tactic is not None
        and not mention.collective
        and not mention.other
        and not any(i.tactic == mention.tactic for i in incidents)
    )


def bare_incident(incidents: list[Incident], tactic: str) -> Incident | None:
    """The lede's featureless act of this tactic, still without victim, place or date: the act now told in full."""
    for incident in incidents:
        told = [m for m in incident.mentions if m.tactic is not None]
        if (
            incident.bare
            and incident.tactic == tactic
            and not incident.victims
            and not any(m.victims or m.date for m in told)
        ):
            for mention in incident.mentions:
                if mention.tactic is None:  # "his death in France" referred to the act before it was told
                    mention.place = mention.date = None
            return incident
    return None
