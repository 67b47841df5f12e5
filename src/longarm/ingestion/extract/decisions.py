"""Learned decisions over the rule pass: which sentences report an act, which incidents are real, which are one.

The rules (`assemble`) propose incidents generously; three logistic models trained from the project's own
annotations (`make train`, `training/train_extract.py`) then decide what the rules decided badly on unseen
text: how likely a sentence is to report an act, whether a proposed incident is one the text reports, and
whether two proposals are the same act told twice. The weights are plain JSON in `longarm/data/models/`,
applied here without scikit-learn so that `longarm extract` starts fast.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from longarm.ingestion.extract.gazetteer import demonyms
from longarm.ingestion.extract.incidents import NEARBY_SENTENCES
from longarm.names.countries import country_names
from longarm.names.people import name_tokens, same_person

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STATE_SEIZURES = {"abduction", "detention", "deportation"}
# Words of a life abroad: a report of transnational repression says who its target fled; a domestic crime, a
# criminal's extradition or a hack on a firm, the stories near the subject that invent acts, rarely does
EXILE = re.compile(
    r"\b(?:exiled?|exiles|dissidents?|asylum|refugees?|diaspora|[e\u00e9]migr[e\u00e9]s?|defect(?:ed|ors?)|fled|"
    r"fleeing|flee|critics?\s+of|opposition|expatriates?|overseas|abroad|transnational)\b",
    re.I,
)
_VIOLENCE = {"killing", "assault"}


@dataclass(frozen=True)
class Proposal:
    """An incident the rules proposed: its JSON and the sentences that mention its act."""

    incident: dict[str, Any]
    sentences: tuple[int, ...]
    cues: frozenset[str] = frozenset()  # what the rules say of it beside its values ("dropped", "loose"), as features
    members: tuple[int, ...] = ()  # once decided: the proposals it was made of, the one whose values lead first


@dataclass(frozen=True)
class LinearModel:
    """A logistic model: a weight for each named feature and an intercept."""

    weights: dict[str, float]
    intercept: float

    def probability(self, features: dict[str, float]) -> float:
        """The model's probability for a feature vector given as name → value."""
        score = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class DecisionModels:
    """The trained models and the thresholds chosen on out-of-fold predictions (`make train`)."""

    sentence: LinearModel
    keep: LinearModel
    same: LinearModel
    keep_threshold: float
    same_threshold: float
    document_threshold: float
    fill_origin: bool = False  # an incident the text blames on nobody in particular takes the text's state
    fallback_threshold: float = 1.01  # a text this act-like that the rules found nothing in still reports one
    # most texts report one act: the likeliest proposal of a text that reports one is kept at this lower bar
    first_threshold: float = 1.01
    # a text the document model is this sure of reports an act: its likeliest proposal is kept at `sure_first`
    sure_document: float = 1.01
    sure_first: float = 1.01
    # whether the text reports an act at all, from its opening words and its likeliest sentences; without it,
    # the likeliest sentence's probability is held against the document threshold
    document: LinearModel | None = None


@lru_cache(maxsize=1)
def shipped_spec() -> dict[str, Any] | None:
    """The trained weights shipped in the package, or None before `make train` has written them."""
    path = resources.files("longarm.data").joinpath("models/extract_decisions.json")
    if not path.is_file():
        return None
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return spec


def linear(spec: dict[str, Any]) -> LinearModel:
    """A logistic model from its JSON: weights by feature name and an intercept."""
    return LinearModel(weights=dict(spec["weights"]), intercept=float(spec["intercept"]))


@lru_cache(maxsize=1)
def load_models() -> DecisionModels | None:
    """The shipped decision models, or None before `make train` has written them."""
    spec = shipped_spec()
    if spec is None:
        return None
    return DecisionModels(
        sentence=linear(spec["sentence"]),
        keep=linear(spec["keep"]),
        same=linear(spec["same"]),
        keep_threshold=float(spec["thresholds"]["keep"]),
        same_threshold=float(spec["thresholds"]["same"]),
        document_threshold=float(spec["thresholds"]["document"]),
        fill_origin=bool(spec["thresholds"].get("fill_origin", False)),
        fallback_threshold=float(spec["thresholds"].get("fallback", 1.01)),
        first_threshold=float(spec["thresholds"].get("first", 1.01)),
        sure_document=float(spec["thresholds"].get("sure_document", 1.01)),
        sure_first=float(spec["thresholds"].get("sure_first", 1.01)),
        document=linear(spec["document"]) if "document" in spec else None,
    )


