"""Learned slot filling: for each incident, which of the text's candidates are its victims, perpetrators,
origin state, place and date.

Each role has a logistic model over features of a candidate seen from one incident: whether it stands in
the act's sentences or how far from them, the words around it, where the text first gives it, what the
rules chose. Trained from the annotations (`training/train_extract.py`); weights in the same JSON as the
decisions. The rules' value stays where a model is not sure of any candidate.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from typing import Any

from longarm.ingestion.extract.actors import find_actors
from longarm.ingestion.extract.attribution import apparatus_at
from longarm.ingestion.extract.candidates import Candidate
from longarm.ingestion.extract.dates import Published
from longarm.ingestion.extract.decisions import LinearModel, linear, shipped_spec
from longarm.ingestion.extract.incidents import NEARBY_SENTENCES
from longarm.ingestion.extract.places import preposition

_WORD = re.compile(r"[a-z]+")
ROLES = ("victim", "perpetrator", "accused", "origin", "place", "date")
# Victims and perpetrators are lists: the likeliest needs the role's threshold, each further one this higher bar.
MORE = ("victim_more", "perpetrator_more", "accused_more")
KINDS = {
    "victim": ("person",),
    "perpetrator": ("actor", "state"),  # agencies and governments
    "accused": ("person",),  # named people who did, ordered or are charged with the act
    "origin": ("state",),
    "place": ("place",),
    "date": ("date",),
}


@dataclass(frozen=True)
class SlotModels:
    """A model and a threshold for each role."""

    models: dict[str, LinearModel]
    thresholds: dict[str, float]


@lru_cache(maxsize=1)
def load_slot_models() -> SlotModels | None:
    """The shipped slot models, or None when the weights carry none."""
    spec = shipped_spec()
    if spec is None or "slots" not in spec:
        return None
    roles = spec["slots"]
    return SlotModels(
        models={role: linear(roles[role]) for role in ROLES},
        thresholds={
            **{role: float(roles[role]["threshold"]) for role in ROLES},
            **{more: float(roles[more]) for more in MORE},
        },
    )


@dataclass(frozen=True)
class Setting:
    """What the features of a candidate are read against: the text and one incident of it."""

    text: str
    sentences: tuple[int, ...]  # the incident's act sentences
    incident: dict[str, Any]
    origin: str | None  # the state the text is mostly about
    published: Published | None  # to the day when the page gives it: "said on Friday" is then the report's own day
    order: dict[str, int]  # candidate key → rank of its first mention among its kind
    coarse: frozenset[str] = frozenset()  # dates the text also gives more precisely ("2013" beside "January 2013")


# Words that tell who suffered an act and who did it, whatever the case: the role models weigh them by how near
# they stand to a name, and learn the rest from the words around it.
_SUFFERED = frozenset(
    "killed murdered assassinated shot stabbed poisoned abducted kidnapped seized disappeared missing vanished "
    "dissident dissidents journalist activist exile exiled critic blogger opposition refugee victim victims "
    "target targeted threatened detained deported extradited attacked beaten found body dead died wife widow".split()
)
_DID = frozenset(
    "accused charged convicted sentenced suspect suspects suspected arrested gunman gunmen hitman killer killers "
    "assassin agent agents operative operatives spy spies ordered hired plotted orchestrated defendant defendants "
    "guilty jailed indicted perpetrators attacker attackers organised organized officer officers".split()
)


def _cues(text: str, start: int, end: int) -> dict[str, float]:
    """Which role words stand within five words of a mention, and whether it is told in the passive."""
    left = _WORD.findall(text[max(0, start - 60) : start].lower())[-5:]
    right = _WORD.findall(text[end : end + 60].lower())[:5]
    near = set(left) | set(right)
    found = {"near_suffered": float(bool(near & _SUFFERED)), "near_did": float(bool(near & _DID))}
    found["passive"] = float(
        bool(right[:1]) and right[0] in ("was", "were", "had", "has") and bool(set(right[1:4]) & _SUFFERED)
    )
    return found


# The grammar of a mention beside the act, by word classes rather than words, so that what one text teaches about
# "killed X" or "X, a spokesman," carries to the next: who an act was done to, who did or ordered it, who only
# speaks of it, whose title marks an office or a kinship.
_ACT_VERBS = frozenset(
    "killed murdered assassinated shot stabbed poisoned abducted kidnapped seized attacked beat beaten strangled "
    "snatched detained deported extradited threatened targeted hacked spied followed harassed".split()
)
_ACT_NOUNS = frozenset(
    "killing murder assassination death shooting stabbing poisoning abduction kidnapping disappearance detention "
    "deportation extradition attack body funeral".split()
)
_AGENT_NOUNS = frozenset(
    "killer killers murderer murderers assassin assassins kidnappers abductors attackers attacker".split()
)
_ORDERED = frozenset(
    "ordered hired directed plotted orchestrated organised organized commissioned sent recruited paid instructed "
    "approved".split()
)
_CHARGED = frozenset(
    "arrested charged convicted sentenced jailed indicted accused suspected tried acquitted guilty".split()
)
_BLAMED = frozenset("accused accuses accusing blamed blames blaming implicated suspected".split())
_SPEECH = frozenset(
    "said says told added stated wrote tweeted announced confirmed denied claimed explained insisted urged warned "
    "noted recalled commented argued called".split()
)
# words that may stand between a speaker and the verb of speech ("X earlier told")
_ADVERBS = frozenset("also earlier later then previously recently again further".split())
_OFFICE = frozenset(
    "president minister premier spokesman spokeswoman spokesperson ambassador prosecutor prosecutors judge lawyer "
    "attorney chief official officials secretary king prince crown mayor governor senator commissioner "
    "correspondent reporter editor analyst researcher director".split()
)
_KIN = frozenset(
    "wife husband son daughter father mother brother sister cousin uncle nephew niece widow relative relatives "
    "family".split()
)
_BE = frozenset("was were is are has had have been being who".split())
# the rest of a list of names after one of them ("X, Y and Z were sentenced"): the verb after it is each one's
_MORE_NAMES = re.compile(r"(?:\s*(?:,\s*and|,|and)\s+(?:[A-Z][\w'\u2019.-]*\s*)+)+")
# a clause set off by commas after a name ("X, a spokesman for the police, said"): what it says is the name's, and
# the verb after it is the name's verb
_APPOSITION = re.compile(r",([^,.;:\n\"\u201c\u201d]{1,100}),\s*")
# the words set off by a comma just before a name ("the country's ambassador to Kenya, X"): a title of the name
_TITLE_BEFORE = re.compile(r"(?:^|[,(\n])([^,.;:(\n\"\u201c\u201d]{1,80}),\s*$")
# a name governed by a preposition ("a critic of President X was shot"): the verb after is its head noun's, not its
_PREPOSED = re.compile(r"\b(?:of|for|to|with|from|against|about|under)\s+(?:[A-Z][\w.'\u2019-]*\s+){0,3}$")


def _grammar(text: str, start: int, end: int) -> set[str]:
    """How a mention stands to the act's words in its sentence: done to ("killed X", "X was shot", "X's killers"),
    doing ("X killed", "by X", "X ordered"), charged ("X was arrested"), blamed ("accused X"), speaking ("X said"),
    titled ("President X", "X, a lawyer,")."""
    before = text[max(0, start - 60) : start]
    left = _WORD.findall(_own_sentence(before).lower())[-4:]
    after = text[end : end + 60]
    right = _WORD.findall(after.lower())[:4]
    listed = _MORE_NAMES.match(text, end, end + 120)
    appos = _APPOSITION.match(text, end, end + 160)
    if listed and appos and listed.end() < appos.end() - 2:
        listed = None  # "X, HRW's director, said": capitalised words that open a clause, not a list of names
    found = _before(left, ends=after[:1] in ("", ",", ".", ";", "\n") and not listed)
    found |= _title_before(_own_sentence(before))
    if after[:2] in ("'s", "\u2019s") and len(right) > 1:
        owned = right[1]
        found.add("owner_of_agents" if owned in _AGENT_NOUNS else "owner_of_act" if owned in _ACT_NOUNS else "owner")
        return found
    appos = None if listed else appos
    if after[:1] == ",":
        noun = set(_WORD.findall(appos.group(1).lower())[:5]) if appos else set(right[:3])
        for name, words in (("office", _OFFICE), ("kin", _KIN), ("suffered", _SUFFERED), ("did", _DID)):
            if noun & words:
                found.add("appos_" + name)
    if _PREPOSED.search(before):
        return found  # "a critic of X was shot": X is not who the verb tells of
    rest = listed.end() if listed else appos.end() if appos else end
    verb = _WORD.findall(text[rest : rest + 60].lower())[:4]
    return found | _after(verb[1:] if verb[:1] and verb[0] in _ADVERBS else verb[:3])


def _title_before(before: str) -> set[str]:
    """An office or a kinship set off by a comma just before a name ("Rwanda's ambassador to Kenya, X")."""
    title = _TITLE_BEFORE.search(before)
    if not title:
        return set()
    words = set(_WORD.findall(title.group(1).lower())[-4:])
    return {name for name, kind in (("title_office", _OFFICE | _LEADER), ("title_kin", _KIN)) if words & kind}


def _before(left: list[str], *, ends: bool) -> set[str]:
    """What the words before a mention make of it; `ends` when its clause stops after it ("..., said X.")."""
    found = set()
    last = left[-1] if left else ""
    if "by" in left[-3:]:  # "shot by X", "ordered by officials of X"
        by = len(left) - 1 - left[::-1].index("by")
        found.add("by_act" if set(left[:by]) & (_ACT_VERBS | _ORDERED) else "by_other")
    elif left[-2:] in (["behest", "of"], ["request", "of"], ["orders", "of"], ["behalf", "of"]):
        found.add("by_act")
    elif last in _ACT_VERBS or (len(left) > 1 and last in ("of", "on", "against") and left[-2] in _ACT_NOUNS):
        found.add("object_of_act")
    elif set(left[-3:]) & (_BLAMED | _CHARGED):  # "accused X", "a jury convicted supermarket worker X"
        found.add("blamed")
    elif (last in _SPEECH and ends) or left[-2:] == ["according", "to"]:
        found.add("speaker")
    if set(left[-2:]) & _OFFICE:
        found.add("title_office")
    if set(left[-2:]) & _KIN:
        found.add("title_kin")
    return found


def _after(verb: list[str]) -> set[str]:
    """What the verb after a mention (or after the list of names it opens) makes of it."""
    if not verb:
        return set()
    head, rest = verb[0], set(verb[1:3])
    if head in _BE:
        found = {"subject_suffered"} if rest & _ACT_VERBS else set()
        if rest & _CHARGED:
            found.add("subject_charged")
        if rest & (_ORDERED | _SPEECH) and not rest & _ACT_VERBS:
            found.add("subject_did" if rest & _ORDERED else "speaker")
        return found
    if head in _ACT_VERBS or head in _ORDERED:
        return {"subject_did"}
    return {"speaker"} if head in _SPEECH else set()


# How a person stands to the acts over the whole text, not only beside this incident's sentences: one who only speaks,
# holds office, owns the act's agents or the victim ("X's aide", "X's nephew") or is the one the victim opposed
# ("a critic of X") is rarely its victim; the one an arrest or a charge befalls is the victim of a detention or an
# extradition request but the suspect of a killing.
_LEGAL = frozenset(("detention", "deportation", "legal_harassment"))
_GROUPS = {
    "suffered": {"object_of_act", "subject_suffered", "owner_of_act"},
    "did": {"subject_did", "by_act", "owner_of_agents", "appos_did"},
    "charged": {"subject_charged", "blamed"},
    "speaker": {"speaker"},
    "office": {"title_office", "appos_office"},
    "kin": {"title_kin", "appos_kin"},
}
_PERSON_NOUNS = _KIN | frozenset(
    "aide aides associate associates colleague colleagues friend friends ally allies lawyer lawyers spokesman "
    "adviser advisor government regime party forces men loyalists supporters followers security".split()
)
_OPPOSED = frozenset(
    "critic critics critical criticised criticized criticising criticizing foe foes opponent opponents enemy "
    "enemies opposed opposing mocking mocked insulted against rival rivals".split()
)
_LEADER = frozenset("leader ruler strongman chairman head founder dictator premier chancellor regime".split())
_VICTIM_NOUNS = frozenset(
    "dissident dissidents journalist journalists activist activists blogger bloggers critic exile exiles refugee "
    "refugees opponent defector poet writer lawmaker lawmakers campaigner businessman student students".split()
)


_ACTS_OF = _ACT_NOUNS | {noun + "s" for noun in _ACT_NOUNS}  # "the murders of X, Y and Z"
# the names and commas just before a name of a list ("killed X, Y and" before Z)
_LIST_BEFORE = re.compile(r"(?:[A-Z][\w'\u2019.-]*(?:[^\S\n]+[A-Z][\w'\u2019.-]*)*\s*(?:,\s*and|,|and)\s+)+$")


def _object_of_list(text: str, start: int) -> bool:
    """Whether a name, alone or in a list of names, is what an act was done to ("killed X", "the murders of X, Y
    and Z")."""
    before = text[max(0, start - 200) : start]
    listed = _LIST_BEFORE.search(before)
    left = _WORD.findall(before[: listed.start() if listed else len(before)].lower())[-2:]
    return bool(left) and (
        left[-1] in _ACT_VERBS
        or (left[-1] in ("of", "on", "against") and left[:1] != left[-1:] and left[0] in _ACTS_OF)
    )


# a victim the text names as such ("the target was X") or tells taken or found ("X was taken from his flat", "X,
# 54, was found dead"), in words the act's own verbs do not cover
_TOLD_TARGET = re.compile(r"\b(?:target|victim|targets|victims)\s+(?:is|was|were|being|being\s+named\s+as)\s+$")
_TAKEN = re.compile(
    r"(?:,[^,.;\n]{1,60},)?\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?"
    r"(?:taken|snatched|grabbed|bundled|forced|found(?!\s+(?:guilty|not|liable|responsible|to))|missing|lured|dragged)\b"
)

# "police had taken his wife X", "gunmen shot the exiled journalist X": the act's verb a few words before the name
_TAKEN_BEFORE = re.compile(
    r"\b(?:taken|took|removed|snatched|grabbed|seized|abducted|kidnapped|detained|deported|extradited|killed|"
    r"murdered|shot|stabbed|poisoned|attacked|targeted)\s+(?:(?:his|her|their|the|a)\s+)?"
    r"(?:(?!(?:him|them|it|us|me|told|said|says|asked|and|or|in|on|at|to|by|with|for)\s)[a-z-]+\s+){1,2}$"
)


@lru_cache(maxsize=4096)  # a person's mentions are read again for every incident of the text
def _mention_profile(text: str, start: int, end: int) -> frozenset[str]:
    """The `victim_profile` groups one mention of a person falls in."""
    cues = _grammar(text, start, end)
    seen = {group for group, members in _GROUPS.items() if cues & members}
    left = _WORD.findall(text[max(0, start - 50) : start].lower())[-4:]
    after = text[end : end + 30]
    if after[:2] in ("'s", "\u2019s") and set(_WORD.findall(after[2:].lower())[:2]) & _PERSON_NOUNS:
        seen.add("owner_of_person")
    if set(left) & _OPPOSED:
        seen.add("opposed")
    if set(left[-3:]) & _LEADER:
        seen.add("office")
    told_target = _TOLD_TARGET.search(text, max(0, start - 40), start)  # "the target was X"
    if set(left[-2:]) & _VICTIM_NOUNS or "appos_suffered" in cues or told_target:
        seen.add("victim_noun")
    if _TAKEN.match(text, end, end + 80) or _TAKEN_BEFORE.search(text, max(0, start - 60), start):
        seen.add("suffered")
    if _object_of_list(text, start):
        seen.add("suffered")
    if _MORE_NAMES.match(text, end, end + 120) or _LIST_BEFORE.search(text[max(0, start - 200) : start]):
        seen.add("listed")  # one of a list of names: the others' role is likely its own
    return frozenset(seen)


def victim_profile(candidate: Candidate, setting: Setting) -> dict[str, float]:
    """How every mention of a person in the text stands to the acts: suffering, doing, charged, speaking, holding
    office, owning another person, opposed by the victim; with the charges read by the incident's tactic."""
    seen: set[str] = set()
    for _, start, end in candidate.mentions:
        seen |= _mention_profile(setting.text, start, end)
    f = {f"vp:{group}": 1.0 for group in seen}
    if "speaker" in seen and "suffered" not in seen:
        f["vp:only_speaks"] = 1.0
    if not seen & {"suffered", "victim_noun", "kin"}:
        f["vp:never_suffered"] = 1.0
    if "kin" in seen and "suffered" not in seen:
        f["vp:kin_unharmed"] = 1.0  # a relative who speaks or grieves, not one the act was also done to
    named = [v.get("name") for v in setting.incident.get("victims") or [] if v.get("name")]
    if named and candidate.value.get("name") not in named:
        f["vp:rules_named_another"] = 1.0  # the rules found the act's victim by its words, and not this one
    if "charged" in seen:
        f["vp:charged|" + ("legal" if setting.incident["tactic"] in _LEGAL else "other")] = 1.0
    return f


def doer_profile(candidate: Candidate, setting: Setting) -> dict[str, float]:
    """The same whole-text profile for the accused model: a name the text also gives as doing, ordering or being
    charged with an act elsewhere is likelier the doer of this one than a name only seen beside its words."""
    return {"ap:" + name.removeprefix("vp:"): value for name, value in victim_profile(candidate, setting).items()}


# How a text ties a state (or its agency) to an act wherever it names it, by kinds of wording rather than words: the
# state a deportation or an extradition sends its victim to, that requested it or wanted him ("at the request of X",
# "X's extradition request"), that denies a part in it ("X denied involvement"), that its victim criticised ("a critic
# of X"), or that the text blames ("behind", "on the orders of"). The origin is the state so told, not the host.
_SENT_TO = re.compile(
    r"\b(?:deport\w*|extradit\w*|repatriat\w*|return(?:ed|ing|s)?|handed|hand(?:s|ing)?|sent|send\w*|flown|"
    r"forced|transferred|expelled|rendition)\b[^.;:]{0,40}\bto\s+(?:the\s+)?$",
    re.I,
)
_REQUESTED_BEFORE = re.compile(
    r"\b(?:request\s+(?:of|from|by)|requested\s+by|sought\s+by|wanted\s+(?:by|in)|(?:warrant|notice)\s+"
    r"(?:issued\s+|filed\s+)?by|demanded\s+by)\s+(?:the\s+)?$",
    re.I,
)
_REQUESTED_AFTER = re.compile(
    r"(?:(?:['\u2019]s)?\s+(?:\w+\s+){0,2}requests?|\s+(?:had\s+|has\s+)?(?:requested|sought|demanded|wanted|wants|"
    r"issued\s+(?:an?\s+)?(?:arrest\s+warrant|(?:interpol\s+)?red\s+notice)))\b",
    re.I,
)
_DENIED_AFTER = re.compile(r"[^.;]{0,60}\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\b", re.I)
_BLAMED_BEFORE = re.compile(
    r"\b(?:behind|blamed|blames|blaming|accused|accuses|accusing|orders\s+of|orders\s+from|ordered\s+by|"
    r"directed\s+by|behest\s+of|behalf\s+of|working\s+for|worked\s+for|spying\s+for|spied\s+for|agents?\s+of|"
    r"sent\s+by|hired\s+by|responsibility|responsible|involvement|role)\b[^.;]{0,30}$",
    re.I,
)
_BLAMED_AFTER = re.compile(
    r"(?:\s+(?:was|were|is|are|had\s+been|has\s+been|may\s+have\s+been|could\s+be)\s+(?:\w+\s+)?"
    r"(?:behind|responsible|involved)|['\u2019]s\s+(?:role|involvement|hand|responsibility)\b)",
    re.I,
)


@lru_cache(maxsize=8192)  # a state's mentions are read again for every incident of the text
def _state_use(text: str, start: int, end: int) -> frozenset[str]:
    """The ways one mention of a state ties it to an act: sent to, requesting, denying, opposed, blamed."""
    before = _own_sentence(text[max(0, start - 80) : start])
    after = text[end : end + 80]
    found = set()
    if _SENT_TO.search(before):
        found.add("sent_to")
    if _REQUESTED_BEFORE.search(before) or _REQUESTED_AFTER.match(after):
        found.add("requested")
    if _DENIED_AFTER.match(after):
        found.add("denied")
    if set(_WORD.findall(before.lower())[-4:]) & _OPPOSED:
        found.add("opposed")
    if _BLAMED_BEFORE.search(before) or _BLAMED_AFTER.match(after):
        found.add("blamed")
    return frozenset(found)


def state_profile(candidate: Candidate, setting: Setting) -> dict[str, float]:
    """How the text ties a state to the acts (`_state_use`): beside this incident's sentences, and anywhere."""
    f: dict[str, float] = {}
    for sentence, start, end in candidate.mentions:
        near = _nearest(setting.sentences, sentence) <= 1 if setting.sentences else True
        for use in _state_use(setting.text, start, end):
            f["su:" + use] = 1.0
            if near:
                f["sn:" + use] = 1.0
    return f


def _context(text: str, start: int, end: int) -> list[str]:
    left = _WORD.findall(text[max(0, start - 40) : start].lower())[-3:]
    right = _WORD.findall(text[end : end + 40].lower())[:3]
    return [f"L:{w}" for w in left] + [f"R:{w}" for w in right]


def _ruled(candidate: Candidate, incident: dict[str, Any], role: str) -> bool:
    """Whether the rules gave this candidate as the incident's value for the role."""
    if role == "victim":
        return any(v.get("name") == candidate.value.get("name") for v in incident.get("victims") or [])
    if role in ("perpetrator", "accused"):
        return any(
            (p.get("id") and p.get("id") == candidate.value.get("id")) or (p.get("name") == candidate.value.get("name"))
            for p in incident.get("perpetrators") or []
            if p.get("id") or p.get("name")
        )
    if role == "origin":
        return incident.get("origin_state") == candidate.key
    if role == "place":
        return (incident.get("location") or {}).get("place") == candidate.value.get("place")
    return bool(incident.get("date")) and incident["date"].get("start") == candidate.value.get("start")


def _sentence(mention: tuple[int, int, int]) -> int:
    return mention[0]


def _first_start(candidate: Candidate) -> int:
    return candidate.mentions[0][1]


def _nearest(told: tuple[int, ...], sentence: int) -> int:
    """How many sentences from `sentence` to the nearest of the (sorted) act sentences."""
    at = bisect.bisect_left(told, sentence)
    return min((abs(told[i] - sentence) for i in (at - 1, at) if 0 <= i < len(told)), default=9)


def _local(candidate: Candidate, told: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """The candidate's mentions within NEARBY_SENTENCES of the act (all of them in a lede)."""
    if not told:
        return candidate.mentions
    # bisected in place: a state named in every story of a long text has thousands of mentions
    mentions = candidate.mentions
    low = bisect.bisect_left(mentions, told[0] - NEARBY_SENTENCES, key=_sentence)
    return mentions[low : bisect.bisect_right(mentions, told[-1] + NEARBY_SENTENCES, key=_sentence, lo=low)]


def features(candidate: Candidate, role: str, setting: Setting) -> dict[str, float]:
    """What tells whether a candidate fills a role for one incident."""
    local = _local(candidate, setting.sentences)
    distance = min((_nearest(setting.sentences, s) for s, _, _ in local), default=9)
    f: dict[str, float] = {
        f"kind={candidate.kind}": 1.0,
        f"distance={min(distance, 3)}": 1.0,
        "headline": float(candidate.mentions[0][0] == 0),
        f"count={min(len(candidate.mentions), 3)}": 1.0,
        f"order={min(setting.order.get(candidate.kind + ':' + candidate.key, 0), 2)}": 1.0,
        "ruled": float(_ruled(candidate, setting.incident, role)),
        f"tactic={setting.incident['tactic']}": 1.0,
    }
    for sentence, start, end in local:
        if _nearest(setting.sentences, sentence) <= 1:
            for word in _context(setting.text, start, end):
                f[word] = 1.0
            if candidate.kind in ("person", "actor", "state"):
                for cue, value in _cues(setting.text, start, end).items():
                    f[cue] = max(f.get(cue, 0.0), value)
                for cue in _grammar(setting.text, start, end):
                    f["g:" + cue] = 1.0
    if candidate.kind == "person":
        f["official"] = float(candidate.official)
        f["one_word"] = float(len((candidate.value.get("name") or "").split()) == 1)
        if role == "victim":
            f.update(victim_profile(candidate, setting))
        elif role == "accused":
            f.update(doer_profile(candidate, setting))
    elif candidate.kind in ("state", "actor"):
        country = candidate.key.split(".")[0]
        f["text_state"] = float(country == setting.origin)
        f["host_state"] = float(country == (setting.incident.get("location") or {}).get("country"))
        # a merely suspected act is one gold gives no doer and often no origin: the text's own state is named in it
        # as often as in an act the text blames on it
        f[f"status={setting.incident.get('status')}"] = 1.0
        # only the origin reads how the text ties the state: the perpetrator model, which already reads its
        # candidate's own cues, learnt from them to drop named governments (cross-validated perpetrator F1 fell)
        if role == "origin":
            f.update(state_profile(candidate, setting))
    elif candidate.kind == "place":
        f[f"precision={candidate.precision}"] = 1.0
        f["in_origin_state"] = float(candidate.value.get("country") == setting.origin)
        f.update(_place_uses(setting, local))
    elif candidate.kind == "date":
        f[f"precision={candidate.precision}"] = 1.0
        if setting.published is not None:
            f[f"years_before={_gap(setting.published.date.year - int(candidate.value['start'][:4]))}"] = 1.0
            f.update(_report_days(setting.published, candidate))
        f["coarse"] = float(candidate.key in setting.coarse)
        f.update(_date_background(setting.text, candidate, local))
        f.update(_date_pace(setting.incident["tactic"], candidate))
        for sentence, start, end in local:
            f["dateline"] = max(f.get("dateline", 0.0), float(_dateline(setting.text, start, end)))
            if _nearest(setting.sentences, sentence) <= 1:
                for role in _date_roles(setting.text, start, end):
                    f[role] = 1.0
                f.update(_sentence_role(setting.text, start, end, setting.incident["tactic"]))
        f.update(_date_uses(setting.text, local))
    return f


# What a date is the date of, by the nearest telling word on either side: the act, a court or police step, a
# statement. "convicted in March" or "said on Tuesday" date no act; "shot dead on 3 May" does.
_DATE_ROLES = {
    "act": "killed killing murdered murder shot shooting stabbed stabbing assassinated assassination kidnapped "
    "kidnapping abducted abduction seized disappeared disappearance missing vanished attacked attack poisoned "
    "poisoning died dead body found deported deportation extradited extradition handed rendition plot bombing "
    "threatened harassed hacked targeted spied spying espionage surveillance monitored monitoring intimidated "
    "intimidation harassment seizure captured capture snatched happened occurred",
    "court": "court jury trial tried sentenced sentence convicted conviction charged charges indicted indictment ruled "
    "ruling verdict judgment judge hearing jailed guilty prosecutors prosecutor appeal acquitted revoked overturned "
    "upheld lawsuit sued",
    "police": "arrested arrest detained detention custody police investigation probe warrant",
    "speech": "said says told reported report statement announced published interview wrote posted added "
    "confirmed according called denied rejected dismissed claimed condemned urged revealed disclosed tweeted "
    "identified",
}
_ROLE_OF = {word: role for role, words in _DATE_ROLES.items() for word in words.split()}


def _date_roles(text: str, start: int, end: int) -> list[str]:
    """The role of the nearest telling word before a date (within eight words) and after it (within five)."""
    left = _WORD.findall(_own_sentence(text[max(0, start - 80) : start]).lower())[-8:]
    right = _WORD.findall(text[end : end + 50].lower())[:5]
    roles = [f"before={role}" for role in (_ROLE_OF.get(w) for w in reversed(left)) if role][:1]
    return roles + [f"after={role}" for role in (_ROLE_OF.get(w) for w in right) if role][:1]


def _own_sentence(before: str) -> str:
    """The part of the text before a date that is in the date's sentence: "... told the jury. In 2018, he" is no
    statement's date."""
    return before[max(before.rfind(". "), before.rfind("\n")) + 1 :]


# the acts that are themselves a police or court step: for them that step's date is the act's
_STEP_ACTS = {"legal_harassment": "court", "detention": "police"}
_HAPPENED = re.compile(r"\b(?:took\s+place|carried\s+out)\b")  # what an act's sentence may say of it in its stead
_SENTENCE_END = re.compile(r"[.!?](?:[\s\"\u201d]|$)|\n")


def _rest_of_sentence(after: str) -> str:
    """The words of `after` up to the end of the sentence they start in (`_own_sentence`'s other side)."""
    cut = _SENTENCE_END.search(after)
    return after[: cut.start() if cut else len(after)]


def _sentence_role(text: str, start: int, end: int, tactic: str) -> dict[str, float]:
    """The role of the telling word nearest a date or a place anywhere in its sentence ("found guilty by a jury on
    Friday of spying": the court's), and whether the sentence tells a police or court step and no act: a charge's, a
    trial's or a verdict's date is not the act's, unless the act is that step (an in-absentia sentence, a detention)."""

    def words(part: str) -> list[str]:
        return _WORD.findall(_HAPPENED.sub("happened", part).lower())

    left = words(_own_sentence(text[max(0, start - 300) : start]))[::-1]
    right = words(_rest_of_sentence(text[end : end + 300]))

    def role(word: str) -> str | None:
        found = _ROLE_OF.get(word)
        return "act" if found is not None and _STEP_ACTS.get(tactic) == found else found

    nearest = next((r for pair in zip_longest(left, right) for w in pair if w and (r := role(w))), None)
    found = {f"near={nearest}": 1.0} if nearest else {}
    told = {role(w) for w in left + right}
    if told & {"court", "police"} and "act" not in told:
        found["step_sentence"] = 1.0
    return found


# what a date may stand between and the word it hangs on: "reported on Friday", "was attacked late Saturday"
_DATE_LINK = frozenset("on in at early late last this past since during of the".split())


def _date_uses(text: str, mentions: list[tuple[int, int, int]]) -> dict[str, float]:
    """What each mention of a date hangs on, however far from the act: the telling word right after it ("the Feb. 26
    attack", "on Friday convicted") or before it ("reported on Friday", "was attacked Saturday"), or, for a date that
    opens its clause ("On Monday, a court sentenced"), the first telling word after it. A statement's or a court's
    date is not the act's, wherever it stands."""
    found: dict[str, float] = {}
    for _, start, end in mentions:
        after = _WORD.findall(text[end : end + 20].lower())[:1]
        if after and after[0] in _ROLE_OF and re.match(r" \w", text[end : end + 2]):  # "the Feb. 26 attack"
            found["use=" + _ROLE_OF[after[0]]] = 1.0
            continue
        before = _own_sentence(text[max(0, start - 50) : start])
        left = _WORD.findall(before.lower())[-5:]
        while left and left[-1] in _DATE_LINK:
            left.pop()
        left = left[-3:]
        role = next((_ROLE_OF[w] for w in reversed(left) if w in _ROLE_OF), None)  # "convicted him on Friday"
        if role is None and (not left or re.search(r"[,;:]\W*(?:\w+\W+)?$", before)):
            right = _WORD.findall(text[end : end + 50].lower())[:5]
            role = next((_ROLE_OF[w] for w in right if w in _ROLE_OF), None)
        if role is not None:
            found["use=" + role] = 1.0
    return found


# A place named only to situate another ("X, a suburb of the capital Y", "X, 60 km north of Y", "a Y suburb") or
# as a person's home ("Khan, from east London,"): where the act happened is the other place, or not told there.
_REFERENCE_BEFORE = re.compile(
    r"[A-Z][\w'\u2019.-]*,\s+(?:a|an|the|about|some|just|nearly)?[^,.;\n]{0,50}\b(?:suburb|outskirts|north|south|east|west|northeast|northwest|southeast|southwest|km|kilometres|kilometers|"
    r"miles)\b[^,.;\n]{0,20}\b(?:of|from)\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?$"
)
_REFERENCE_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]*,)?\s+(?:suburbs?|outskirts)\b")
_HOME = re.compile(r"[A-Z][\w'\u2019-]+,\s+(?:\d+,\s+)?(?:from|of)\s+(?:[a-z]+\s+)?$")


