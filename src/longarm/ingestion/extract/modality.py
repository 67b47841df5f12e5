"""How far an act went and how sure the text is of it, read from the words of the sentences that tell it.

A plot stopped before anyone struck ("plotting to kill", "a would-be hitman") is foiled; an act its victim lived
through ("survived a murder attempt", "remains critically ill") is attempted; an act the text only reports others
saying ("reportedly shot dead", "believed to have been abducted", a headline's "alleges kidnap") is alleged.
"""

from __future__ import annotations

import re

_ACT = (
    r"(?:kill\w*|murder\w*|assassinat\w*|kidnap\w*|abduct\w*|poison\w*|shot|shooting|stabb\w*|attack\w*|seiz\w*|"
    r"detain\w*|deport\w*|extradit\w*|spy\w*|spied|hack\w*|disappear\w*|taken|held|arrested|targeted|sent\s+back|"
    r"returned)"
)
_VIOLENT = r"(?:kill|murder|assassinate|kidnap|abduct|poison|shoot|stab|attack|seize|snatch|force|lure)"
# "survived a previous assassination attempt" tells of an earlier act, not of this one; put after a `\b`, which
# matches the same places but fails at most of them at once (the lookbehinds first made the patterns twice as slow)
_NOT_EARLIER = r"(?<!previous\s)(?<!earlier\s)(?<!another\s)(?<!prior\s)"
# a return that was tried and did not happen ("refused to board the flight home"): its own cue for a deportation or
# an abduction, and for a killing one of the ways a victim outlived the act, so `survived` reads it too
_REFUSED = r"\brefused\s+to\s+(?:board|return|be\s+sent)\b"
_CUES = {
    "attempt": re.compile(
        rf"\b{_NOT_EARLIER}(?:attempted|failed|botched|unsuccessful|foiled)\s+(?:\w+\s+)?{_ACT}|"
        rf"\b{_NOT_EARLIER}(?:murder|assassination|kidnapping|abduction|killing|poisoning)\s+attempts?\b|"
        rf"\b(?:attempt(?:ed|s|ing)?|tried|trying)\s+to\s+{_VIOLENT}\w*|\battempt(?:ed|s)?\s+on\s+(?:his|her|the)\s+life\b",
        re.I,
    ),
    "survived": re.compile(
        rf"\b{_NOT_EARLIER}surviv(?:ed|es|ing|or)\b(?!\s+an?\s+(?:previous|earlier|prior))|"
        r"\bcritically\s+(?:ill|injured|wounded)\b|\bcomas?\b|\bfighting\s+for\s+(?:his|her|their)\s+li(?:fe|ves)\b|"
        rf"\b(?:recovering|hospitali[sz]ed)\b|{_REFUSED}",
        re.I,
    ),
    "refused": re.compile(_REFUSED, re.I),
    "plot": re.compile(
        # "conspiring with others to murder", "plotted for months to kill"
        rf"\b(?:plot(?:s|ted|ting)?|conspir\w+|plann(?:ed|ing)|plans?)\s+(?:[\w-]+\s+){{0,4}}?to\s+{_VIOLENT}|"
        r"\bconspiracy\b|\bwould-be\b|"
        r"\b(?:foiled|thwarted|disrupted|intercepted)\b|\bintended\s+(?:victim|target)\b|\bkill\s+list\b|"
        r"\bmurder[\s-]for[\s-]hire\b",
        re.I,
    ),
    # the hedge bears on the act itself: "reportedly been shot", not "a man suspected of murdering"
    "hedged": re.compile(
        rf"\b(?:reportedly|allegedly|alleged|suspected|presumed|feared|likely|possibly|possible)\s+"
        rf"(?:(?:has|have|had|been|was|were|be)\s+){{0,2}}{_ACT}|"
        rf"\b(?:believed|said|thought|feared|understood)\s+to\s+have\s+been\s+(?:\w+\s+)?{_ACT}|"
        rf"\b(?:may|might|could)\s+have\s+been\s+(?:\w+\s+)?{_ACT}",
        re.I,
    ),
    "claimed": re.compile(
        r"\b(?:claim(?:s|ed|ing)?|alleg(?:es|ing|ation|ations)|accus(?:es|ed|ing)|lawsuit|complaint)\b", re.I
    ),
    "quoted": re.compile(rf"[\u2018'\"\u201c]\s*(?:\w+\s+){{0,2}}{_ACT}(?:\s+\w+){{0,3}}\s*[\u2019'\"\u201d]", re.I),
    # a death whose cause the text does not tell ("found dead in a river") is as disputed as a disappearance
    "missing": re.compile(
        r"\b(?:missing|vanish(?:ed)?|whereabouts|unclear\s+circumstances|ruled\s+out|suicide|accident(?:al)?|"
        r"found\s+dead)\b",
        re.I,
    ),
    # a court's finding: it proves that spying or threats happened (for a killing, it proves a plot as well)
    "proven": re.compile(
        r"\b(?:convicted|found\s+guilty|pleaded\s+guilty|sentenced|sentences|jailed|jails|imprison(?:s|ed)?|fined)\b",
        re.I,
    ),
    # a death told: a conviction proves a plot as well as a murder, so it is no cue here
    "dead": re.compile(
        r"\b(?:shot\s+(?:to\s+death|dead)|(?:was|were|been)\s+(?:killed|murdered|assassinated)|died|succumbed|"
        r"dead\s+body)\b",
        re.I,
    ),
}


# a hedge on a death ("suspected poisoning", "most likely murdered") tells of a killing, not of the beating or the
# abduction told beside it
_DEATH = re.compile(r"(?:kill|murder|assassinat|poison)\w*$", re.I)


def modality_cues(told: tuple[int, ...], sentences: list[str]) -> frozenset[str]:
    """The cues the act's sentences hold, each also marked `@headline` when the headline (sentence 0) has it; a
    hedge on a death is `hedged_death`."""
    found = set()
    for index in told:
        for name, pattern in _CUES.items():
            for match in pattern.finditer(sentences[index]):
                cue = "hedged_death" if name == "hedged" and _DEATH.search(match.group()) else name
                found.add(cue)
                if index == 0:
                    found.add(f"{cue}@headline")
    return frozenset(found)


def read_status(tactic: str | None, rule_status: str | None, cues: frozenset[str]) -> str | None:
    """The status the cues tell for an act of `tactic`, the rules' own reading when they tell nothing."""
    if tactic in ("killing", "abduction", "deportation") and "attempt" in cues:
        return "attempted"
    if tactic in ("abduction", "deportation") and "refused" in cues:
        return "attempted"
    # a victim still alive after a killing's means is an attempt; "plotting to kill" without a death is a plot
    if tactic == "killing" and "dead" not in cues:
        if "survived" in cues:
            return "attempted"
        if "plot" in cues:
            return "foiled"
    # "the plot to kill him" told beside his death: the plot was carried out
    if tactic == "killing" and rule_status == "foiled" and "dead" in cues and not cues & {"attempt", "survived"}:
        return "completed"
    if tactic not in ("killing", "assault", "abduction") and "proven" in cues:
        return "completed"
    hedged = "hedged" in cues or (tactic == "killing" and "hedged_death" in cues)
    if hedged or cues & {"claimed@headline", "missing@headline"}:
        return "alleged"
    if rule_status in ("foiled", "attempted") and not cues & {"plot", "attempt", "survived"}:
        return "completed"  # "planned" or "wounded" said of something else than the act
    return rule_status