def sentence_features(text: str, index: int) -> dict[str, float]:
    """Words and word pairs of a sentence, and whether it is the headline or the lede."""
    words = _WORD.findall(text.lower())
    features = {f"w:{w}": 1.0 for w in words}
    features.update({f"b:{a}_{b}": 1.0 for a, b in zip(words, words[1:], strict=False)})
    features["headline" if index == 0 else "lede" if index < 3 else "body"] = 1.0
    return features


def document_features(sentences: list[str], sentence_p: list[float]) -> dict[str, float]:
    """What tells a report of an act from a story near the subject (a protest, a swap, an analysis): the words
    of the headline and lede, and how act-like the text's likeliest sentences are."""
    features = {f"d:{w}": 1.0 for sentence in sentences[:3] for w in _WORD.findall(sentence.lower())}
    features["top"], features["second"] = document_top(sentence_p)
    features["act_sentences"] = min(5, sum(p >= 0.5 for p in sentence_p)) / 5
    exile = sum(bool(EXILE.search(sentence)) for sentence in sentences)
    features["exile_sentences"] = min(3, exile) / 3
    features["no_exile"] = float(not exile)
    return features


def document_probability(models: DecisionModels, sentences: list[str], sentence_p: list[float]) -> float:
    """How likely the text is to report an act at all: the document model's probability when there is one, the
    likeliest sentence's otherwise."""
    if models.document is None:
        return max(sentence_p, default=0.0)
    return models.document.probability(document_features(sentences, sentence_p))


def _names(incident: dict[str, Any]) -> set[tuple[str, ...]]:
    return {name_tokens(v["name"]) for v in incident.get("victims") or [] if v.get("name")}