def _place_uses(setting: Setting, local: list[tuple[int, int, int]]) -> dict[str, float]:
    """How a place is named near the act: the preposition that introduces it ("in", "from", "to"), the act, court,
    police step or statement its nearest telling words make it the place of ("told the jury in London", "arrested in
    Moscow"), and whether it only situates another place or a person's home."""
    found: dict[str, float] = {}
    text = setting.text
    for sentence, start, end in local:
        if _nearest(setting.sentences, sentence) > 1:
            continue
        before = text[max(0, start - 80) : start]
        found[f"prep={preposition(before)}"] = 1.0
        for role in _date_roles(text, start, end):
            found["place_" + role] = 1.0
        for cue in _sentence_role(text, start, end, setting.incident["tactic"]):  # "told the jury in London"
            found["place_" + cue] = 1.0
        if _REFERENCE_BEFORE.search(before) or _REFERENCE_AFTER.match(text, end):
            found["reference"] = 1.0
        if _HOME.search(before):
            found["home"] = 1.0
    found.update({"place_" + use: 1.0 for use in _date_uses(text, local)})
    return found


# a date told in a clause about someone's past ("X, who defected last year,", "who fled in 2015") without an act's
# word: a background step of a life, seldom the act's date
_WHO_CLAUSE = re.compile(r"\b(?:who|whom|which)\b[^,.;:\n]{0,60}$")


