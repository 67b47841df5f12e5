"""Extract candidate incidents of transnational repression from a document's text.

    extract_document(document, published="2020-09-01")
        -> {"document": ..., "incidents": [...], "estimates": [...], "in_passing": [...]}

The pipeline: `reading` finds dates, places, actors, people and cue words sentence by sentence; `assemble`
gathers mentions of acts into proposed incidents; `output` writes each as the JSON of docs/vocabulary.md; the
learned `decisions` then keep the proposals the text really reports and join those that are one act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from longarm.ingestion.extract.assemble import assemble
from longarm.ingestion.extract.candidates import Candidate, candidates
from longarm.ingestion.extract.dates import Published, page_date, parse_published
from longarm.ingestion.extract.decisions import (
    EXILE,
    Proposal,
    blame_text_state,
    clean_people,
    decide,
    load_models,
    lowercase_words,
    passed_over,
)
from longarm.ingestion.extract.estimates import find_estimates
from longarm.ingestion.extract.incidents import Incident
from longarm.ingestion.extract.keep import abroad, profile_cues
from longarm.ingestion.extract.kinds import KindModels, classify, classify_status, load_kind_models
from longarm.ingestion.extract.outcomes import without_the_act
from longarm.ingestion.extract.output import dead_of, incident_json
from longarm.ingestion.extract.reading import Reading, read
from longarm.ingestion.extract.slots import (
    Setting,
    SlotModels,
    by_sentence,
    coarse_dates,
    fill,
    load_slot_models,
    nearby,
    order_of,
)

if TYPE_CHECKING:
    from longarm.ingestion.documents import Document

__all__ = ["extract_document", "extract_text", "read_text"]

_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|was|that|for|with|his|her|said)\b", re.I)


def _language(text: str) -> str | None:
    """English when its commonest words are frequent; None when the text does not say."""
    words = max(1, len(text.split()))
    return "en" if len(_ENGLISH.findall(text)) / words > 0.08 else None


@dataclass(frozen=True)
class Proposed:
    """What the rules' pass found: the sentences, the incidents proposed, the state the text is about, estimates."""

    sentences: list[str]
    proposals: list[Proposal]
    origin: str | None
    estimates: list[dict]
    reading: Reading
    published: Published | None  # to the day when the page's head gives the day (`page_date`)

    @cached_property
    def found(self) -> list[Candidate]:
        """Every value the text offers (`candidates`), read once for the slot filling and for training."""
        return candidates(self.reading)

    @cached_property
    def order(self) -> dict[str, int]:
        """Each candidate's rank among those of its kind (`slots.order_of`)."""
        return order_of(self.found)

    @cached_property
    def coarse(self) -> frozenset[str]:
        """The dates the text also gives more precisely (`slots.coarse_dates`)."""
        return coarse_dates(self.found)

    @cached_property
    def index(self) -> dict[int, list[Candidate]]:
        """The candidates of each sentence (`slots.by_sentence`)."""
        return by_sentence(self.found)

    @cached_property
    def common(self) -> frozenset[str]:
        """The words the text writes in lower case (`decisions.lowercase_words`), for the finished incidents and
        for those told in passing."""
        return lowercase_words(self.sentences)


def _cues(incident: Incident, reading: Reading, exiled: list[bool], *, alone: bool) -> frozenset[str]:
    """What the rules say of an assembled incident beside its values: whether `keep` drops it, whether only
    loose triggers ("arrested", "deported") report it, whether its sentences or their neighbours speak of a life
    abroad (`exiled`: each sentence's `EXILE` words), whether it is the only act the rules found (`alone`)."""
    cues = set()
    if alone:
        cues.add("alone")  # a text that reports an act and holds one proposal reports that one
    if not incident.rule_kept:
        cues.add("dropped")
    if all(m.trigger.loose for m in incident.mentions):
        cues.add("loose")
    if any(any(exiled[max(0, m.sentence - 2) : m.sentence + 3]) for m in incident.mentions):
        cues.add("exile")
    return frozenset(cues | profile_cues(incident, reading, exiled="exile" in cues))


def propose(text: str, *, published: str | None = None) -> Proposed:
    """The rules' pass over a text, before the learned decisions."""
    when = page_date(text, parse_published(published))
    reading = read(text, when)
    assembled = assemble(reading)
    victims = {v for incident in assembled if incident.rule_kept for v in incident.victims}
    sentences = [f.sentence.text for f in reading.facts]
    exiled = [bool(EXILE.search(sentence)) for sentence in sentences]
    proposals = [
        Proposal(
            incident_json(incident, reading, victims),
            tuple(sorted({m.sentence for m in incident.mentions})),
            cues=_cues(incident, reading, exiled, alone=len(assembled) == 1),
        )
        for incident in assembled
    ]
    estimates = find_estimates([f.sentence for f in reading.facts])
    return Proposed(sentences, proposals, reading.origin, estimates, reading, when)


def finish(
    proposed: Proposed,
    decided: list[Proposal],
    slots: SlotModels | None,
    kinds: KindModels | None,
    *,
    fill_origin: bool,
) -> list[dict]:
    """The decided incidents with their tactic, status and roles from the learned models, names cleaned."""
    return [incident for _, incident in finished(proposed, decided, slots, kinds, fill_origin=fill_origin)]