def _shares_name(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    return any(same_person(x, y) for x in a for y in b)


def _span(date: dict[str, Any] | None) -> tuple[str, str] | None:
    return (date["start"], date.get("end") or date["start"]) if date and date.get("start") else None


def document_top(sentence_p: list[float]) -> tuple[float, float]:
    """The document's two highest sentence probabilities (0.0 for a missing one)."""
    ranked = [*heapq.nlargest(2, sentence_p), 0.0, 0.0]
    return ranked[0], ranked[1]


def incident_features(
    proposal: Proposal,
    rank: int,
    earlier: list[Proposal],
    sentence_p: list[float],
    *,
    top: tuple[float, float] | None = None,
) -> dict[str, float]:
    """What makes a proposed incident real: how act-like its sentences are, what it knows, where it stands.

    `top` is `document_top(sentence_p)`, given once per document so that a long text is not ranked per proposal.
    """
    incident = proposal.incident
    location = incident.get("location") or {}
    own = [sentence_p[i] for i in proposal.sentences] or [0.0]
    document_max, document_second = top if top is not None else document_top(sentence_p)
    features = {
        "sentence_max": max(own),
        "document_max": document_max,
        "document_second": document_second,
        "victim_named": float(bool(_names(incident))),
        "has_date": float(bool(incident.get("date"))),
        "has_place": float(bool(location.get("place"))),
        "has_country": float(bool(location.get("country"))),
        "has_origin": float(bool(incident.get("origin_state"))),
        "has_perpetrator": float(bool(incident.get("perpetrators"))),
        "has_outcome": float(bool(incident.get("outcomes"))),
        f"tactic={incident['tactic']}": 1.0,
        f"status={incident['status']}": 1.0,
        "mentions": min(3, len(proposal.sentences)) / 3,
        "in_headline": float(0 in proposal.sentences),
        "position": min(proposal.sentences, default=0) / max(1, len(sentence_p)),
        f"rank={min(rank, 2)}": 1.0,
        "victim_told_before": float(any(_shares_name(_names(incident), _names(p.incident)) for p in earlier)),
        "same_tactic_before": float(any(p.incident["tactic"] == incident["tactic"] for p in earlier)),
        **{f"cue:{cue}": 1.0 for cue in proposal.cues},
    }
    return features


_MEASURES = ("distance", "second_sentence")  # the pair features that are amounts, not yes or no


def pair_features(first: Proposal, second: Proposal, sentence_p: list[float]) -> dict[str, float]:
    """What makes two proposals one act: shared victim, agreeing date and place, related tactics, nearness, and each
    two of these signs together."""
    a, b = first.incident, second.incident
    names_a, names_b = _names(a), _names(b)
    loc_a, loc_b = a.get("location") or {}, b.get("location") or {}
    span_a, span_b = _span(a.get("date")), _span(b.get("date"))
    tactics = {a["tactic"], b["tactic"]}
    distance = min((abs(i - j) for i in first.sentences for j in second.sentences), default=10)
    dated = span_a is not None and span_b is not None
    overlap = span_a is not None and span_b is not None and span_a[0] <= span_b[1] and span_b[0] <= span_a[1]
    features = {
        "same_tactic": float(len(tactics) == 1),
        "state_seizures": float(len(tactics) == 2 and tactics <= _STATE_SEIZURES),
        "violence": float(len(tactics) == 2 and tactics <= _VIOLENCE),
        "shared_victim": float(_shares_name(names_a, names_b)),
        "different_victims": float(bool(names_a and names_b) and not _shares_name(names_a, names_b)),
        "second_unnamed": float(not names_b),
        "date_agrees": float(overlap),
        "date_conflicts": float(dated and not overlap),
        "country_same": float(bool(loc_a.get("country")) and loc_a.get("country") == loc_b.get("country")),
        "country_differs": float(
            bool(loc_a.get("country") and loc_b.get("country")) and loc_a["country"] != loc_b["country"]
        ),
        "place_same": float(bool(loc_a.get("place")) and loc_a.get("place") == loc_b.get("place")),
        "origin_differs": float(
            bool(a.get("origin_state") and b.get("origin_state")) and a["origin_state"] != b["origin_state"]
        ),
        "distance": min(distance, 10) / 10,
        "adjacent": float(distance <= 1),
        "second_sentence": max((sentence_p[i] for i in second.sentences), default=0.0),
    }
    # and every pair of the yes/no ones that hold together (`a&b`): a linear model weighs each sign alone, and some
    # mean more, or less, together (nearness and a like tactic, say)
    held = sorted(name for name, value in features.items() if value and name not in _MEASURES)
    return features | {f"{x}&{y}": 1.0 for x, y in itertools.combinations(held, 2)}


def _earlier(proposals: list[Proposal], rank: int) -> list[tuple[int, Proposal]]:
    """The proposals before this one that it is weighed against: every one in a lede, a bounded few in a long text."""
    start = max(0, rank - NEARBY_SENTENCES)
    return list(enumerate(proposals[start:rank], start))


def _told_apart(features: dict[str, float]) -> bool:
    """Whether a pair's features (`pair_features`) name only different victims, at another time or in another
    country: two acts, however like the rest (the same-act model, from few such pairs, may still join them)."""
    return bool(features["different_victims"] and (features["date_conflicts"] or features["country_differs"]))


def _gap(first: Proposal, second: Proposal) -> int:
    return min((abs(i - j) for i in first.sentences for j in second.sentences), default=0)


def _merge(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """One incident from two proposals of it: the base's values first, the other's filling what it lacks."""
    merged = dict(base)
    for field in ("date", "origin_state", "fatalities"):
        if merged.get(field) is None:
            merged[field] = other.get(field)
    own, theirs = merged.get("location") or {}, other.get("location") or {}
    if not own.get("place") and theirs.get("place") and own.get("country") in (None, theirs["country"]):
        merged["location"] = other["location"]
    if not merged.get("location"):
        merged["location"] = other.get("location")
    names = _names(merged)
    merged["victims"] = list(merged.get("victims") or []) + [
        v for v in other.get("victims") or [] if not v.get("name") or not _shares_name({name_tokens(v["name"])}, names)
    ]
    known = {(p.get("id"), p.get("name")) for p in merged.get("perpetrators") or []}
    merged["perpetrators"] = list(merged.get("perpetrators") or []) + [
        p for p in other.get("perpetrators") or [] if (p.get("id"), p.get("name")) not in known
    ]
    types = {o["type"] for o in merged.get("outcomes") or []}
    merged["outcomes"] = list(merged.get("outcomes") or []) + [
        o for o in other.get("outcomes") or [] if o["type"] not in types
    ]
    merged["evidence"] = list(merged.get("evidence") or []) + list(other.get("evidence") or [])
    merged["confidence"] = max(merged.get("confidence") or 0.0, other.get("confidence") or 0.0)
    return merged


def sentence_probabilities(models: DecisionModels, sentences: list[str]) -> list[float]:
    """How likely each sentence is to report an act."""
    return [models.sentence.probability(sentence_features(s, i)) for i, s in enumerate(sentences)]


def blame_text_state(incident: dict[str, Any], origins: tuple[str, ...]) -> dict[str, Any]:
    """The state the text names most, other than the host, as the origin of an act it tells without naming who did it.

    Not the host: a text about an exile seized in Bangkok names Thailand, its police and its courts more often than
    the state that wanted him. Not as its perpetrator: a perpetrator is whom the text says did the act, and a
    government the text does not name as the doer would be a value no quote supports (make cv: slot P 0.655 ->
    0.668, F1 0.590 -> 0.593).
    """
    country = (incident.get("location") or {}).get("country")
    origin = next((o for o in origins if o != country), None)
    if incident.get("origin_state") or origin is None:
        return incident
    return {**incident, "origin_state": origin}


def lowercase_words(sentences: list[str]) -> frozenset[str]:
    """Words the text writes in lower case somewhere: common words, whatever a title-case headline makes of them."""
    return frozenset(w for s in sentences for w in re.findall(r"\b[a-z][a-z'-]+\b", s))


def _demonym(word: str) -> bool:
    low = word.lower().removesuffix("s")
    return low in demonyms() or (low.endswith("n") and low[:-1] in country_names())


def strip_demonyms(name: str) -> str:
    """A person's name without the demonyms a capitalised run takes in front of it ("Indonesian Siti Aisyah")."""
    words = name.split()
    while len(words) > 1 and _demonym(words[0]):
        words.pop(0)
    return " ".join(words)


def clean_name(name: str, common: frozenset[str]) -> str | None:
    """A person's name without a leading demonym, or None when it is no name at all.

    A title-case headline turns phrases into capitalised runs ("Popular Iranian Performer", "Did Tehran
    Hire"); a run with a word the same text also writes in lower case is such a phrase.
    """
    words = strip_demonyms(name).split()
    if any(w.lower() in common for w in words if not w[:1].isupper() or len(w) > 2):
        return None
    return " ".join(words)


def clean_people(incident: dict[str, Any], common: frozenset[str]) -> dict[str, Any]:
    """The incident's victims and named perpetrators with headline phrases dropped and demonyms cut off;
    `common` is the text's lower-case words (`lowercase_words`)."""
    victims = []
    for victim in incident.get("victims") or []:
        name = clean_name(victim["name"], common) if victim.get("name") else None
        if name or not victim.get("name"):
            victims.append({**victim, "name": name} if victim.get("name") else victim)
    perpetrators = []
    for perpetrator in incident.get("perpetrators") or []:
        if perpetrator.get("id") or perpetrator.get("kind") not in ("individual", "state_official", "criminal"):
            perpetrators.append(perpetrator)
        elif name := clean_name(perpetrator.get("name") or "", common):
            perpetrators.append({**perpetrator, "name": name})
    return {**incident, "victims": victims, "perpetrators": perpetrators}


def decide(
    models: DecisionModels, proposals: list[Proposal], sentences: list[str], sentence_p: list[float] | None = None
) -> list[Proposal]:
    """The incidents the text reports: proposals that are one act merged, unlikely ones and non-reports dropped.

    `sentence_p`, the sentence model's probabilities when the caller already has them (training tries many
    thresholds with one model)."""
    if sentence_p is None:
        sentence_p = sentence_probabilities(models, sentences)
    reports = document_probability(models, sentences, sentence_p)
    if reports < models.document_threshold:
        return []  # the article reports no act: analysis, a protest, a swap
    if not proposals:
        return _fallback(models, sentence_p)
    top = document_top(sentence_p)
    keep_p = [
        models.keep.probability(
            incident_features(p, rank, proposals[max(0, rank - NEARBY_SENTENCES) : rank], sentence_p, top=top)
        )
        for rank, p in enumerate(proposals)
    ]
    # one act told twice: join each proposal to the likeliest earlier one above the threshold, never to one told apart
    parent = list(range(len(proposals)))
    for j in range(1, len(proposals)):
        # an act is told again within a few dozen sentences; beyond, a long text speaks of another
        near = [
            i for i in range(max(0, j - NEARBY_SENTENCES), j) if _gap(proposals[i], proposals[j]) <= NEARBY_SENTENCES
        ]
        pairs = [(pair_features(proposals[i], proposals[j], sentence_p), i) for i in near]
        scored = [(models.same.probability(features), i) for features, i in pairs if not _told_apart(features)]
        best, i = max(scored, default=(0.0, j))
        if best >= models.same_threshold:
            parent[j] = parent[i]
    groups: dict[int, list[int]] = {}
    for j, root in enumerate(parent):
        groups.setdefault(root, []).append(j)
    likeliest = max(range(len(proposals)), key=keep_p.__getitem__)
    first = min(models.keep_threshold, models.sure_first if reports >= models.sure_document else models.first_threshold)
    decided = []
    for members in groups.values():
        if max(keep_p[m] for m in members) < (first if likeliest in members else models.keep_threshold):
            continue
        ordered = sorted(members, key=lambda m: -keep_p[m])
        incident = proposals[ordered[0]].incident
        for m in ordered[1:]:
            incident = _merge(incident, proposals[m].incident)
        told = tuple(sorted({s for m in members for s in proposals[m].sentences}))
        decided.append((min(members), Proposal(incident, told, members=tuple(ordered))))
    return [proposal for _, proposal in sorted(decided, key=lambda pair: pair[0])]


def _fallback(models: DecisionModels, sentence_p: list[float]) -> list[Proposal]:
    """One incident, still without values, told by the text's most act-like sentences, when they are act-like enough.

    The rules find acts by their trigger words; an act told in other words ("knifed", "held in custody") leaves
    them empty-handed, but not the sentence model. The tactic and the values are filled later, by their models.
    """
    top = max(sentence_p, default=0.0)
    if top < models.fallback_threshold:
        return []
    told = tuple(i for i, p in enumerate(sentence_p) if p >= max(0.5, top - 0.2))
    skeleton: dict[str, Any] = {
        "tactic": "other",
        "status": "completed",
        "date": None,
        "location": None,
        "origin_state": None,
        "victims": [],
        "perpetrators": [],
        "outcomes": [],
        "fatalities": None,
        "attribution": {"basis": "none"},
        "evidence": [],
        "confidence": round(top * 0.5, 2),
    }
    return [Proposal(skeleton, told)]


def passed_over(proposals: list[Proposal], told: list[tuple[Proposal, dict[str, Any]]]) -> list[Proposal]:
    """The proposals whose named victim no output incident names (`told`: each beside the decided proposal it was
    made from) and that lead no output incident naming no one, one per victim and tactic.

    An output incident its slot model left without a victim is the act its leading proposal read, the name only
    under the bar; one naming someone else may be another act the same sentences told.

    Mostly acts a text recalls in passing ("since the murder of X in 2018"): the decisions rightly keep them from
    standing as the text's own incidents (or join them to its main act), yet they are how two reports of one act,
    one telling it and one recalling it, find each other when linked.
    """
    leaders = {decided.members[0] for decided, incident in told if decided.members and not _names(incident)}
    named = set().union(*(_names(incident) for _, incident in told))
    found: list[Proposal] = []
    for rank, proposal in enumerate(proposals):
        names, tactic = _names(proposal.incident), proposal.incident["tactic"]
        known = named | {n for p in found if p.incident["tactic"] == tactic for n in _names(p.incident)}
        if names and rank not in leaders and not _shares_name(names, known):
            found.append(proposal)
    return found