def _date_background(text: str, candidate: Candidate, local: list[tuple[int, int, int]]) -> dict[str, float]:
    """Whether a date spans years ("from 1988 to 1998": a campaign, not one act) or stands in a relative clause."""
    found = {"span": float(candidate.value["start"][:4] != candidate.value["end"][:4])}
    for _, start, _ in local:
        clause = _WHO_CLAUSE.search(_own_sentence(text[max(0, start - 70) : start]))
        if clause and not any(_ROLE_OF.get(w) == "act" for w in _WORD.findall(clause.group().lower())):
            found["who_clause"] = 1.0
    return found


# Acts that go on for months or years rather than happen on a day: gold dates them by the years they span, or not at
# all; the day a story of them gives is most often that of a charge, a verdict or the report itself.
_ONGOING = frozenset(("surveillance", "threat", "legal_harassment", "digital_attack"))


def _date_pace(tactic: str, candidate: Candidate) -> dict[str, float]:
    """How precise a date is for an ongoing act ("spied on them between 2020 and 2023" against "convicted on
    Friday"): the same precision weighs otherwise for a campaign than for an act done on one day."""
    if tactic not in _ONGOING:
        return {}
    span = candidate.value["start"][:4] != candidate.value["end"][:4]
    return {f"ongoing={'span' if span else candidate.value['precision']}": 1.0}


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether a date opens a line as its dateline ("Dubai, Mar 09, 2020:"): the report's date, not the act's."""
    line = text.rfind("\n", 0, start) + 1
    return end - line <= 60 and bool(
        re.match(r"\s*(?:[:\u2013\u2014|]|--|\(\w+\)\s*[-\u2013\u2014])", text[end : end + 12])
    )


def coarse_dates(found: list[Candidate]) -> frozenset[str]:
    """The date candidates within which the text gives another, more precise one."""
    dates = [c for c in found if c.kind == "date"]
    rank = {"day": 3, "month": 2, "year": 1}
    return frozenset(
        c.key
        for c in dates
        if any(
            rank[o.value["precision"]] > rank[c.value["precision"]]
            and c.value["start"] <= o.value["start"] <= c.value["end"]
            for o in dates
        )
    )


def _report_days(published: Published, candidate: Candidate) -> dict[str, float]:
    """How many days before a publication known to the day a day falls, in bands, or whether a month is the
    publication's own: the report's day ("said on Friday", "convicted on Tuesday") is seldom the act's, which
    most often falls a day or a few before it; a date weeks or years back is the act's or its background's."""
    if published.precision != "day":
        return {}
    start = dt.date.fromisoformat(candidate.value["start"])
    if candidate.value["precision"] == "month":
        same = (start.year, start.month) == (published.date.year, published.date.month)
        return {"report_month": 1.0} if same else {}
    if candidate.value["precision"] != "day":
        return {}
    days = (published.date - start).days
    band = (
        "future" if days < 0 else str(days) if days < 2 else "week" if days <= 7 else "month" if days <= 31 else "more"
    )
    return {f"days_before={band}": 1.0}


def _gap(years: int) -> str:
    """How long before publication, in bands: an act is rarely dated after its report or decades before."""
    return "future" if years < 0 else str(years) if years < 4 else "4-10" if years <= 10 else "more"


def order_of(found: list[Candidate]) -> dict[str, int]:
    """Each candidate's rank among those of its kind, by first mention."""
    seen: dict[str, int] = {}
    order: dict[str, int] = {}
    for candidate in found:
        order[candidate.kind + ":" + candidate.key] = seen.get(candidate.kind, 0)
        seen[candidate.kind] = seen.get(candidate.kind, 0) + 1
    return order