def finished(
    proposed: Proposed,
    decided: list[Proposal],
    slots: SlotModels | None,
    kinds: KindModels | None,
    *,
    fill_origin: bool,
) -> list[tuple[Proposal, dict]]:
    """`finish`'s incidents, each beside the decided proposal it was made from."""
    pairs = []
    for proposal in decided:
        incident = proposal.incident
        if kinds is not None and not proposal.incident["evidence"]:
            # an incident the rules did not propose (the fallback) takes its tactic and status from the models
            incident = classify(kinds, incident, proposal.sentences, proposed.sentences)
        elif kinds is not None:
            incident = classify_status(kinds, incident, proposal.sentences, proposed.sentences)
        if slots is not None:
            setting = Setting(
                proposed.reading.text,
                proposal.sentences,
                incident,
                proposed.origin,
                proposed.published,
                proposed.order,
                proposed.coarse,
            )
            incident = fill(slots, nearby(proposed.found, proposed.index, proposal.sentences), setting)
        if fill_origin:
            incident = blame_text_state(incident, proposed.reading.origins)
        if incident.get("origin_state") and incident["attribution"]["basis"] == "none":
            incident = {**incident, "attribution": {"basis": "allegation"}}  # blamed by the text, on no stated ground
        # the act's own origin only: the state a text names most is often the host of an act abroad (an exile seized
        # in Bangkok, in a text that names Thailand, its police and its courts), and the models give the origin
        if abroad(incident):
            incident = without_the_act(clean_people(incident, proposed.common))
            # the status is the model's now: an attempt or a plot it tells killed no one, whatever the rules counted
            dead = dead_of(incident["tactic"], incident["status"], incident["fatalities"])
            pairs.append((proposal, {**incident, "fatalities": dead}))
    kept = without_repeats([incident for _, incident in pairs])
    return [(proposal, incident) for proposal, incident in pairs if any(incident is k for k in kept)]


_SEIZED_THEN_KILLED = frozenset(("abduction", "killing"))


def _repeats(incident: dict, earlier: dict) -> bool:
    """Whether an incident is an earlier one told again: two proposals the decisions kept apart that the slot
    models filled alike (one act, its tactic, place and date, with victims that overlap or are not named), or
    a victim's seizure and killing told apart (`_seized_then_killed`)."""
    names, known = ({v.get("name") for v in i["victims"]} for i in (incident, earlier))
    if names & known - {None} and _seized_then_killed(incident, earlier):
        return True
    if (incident["tactic"], incident["location"], incident["date"]) != (
        earlier["tactic"],
        earlier["location"],
        earlier["date"],
    ):
        return False
    return names <= known or known <= names or bool(names & known - {None})


def _seized_then_killed(incident: dict, earlier: dict) -> bool:
    """Whether two incidents of one named victim are a seizure and a killing in one country: one act, the victim
    seized and then killed (the text tells the seizure, then the death, or recalls one beside the other; no
    annotated text tells both of one victim in one country as two acts)."""
    country, other = ((i.get("location") or {}).get("country") for i in (incident, earlier))
    return {incident["tactic"], earlier["tactic"]} == _SEIZED_THEN_KILLED and country is not None and country == other


def without_repeats(incidents: list[dict]) -> list[dict]:
    """The incidents without those that repeat an earlier one (`_repeats`)."""
    kept: list[dict] = []
    for incident in incidents:
        if not any(_repeats(incident, earlier) for earlier in kept):
            kept.append(incident)
    return kept


@dataclass(frozen=True)
class Extraction:
    """What a text yields: its incidents, its estimates, and the acts it tells only in passing."""

    incidents: list[dict]
    estimates: list[dict]
    in_passing: list[dict]  # linking may join each to a known incident; none founds one


def in_passing(proposed: Proposed, told: list[tuple[Proposal, dict]]) -> list[dict]:
    """The acts with a named victim that the text tells but not as an incident of its own (`passed_over`; `told`
    is `finished`'s), as the rules read them and marked `in_passing`."""
    found = []
    for proposal in passed_over(proposed.proposals, told):
        incident = clean_people(proposal.incident, proposed.common)
        if any(v.get("name") for v in incident["victims"]) and abroad(incident, proposed.origin):
            found.append({**incident, "in_passing": True})
    return found


def read_text(text: str, *, published: str | None = None) -> Extraction:
    """Everything `extract_text` gives, and the acts told in passing; dates resolve against `published`."""
    proposed = propose(text, published=published)
    models = load_models()
    if models is None:
        return Extraction([p.incident for p in proposed.proposals if "dropped" not in p.cues], proposed.estimates, [])
    decided = decide(models, proposed.proposals, proposed.sentences)
    told = finished(proposed, decided, load_slot_models(), load_kind_models(), fill_origin=models.fill_origin)
    return Extraction([incident for _, incident in told], proposed.estimates, in_passing(proposed, told))


def extract_text(text: str, *, published: str | None = None) -> tuple[list[dict], list[dict]]:
    """Incidents and estimates in a plain text; relative dates resolve against `published` (YYYY[-MM[-DD]])."""
    extraction = read_text(text, published=published)
    return extraction.incidents, extraction.estimates


def extract_document(document: Document, *, published: str | None = None) -> dict:
    """The extract contract for one document; the document's own publication date wins over `published`."""
    when = document.published or published
    extraction = read_text(document.text, published=when)
    return {
        "document": {
            "path": document.path,
            "sha256": document.sha256,
            "title": document.title,
            "published": when,
            "language": document.language or _language(document.text),
            "text": document.text,
        },
        "incidents": extraction.incidents,
        "estimates": extraction.estimates,
        "in_passing": extraction.in_passing,
    }
