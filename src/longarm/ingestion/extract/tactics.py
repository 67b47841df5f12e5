"""Words that report an act of repression ("was shot dead", "kidnapped", "spying on") and its status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from longarm.ingestion.extract.patterns import whole_words

# (tactic, kind, pattern). A strong trigger can open an incident; a weak one ("the attack") only refers back;
# a loose one ("arrested") opens an incident too, which the learned decisions keep or drop.
_TRIGGERS: list[tuple[str | None, str, str]] = [
    (
        "killing",
        "strong",
        r"(?:shot|gunned|cut|struck)\s+(?:him\s+)?down|shot\s+(?:and\s+killed|dead|to\s+death)|"
        r"stabbed\s+to\s+death|beaten\s+to\s+death|poisoned|poisoning|slain|slaying|strangled|"
        r"found\s+(?:dead|hanged|hanging|(?:shot|stabbed|beaten|strangled)(?:\s+to\s+death|\s+dead)?)|"
        r"died\s+in\s+(?:police\s+)?custody|(?:nerve|chemical)\s+agent|novichok|polonium|"
        r"(?:was|were|been)\s+(?:all\s+|both\s+)?shot(?!\s+(?:at|down\s+by))|shot\s+(?=(?-i:[A-Z]))|"
        # "shot at point-blank range", "the body of X was found floating": a killing told by its scene
        r"shot\s+(?:\w+\s+){0,2}at\s+(?:close|point[\s-]blank)\s+range|"
        r"bod(?:y|ies)\b[^.;]{0,80}?\b(?:was|were|been)\s+(?:\w+\s+)?(?:found|discovered|recovered)|"
        r"bod(?:y|ies)\s+(?:were\s+)?(?:found|discovered|recovered)",
    ),
    (
        "killing",
        "strong",
        r"murder(?:ed|s|ing)?|assassinat(?:e|ed|ion|ions|ing)|kill(?:ed|ing|ings)?|dismember(?:ed|ment|ing)?|"
        r"bomb(?:ing)?\s+(?:plot|attack|attempt)s?|attempted\s+bomb(?:ing)?|bombings?\s+attempt|"
        r"plot(?:s|ted|ting)?\s+to\s+(?:kill|bomb|assassinate|murder|attack)|"
        r"(?:trying|tried|attempt(?:ed|ing)?|sought)\s+to\s+(?:poison|kill|assassinate|murder)|"
        r"(?:terror(?:ist)?|bomb)\s+(?:attack|plot)s?|plan(?:ned|ning)?\s+to\s+(?:kill|bomb|assassinate|"
        r"murder|attack|detonate)|(?-i:hit\s+(?:ordered|on))|car\s+bomb|explosives?\s+attack",
    ),
    (
        "assault",
        "strong",
        r"stabb(?:ed|ing)|assault(?:ed|s)?|acid\s+attack|beaten\s+up|(?:was|were)\s+(?:beaten|attacked)|"
        r"punch(?:ed|ing)|kick(?:ed|ing)|beat(?:en|ing)|thr(?:ew|own)\s+(?:\w+\s+){0,2}acid|acid\s+(?:was\s+)?thrown|"
        r"(?:knife|hammer)\s+attack|attacked\s+(?:with|by)",
    ),
    (
        "abduction",
        "strong",
        r"kidnap(?:ped|ping|s)?|abduct(?:ed|ion|ions|ing)?|lur(?:ed|ing|e)\s+(?:\w+\s+){0,4}(?:to|into|back)|"
        r"lured|rendition|forcibly\s+(?:returned|repatriated|disappeared)|snatched|enforced\s+disappearance|"
        r"(?:was|were|been)\s+seized|seized\s+(?=(?-i:[A-Z]))|seized\s+by|"
        # "flown to Turkey", "put on a plane to Dushanbe": a rendition names where the exile was taken
        r"(?:flown|taken|smuggled|spirited|bundled|put\s+on\s+a\s+(?:plane|flight))\s+(?:\w+\s+){0,4}?"
        r"(?:back\s+)?to\s+(?=(?-i:[A-Z]))|"
        r"forc(?:e|ed|ing)\s+(?:[\w-]+\s+){0,6}(?:plane|jet|flight|aircraft|airliner)\s+(?:[\w-]+\s+){0,8}?to\s+land",
    ),
    (
        "detention",
        "strong",
        r"(?:arrested|detained|held)\s+(?:[\w'\u2019]+\s+){0,7}?(?:at\s+the\s+(?:request|behest)\s+of|on\s+an?\s+"
        r"(?:interpol|extradition)\s+|at\s+(?-i:[A-Z])\w+(?:'s|\u2019s)?\s+request|"
        r"on\s+(?:an?\s+)?(?:(?-i:[A-Z])\w+\s+)?(?:request|warrant)\s+(?:from|of|by)\b)|"
        # "arrested in X, Y, on the basis of an Interpol Red Notice", "based on a provisional arrest request"
        r"(?:arrested|detained|held)\s+(?:[\w'\u2019-]+,?\s+){0,10}?(?:on\s+the\s+basis\s+of|based\s+on)\s+"
        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:red\s+notice|(?:arrest\s+|extradition\s+)?(?:request|warrant))",
    ),
    (
        "deportation",
        "strong",
        r"(?:deported|deportation|extradited|extradite|extraditing|handed\s+over|sent\s+back|repatriated|"
        r"transferred)\s+(?:[\w'\u2019-]+\s+){0,5}?to\s+(?:the\s+)?"
        r"(?=China|Iran|Russia|Saudi|Rwanda|Turkey|Egypt|Tajikistan|Uzbekistan|Turkmenistan|Kyrgyzstan|Belarus|"
        r"Vietnam|Eritrea|Bahrain|Chechnya|Syria|Cambodia|Thailand|Laos|Pakistan|India|Azerbaijan|Kazakhstan|"
        r"United\s+Arab\s+Emirates|UAE|Emirates|Hong\s+Kong|Algeria|Morocco|Ethiopia|Sudan|Libya|Iraq|Burundi|"
        r"Uganda|Sri\s+Lanka|Bangladesh|Myanmar|Venezuela|Nicaragua|Cuba|North\s+Korea|Tunisia|Kuwait|Qatar|"
        r"Oman|Jordan|Afghanistan|Turkish|Chinese|Iranian|Russian|Egyptian|Saudi)|"
        # "deported six opposition activists": whom a host deports says it is an exile's forced return
        r"deport(?:ed|ing|s)?\s+(?:\w+\s+){0,4}(?:activists|dissidents|refugees|critics|exiles|opponents|"
        r"journalists|asylum[\s-]seekers|bloggers|migrants)",
    ),
    (
        "surveillance",
        "strong",
        r"spy(?:ing)?\s+on|spied\s+on|spies|spying|espionage|surveil(?:led|lance|ling)|informants?|"
        # "followed exiled activist X": trailing a named person, not "followed the talks"
        r"(?:followed|tracked|trailed|stalked)(?=\s+(?:[a-z-]+\s+){0,3}(?-i:[A-Z][a-z]+\s+[A-Z]))|"
        r"reconnoit(?:red|ring)|reconnaissance|gather(?:ed|ing)\s+information\s+(?:on|about)|"
        r"monitor(?:ed|ing)\s+(?:the\s+)?(?:activities|dissidents|exiles|members)|"
        r"(?:was|were|being|been|are|is)\s+(?:being\s+)?(?:monitored|watched|followed|tracked|photographed)|"
        r"photograph(?:ed)?\s+and\s+film(?:ed)?|reported\s+(?:him|her|them)\s+to\s+the\s+(?:\w+\s+)?"
        r"(?:consulate|embassy|authorities|police)",
    ),
    (
        "threat",
        "strong",
        r"(?:death\s+)?threat(?:s|ened|ening)?|intimidat(?:e|ed|ion|ing)|harass(?:ed|ment|ing)?|coerce|"
        # "stalking", "scare tactics", "pressure campaigns to bully expatriates", "had been publicly warned"
        r"stalk(?:ed|ing)|bull(?:y|ied|ying)|scare\s+tactics|pressure\s+campaigns?|"
        r"(?:was|were|been)\s+(?:\w+\s+)?warned\s+by|"
        r"warned\s+(?:him|her|them)\b|warned\s+that\s+(?:his|her|their)\s+(?:family|relatives|parents|children)",
    ),
    (
        "coercion_by_proxy",
        "strong",
        r"(?:relatives|family\s+members|family|parents|mother|father|brothers?|sisters?|cousins|children|sons?|"
        r"daughters?)\s+(?:[\w,]+\s+){0,6}?(?:were|was|have\s+been|had\s+been|are|is)\s+(?:\w+\s+)?"
        r"(?:detained|arrested|interrogated|summoned|questioned|pressured|jailed|held)|"
        # "detained two of her brothers", "took the parents of X in for questioning"
        r"(?:detain(?:ed|ing)|arrest(?:ed|ing)|jail(?:ed|ing)|summon(?:ed|ing)|interrogat(?:ed|ing)|question(?:ed|ing)|"
        r"raided|took|taking|held|holding|visit(?:ed|ing)|"
        r"(?:imposed|impose)\s+(?:travel|exit)\s+bans\s+on|pressur(?:ed|ing)|threaten(?:ed|ing)|harass(?:ed|ing)|punish(?:ed|ing))\s+"
        r"(?:[\w'\u2019]+\s+){0,4}?"
        r"(?:relatives|family\s+members|parents|brothers|sisters|cousins|children|sons|daughters|"
        r"(?:his|her|their|my)\s+(?:mother|father|brother|sister|son|daughter|wife|husband|family|parents))\b|"
        # "raided the homes of six members of the extended family of X"
        r"raided\s+(?:the\s+)?homes?\s+of\s+(?:[\w-]+\s+){0,6}?(?:family|relatives)\b|"
        r"(?:travel|exit)\s+bans?\s+on\s+(?:\w+\s+){0,4}(?:relatives|family|parents|brothers|sisters|children)|"
        r"(?:raided|searched)\s+the\s+family\s+home",
    ),
    (
        "digital_attack",
        "strong",
        r"hack(?:ed|ing|ers?)|phishing|spyware|malware|Pegasus|FinSpy|FinFisher|cyber-?\s?attacks?",
    ),
    (
        "legal_harassment",
        "strong",
        r"red\s+notices?|interpol\s+notices?|in\s+absentia|extradition\s+requests?|bount(?:y|ies)|"
        r"(?:issued|issue|issues|issuing)\s+(?:\w+\s+){0,2}(?:arrest\s+)?warrants?",
    ),
    # loose: an arrest or a deportation said without the words that make it transnational ("at China's request")
    ("detention", "loose", r"arrested|detain(?:ed|s|ing)|apprehended|taken\s+into\s+custody"),
    (
        "deportation",
        "loose",
        r"deport(?:ed|ing|s|ations?)|extradit(?:ed|es?|ing)|hand(?:ed|s|ing)\s+(?:[\w'\u2019-]+\s+){0,4}?over|"
        r"sent\s+back|forcibly\s+returned|returned\s+to\s+(?=(?-i:[A-Z]))",
    ),
    (
        None,
        "weak",
        r"attacks?|plots?|shooting|death|operation|disappear(?:ed|ance)|went\s+missing|vanished|bombings?|incident|hit|"
        r"rally|gathering|"
        r"(?:announced|claimed)\s+(?:the\s+)?arrest",
    ),
]
_PATTERN = whole_words((p for _, _, p in _TRIGGERS), "t")
_NEGATED = re.compile(r"\b(?:no|not|never|denied|denies|deny|without)\b[^.;]{0,40}$", re.I)
_FOILED = re.compile(
    r"\b(?:foil(?:ed|s)?|thwart(?:ed|s)?|avert(?:ed)?|disrupt(?:ed)?|prevent(?:ed)?|plot(?:s|ted|ting)?|"
    r"plann(?:ed|ing)|plans?\s+to|conspir\w+|intercepted)\b",
    re.I,
)
_ATTEMPTED = re.compile(r"\b(?:attempt(?:ed|s|ing)?|tried\s+to|failed|survived|wounded|injured)\b", re.I)
_ALLEGED = re.compile(
    r"\b(?:suspected|alleged(?:ly)?|reportedly|accused|claim(?:ed|s)?|affirmed|said\s+that|may\s+have|"
    r"believed)\b",
    re.I,
)
_ADMITTED = re.compile(r"\b(?:confess(?:ed|es)|pleaded\s+guilty|admitted|convicted|found\s+guilty)\b", re.I)
# Act verbs in the past tense mean the act happened, whatever else the sentence says.
_DONE = re.compile(
    r"\b(?:shot\s+(?:and\s+killed|dead)|gunned\s+down|was\s+(?:killed|murdered|assassinated|kidnapped|"
    r"abducted|stabbed|lured)|were\s+(?:killed|murdered)|killed\s+in|murdered\s+in|died)\b",
    re.I,
)


# Several acts summed up in one noun ("the murders"); agent nouns ("spies", "informants") are not that.
_ACTS_PLURAL = re.compile(
    r"(?:murders|killings|assassinations|attacks|plots|abductions|kidnappings|bombings|shootings|stabbings|"
    r"assaults|poisonings|renditions|disappearances|attempts)$",
    re.I,
)


@dataclass(frozen=True)
class Trigger:
    """A word or phrase reporting an act; `tactic` is None for a weak reference such as "the attack"."""

    start: int
    end: int
    tactic: str | None
    strong: bool
    plural: bool
    surface: str
    loose: bool = False  # one of the loose triggers: an arrest or a return the decisions must judge


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Triggers in `text` (a sentence), leaving out negated ones ("did not kill")."""
    found = []
    for match in _PATTERN.finditer(text):
        index = int(str(match.lastgroup)[1:])
        tactic, kind, _ = _TRIGGERS[index]
        strong = kind != "weak"
        if _NEGATED.search(text[max(0, match.start() - 45) : match.start()]) and "no doubt" not in text:
            strong = False
        surface = match.group().rstrip()
        plural = bool(_ACTS_PLURAL.search(surface))
        end = match.start() + len(surface)
        found.append(Trigger(offset + match.start(), offset + end, tactic, strong, plural, surface, kind == "loose"))
    return found


def status_hint(text: str, tactic: str | None) -> str | None:
    """The status a sentence reports: completed, foiled, attempted or alleged, or None when it says nothing."""
    if _DONE.search(text) and not _FOILED.search(text):
        return "completed"
    if tactic not in ("killing", "assault", None) and _ADMITTED.search(text):
        return "completed"  # a confessed or proven act of spying or threats happened
    if tactic in ("killing", "assault", None) and _FOILED.search(text):
        return "foiled"
    if tactic in ("killing", "assault", "abduction", None) and _ATTEMPTED.search(text):
        return "attempted"
    if tactic not in ("killing", "abduction") and _ALLEGED.search(text):
        return "alleged"
    return None