def by_sentence(found: list[Candidate]) -> dict[int, list[Candidate]]:
    """The candidates mentioned in each sentence."""
    index: dict[int, list[Candidate]] = {}
    for candidate in found:
        for sentence in dict.fromkeys(s for s, _, _ in candidate.mentions):
            index.setdefault(sentence, []).append(candidate)
    return index


def nearby(found: list[Candidate], index: dict[int, list[Candidate]], told: tuple[int, ...]) -> list[Candidate]:
    """The candidates mentioned within NEARBY_SENTENCES of the act's sentences, in the text's order.

    `found` is in the text's order (by first mention, as `candidates` gives it): each candidate near the act is
    placed by bisection, not by walking every candidate of a long text.
    """
    spans = {s for t in told for s in range(t - NEARBY_SENTENCES, t + NEARBY_SENTENCES + 1)}
    seen = {id(c): c for s in spans for c in index.get(s, ())}

    def position(candidate: Candidate) -> int:
        at = bisect.bisect_left(found, candidate.mentions[0][1], key=_first_start)
        while found[at] is not candidate:  # candidates first mentioned at one offset: the text's order among them
            at += 1
        return at

    return sorted(seen.values(), key=position)


# the movements of the registry are those the states pursue ("accused by the Mojahedin"): never a doer of the acts
_NEVER_DOERS = frozenset(("movement",))


