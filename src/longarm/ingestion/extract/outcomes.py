"""What followed an incident: arrests, charges, verdicts, sentences, expulsions, sanctions, executions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from longarm.ingestion.extract.patterns import whole_words

_OUTCOMES: list[tuple[str, str]] = [
    (
        "investigation",
        r"investigat(?:ion|ions|ing|ed|ors?)|inquiry|inquest|probes?|probing|searched|raid(?:ed|s)?|"
        r"exploring\s+a\s+(?:possible\s+)?link|looking\s+for\s+(?:\w+\s+){0,2}suspects?|manhunt|"
        # the police at work on the case: "police said", an autopsy, detectives, suspects sought
        r"police\s+(?:said|say|says|believe|believed|suspect|suspected|confirmed)|autops(?:y|ies)|post-mortem|"
        r"detectives?|wanted\s+in\s+connection|no\s+leads|working\s+on\s+the\s+case|"
        r"(?:seeking|hunting|searching\s+for|tracking\s+down)\s+(?:\w+\s+){0,3}(?:suspects?|killers?|gunm[ae]n|attackers?|"
        r"assailants?|perpetrators?)",
    ),
    (
        "arrest",
        r"arrest(?:ed|s|ing)?|detained|detention\s+of|taken\s+into\s+custody|apprehended|"
        r"remanded(?:\s+(?:in|into)\s+custody)?|held\s+on\s+suspicion",
    ),
    (
        # not "accused of": what a state, a group or a victim holds against someone, far more often than a charge
        "charge",
        r"charged|charges|indicted|indictment|on\s+trial|prosecuted|prosecution\s+of|"
        r"complaint\s+against|stand\s+trial",
    ),
    (
        "conviction",
        r"convict(?:ed|ion|ions)|found\s+guilty|pleaded\s+guilty|guilty\s+plea|confessed\s+to|"
        r"court\s+(?:\w+\s+){0,3}(?:concluded|found|ruled)\s+that|"
        r"court\s+(?:\w+\s+){0,3}came\s+to\s+the\s+conclusion|verdict",
    ),
    ("acquittal", r"acquit(?:ted|tal)|found\s+not\s+guilty|cleared\s+of"),
    (
        "sentence",
        r"sentenced|sentences?\b(?!\s+(?:of\s+)?death\s+in\s+absentia)|jail\s+terms?|prison\s+terms?|"
        r"(?:years|life)\s+in\s+(?:jail|prison)|jailed|imprisoned|received\s+\d+\s+years",
    ),
    (
        "expulsion",
        r"expel(?:led|s|ling)?|expulsion|(?:diplomats?|staff|envoys?)\s+(?:\w+\s+){0,4}(?:deported|ordered\s+to\s+leave)|"
        r"persona\s+non\s+grata",
    ),
    ("recall", r"recall(?:ed|s|ing)?\s+(?:\w+\s+){0,2}ambassadors?|ambassadors?\s+(?:\w+\s+){0,3}recalled"),
    (
        "sanction",
        r"sanction(?:s|ed|ing)?|terrorism\s+list|terror\s+list|assets\s+(?:\w+\s+){0,3}frozen|froze\s+(?:\w+\s+){0,2}assets",
    ),
    ("extradition", r"extradit(?:ed|ion)"),
    ("release", r"released|freed|pardon(?:ed)?|prisoner\s+swap|let\s+go"),
    ("execution", r"executed|execution|hanged|put\s+to\s+death"),
]
# whole words: "Freedom House" frees no one
_PATTERN = whole_words((p for _, p in _OUTCOMES), "o")
_YEARS = re.compile(r"\b(?P<n>\d+(?:[.,]\d)?)\s*(?:-|\s)?years?\b|\b(?P<life>life)\b", re.I)


@dataclass(frozen=True)
class OutcomeMention:
    """An outcome named in a sentence; `years` for a prison sentence when stated."""

    start: int
    end: int
    type: str
    years: float | None = None


def find_outcomes(text: str, offset: int = 0) -> list[OutcomeMention]:
    """Outcomes in `text` (a sentence)."""
    found = []
    for match in _PATTERN.finditer(text):
        kind = _OUTCOMES[int(str(match.lastgroup)[1:])][0]
        if kind == "arrest" and re.search(
            r"\b(?:announced|claimed)\s+(?:the\s+)?$", text[max(0, match.start() - 25) : match.start()]
        ):
            continue  # an origin state announcing it "arrested" an exile reports the abduction, not a host's arrest
        years = None
        if kind == "sentence":
            years = _years_after(text[match.end() : match.end() + 60])
        found.append(OutcomeMention(offset + match.start(), offset + match.end(), kind, years))
    return found


def _years_after(text: str) -> float | None:
    """The first term of years after "sentenced": "to 20 years", "23,5 years"; None for life or none stated."""
    match = _YEARS.search(text)
    if not match or match.group("life"):
        return None
    value = float(match.group("n").replace(",", "."))
    return int(value) if value.is_integer() else value


# Acts that are themselves a state's police or court process against the exile: their arrest, extradition, raids,
# release, and for a trial in absentia its charges and verdict, are the act told again or what befell the victim
_THE_ACT_ITSELF = {
    "detention": frozenset({"arrest", "extradition", "release", "investigation"}),
    "deportation": frozenset({"arrest", "extradition", "release", "investigation"}),
    "legal_harassment": frozenset(
        {"arrest", "extradition", "release", "investigation", "charge", "conviction", "sentence"}
    ),
    # relatives freed or their homes searched are the pressure itself
    "coercion_by_proxy": frozenset({"release", "investigation"}),
    # "equivalent to an execution", "planned, financed and executed": the killing itself
    "killing": frozenset({"execution"}),
}


def without_the_act(incident: dict[str, Any]) -> dict[str, Any]:
    """The incident (as extracted, its tactic decided) without the outcomes that tell its own act again, nor
    their evidence. Left to the end, so that the decisions still weigh every outcome word the rules read."""
    told = _THE_ACT_ITSELF.get(incident["tactic"], frozenset())
    outcomes = [o for o in incident["outcomes"] if o["type"] not in told]
    if len(outcomes) == len(incident["outcomes"]):
        return incident
    evidence = [
        e
        for e in incident["evidence"]
        if e["field"] != "outcomes" or not (types := {m.type for m in find_outcomes(e["quote"])}) or not types <= told
    ]
    return {**incident, "outcomes": outcomes, "evidence": evidence}