def scored(models: SlotModels, found: list[Candidate], setting: Setting) -> dict[str, list[tuple[float, Candidate]]]:
    """Each role's candidates with their probability, likeliest first."""
    ranked: dict[str, list[tuple[float, Candidate]]] = {}
    for role in ROLES:
        pool = [c for c in found if c.kind in KINDS[role] and c.value.get("kind") not in _NEVER_DOERS]
        probabilities = [(models.models[role].probability(features(c, role, setting)), c) for c in pool]
        ranked[role] = sorted(probabilities, key=lambda pair: -pair[0])
    return ranked


def _evidence(text: str, field: str, candidate: Candidate, sentences: tuple[int, ...]) -> dict[str, Any]:
    mentions = _local(candidate, sentences) or candidate.mentions
    sentence, start, end = min(mentions, key=lambda m: _nearest(sentences, m[0]) if sentences else 0)
    return {"field": field, "quote": text[start:end], "start": start, "end": end}


def fill(models: SlotModels, found: list[Candidate], setting: Setting) -> dict[str, Any]:
    """The incident with each role filled by the candidates its model is sure of, the rules' value otherwise."""
    incident = dict(setting.incident)
    ranked = scored(models, found, setting)
    limits = models.thresholds
    quotes: dict[str, list[dict[str, Any]]] = {}  # the evidence of each field the models decided

    def quote(field: str, chosen: list[Candidate]) -> None:
        quotes[field] = [_evidence(setting.text, field, c, setting.sentences) for c in chosen]

    victims = _chosen(_not_accused(ranked), limits["victim"], limits["victim_more"])
    if ranked["victim"]:
        incident["victims"] = [
            {"name": c.value["name"], "aliases": c.value.get("aliases", []), "affiliations": _affiliations(incident, c)}
            for c in victims
        ]
        quote("victims", victims)
    victim_keys = {c.key for c in victims}
    accused = [(p, c) for p, c in ranked["accused"] if c.key not in victim_keys]
    perpetrators = _one_per_state(
        _chosen(ranked["perpetrator"], limits["perpetrator"], limits["perpetrator_more"]),
        ranked["perpetrator"],
        limits["perpetrator_more"],
    )
    charged = _chosen(accused, limits["accused"], limits["accused_more"])
    perpetrators += charged + _co_accused(charged, accused, setting)
    if ranked["perpetrator"] or ranked["accused"]:
        incident["perpetrators"] = [_perpetrator(c, setting) for c in perpetrators]
        quote("perpetrators", perpetrators)
    for role, field in (("origin", "origin_state"), ("place", "location"), ("date", "date")):
        if not ranked[role]:
            continue
        probability, candidate = ranked[role][0]
        if probability < limits[role]:
            if field != "location":  # an unsure place keeps the rules' country; an unsure date or origin is none
                incident[field] = None
                quote(field, [])
            continue
        if role == "origin":
            incident["origin_state"] = candidate.key
        elif role == "place":
            incident["location"] = {**candidate.value, "precision": candidate.precision}
        else:
            candidate = _finest(candidate, ranked["date"], limits["date"], setting.text)
            incident["date"] = candidate.value
        quote(field, [candidate] if role != "origin" else [])
    kept = [e for e in incident.get("evidence") or [] if e["field"] not in quotes]
    incident["evidence"] = kept + [e for chosen in quotes.values() for e in chosen]
    return incident


# How likely, beside the likeliest, another candidate must be to fill the role too. The bars for more victims and doers
# are low (0.2: a list of names shares its verb), and a leader or a speaker named beside a sure victim passed them;
# half the first's probability keeps a list whose names are alike (make cv-screen: mean 0.629 -> 0.632 over four
# deals, none worse; 0.631 at 0.35, 0.630 at 0.65).
_MORE_OF_FIRST = 0.5


def _chosen(ranked: list[tuple[float, Candidate]], first: float, more: float) -> list[Candidate]:
    """The likeliest candidate when it reaches `first`, and the others that reach `more` and half its probability."""
    if not ranked or ranked[0][0] < first:
        return []
    floor = max(more, _MORE_OF_FIRST * ranked[0][0])
    return [ranked[0][1]] + [c for p, c in ranked[1:8] if p >= floor]


def _finest(chosen: Candidate, ranked: list[tuple[float, Candidate]], threshold: float, text: str) -> Candidate:
    """The likeliest date the model accepts that says the chosen one more precisely ("in June", then "on June 19"),
    unless a statement or a court step is what it dates: gold dates an act at the precision the text gives, and the
    model, which learns that a month holding the act's day is right too, often prefers the month."""
    rank = {"day": 3, "month": 2, "year": 1}
    inner = (
        c
        for p, c in ranked
        if p >= threshold
        and rank[c.value["precision"]] > rank[chosen.value["precision"]]
        and chosen.value["start"] <= c.value["start"] <= chosen.value["end"]
        and c.value["start"][:4] == chosen.value["start"][:4]  # within one year, not a span "from 1988 to 1998"
        and not {"use=speech", "use=court"} & set(_date_uses(text, c.mentions))
    )
    return next(inner, chosen)


def _co_accused(chosen: list[Candidate], ranked: list[tuple[float, Candidate]], setting: Setting) -> list[Candidate]:
    """The people listed beside a chosen accused near the act ("X, Y and Z were convicted"): a list of names shares
    its verb, so each has the first one's role, however less often the text names the others."""
    taken = {id(c) for c in chosen}
    spans = [m for c in chosen for m in _beside_act(c, setting)]
    found = []
    for _, candidate in ranked[:8]:
        if id(candidate) not in taken:
            own = _beside_act(candidate, setting)
            if any(_listed(setting.text, m, n) for m in spans for n in own):
                found.append(candidate)
    return found


def _beside_act(candidate: Candidate, setting: Setting) -> list[tuple[int, int, int]]:
    return [m for m in _local(candidate, setting.sentences) if _nearest(setting.sentences, m[0]) <= 1]


def _listed(text: str, one: tuple[int, int, int], other: tuple[int, int, int]) -> bool:
    """Whether two mentions of one sentence stand in one list of names: only names, ages, commas and "and" between."""
    if one[0] != other[0]:
        return False
    (_, _, end), (_, start, _) = sorted((one, other), key=lambda m: m[1])
    gap = text[end:start]
    words = _LIST_WORD.findall(gap)
    return (
        0 < start - end <= 120
        and ("," in gap or "and" in words)
        and all(w == "and" or w[0].isupper() or w.isdigit() for w in words)
    )


_LIST_WORD = re.compile(r"[^\s,]+")


def _not_accused(ranked: dict[str, list[tuple[float, Candidate]]]) -> list[tuple[float, Candidate]]:
    """The victim candidates less likely the act's doers than its victims: a man sentenced for a plot is no victim
    of it however near its words he stands."""
    accused = {c.key: p for p, c in ranked["accused"]}
    return [(p, c) for p, c in ranked["victim"] if p >= accused.get(c.key, 0.0)]


def _one_per_state(chosen: list[Candidate], ranked: list[tuple[float, Candidate]], floor: float) -> list[Candidate]:
    """A state's agency, where the text names one beside the act, in place of its government: "Iran's intelligence
    ministry" is who acted for Iran (the likeliest of its agencies takes the state's place, when the model finds it a
    likely doer of its own: an agency the text only names elsewhere leaves the government)."""
    agencies: dict[str, Candidate] = {}
    for probability, candidate in ranked:
        if candidate.kind == "actor" and probability >= floor:
            agencies.setdefault(candidate.key.split(".")[0], candidate)
    kept = [agencies.get(c.key, c) if c.kind == "state" else c for c in chosen]
    return list({id(c): c for c in kept}.values())


def _affiliations(incident: dict[str, Any], candidate: Candidate) -> list[str]:
    return next(
        (v.get("affiliations", []) for v in incident.get("victims") or [] if v.get("name") == candidate.value["name"]),
        [],
    )


def _known_agency(named: str, country: str) -> dict[str, Any] | None:
    """The registry's agency of the state whose alias a body's whole name is ("Iranian intelligence" is the Ministry
    of Intelligence), or None: the agency says who acted more exactly than the state's government."""
    found = find_actors(named)
    agency = found[0].actor if len(found) == 1 and found[0].surface == named else None
    if agency is None or agency.country != country or agency.kind != "state_agency":
        return None
    return {"id": agency.id, "name": agency.name, "kind": agency.kind}


# an agency's name as told, without a trailing possessive ("DINA's") or its owner ("South Sudan's National ...")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_OWNER = re.compile(r"^.*['\u2019]s\s+")


def _perpetrator(candidate: Candidate, setting: Setting) -> dict[str, Any]:
    if candidate.kind == "person":
        kind = "state_official" if candidate.official else "individual"
        return {"id": None, "name": candidate.value["name"], "kind": kind}
    near = sorted(_local(candidate, setting.sentences), key=lambda m: _nearest(setting.sentences, m[0]))
    if candidate.kind == "state":
        # the state's body as the text names it beside the act ("a Syrian intelligence service"), not where it
        # first names the state
        named = next((n for _, start, _ in near if (n := apparatus_at(setting.text, start))), None)
        if named:
            return {**(_known_agency(named, candidate.key) or candidate.value), "name": named}
    if candidate.kind == "actor" and near:
        # an agency as the text names it beside the act ("DINA", "the Rapid Action Battalion"), without its owner
        # ("South Sudan's National Security Service"): its id says which one it is, and a reader (or a registry that
        # lacks it) knows it by that name
        _, start, end = near[0]
        return {**candidate.value, "name": _OWNER.sub("", _POSSESSIVE.sub("", setting.text[start:end]))}
    return dict(candidate.value)
