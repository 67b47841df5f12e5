"""The review queue as clusters: one item per proposed incident, with all its candidates, from the stored matches.

Linking (`matching.link_pending`) stores each pending candidate's certain and possible
matches; the queue joins candidates through their certain matches with each other,
strongest first and never across two unlike profiles, exactly as `--auto-merge` clusters
them, so a person sees the four reports of one plot as one proposed incident, not four
rows, and never one item that auto-merge would make two incidents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from longarm.review import profile_store
from longarm.review.clusters import components, strongest_first, unlike
from longarm.review.matching import candidate_profile
from longarm.review.models import Candidate, CandidateStatus, MatchRecord
from longarm.review.probability import link_model
from longarm.review.profiles import Profile


class QueueLink(MatchRecord):
    """A match in a queue item, with the candidate whose match it is."""

    from_candidate: int


@dataclass
class QueueItem:
    """A proposed incident: its pending candidates, the incident they would join, and why."""

    candidates: list[Candidate]
    incidents: list[str]  # known incidents the candidates match with certainty
    links: list[QueueLink] = field(default_factory=list)  # the certain matches holding it together
    doubts: list[QueueLink] = field(default_factory=list)  # possible matches outside it

    @property
    def probability(self) -> float | None:
        """The weakest certain match in the cluster (None for a lone candidate without one)."""
        return min((link.score for link in self.links), default=None)

    @property
    def proposal(self) -> str:
        """What accepting the item does, in words."""
        if len(self.incidents) > 1:
            return f"matches {len(self.incidents)} known incidents: choose one to merge into"
        if self.incidents:
            return f"joins incident {self.incidents[0]}"
        if all(candidate.payload.get("in_passing") for candidate in self.candidates):
            return "told only in passing: a new incident only if you accept it"
        return "a new incident"


def _node(match: MatchRecord) -> str:
    return f"incident:{match.incident_id}" if match.incident_id else f"candidate:{match.candidate_id}"


def _profiles(session: Session, pending: dict[str, Candidate], edges: list[tuple[str, str]]) -> dict[str, Profile]:
    """The profiles of the pending candidates and of the incidents they are certain of, to hold unlike ones apart."""
    profiles = {ref: candidate_profile(candidate) for ref, candidate in pending.items()}
    profile_store.up_to_date(session)
    known = [node.partition(":")[2] for _, node in edges if node.startswith("incident:")]
    profiles.update((p.ref, p) for p in profile_store.stored_profiles(session.connection(), known))
    return profiles


def pending_items(*, session: Session) -> list[QueueItem]:
    """Every pending candidate in exactly one item, oldest item first."""
    pending = {
        f"candidate:{c.id}": c
        for c in session.scalars(
            select(Candidate)
            .where(Candidate.status == CandidateStatus.pending.value)
            .options(selectinload(Candidate.source))
            .order_by(Candidate.id)
        )
    }
    scored = [
        (-match.score, ref, _node(match))
        for ref, candidate in pending.items()
        if not candidate.separate
        for match in candidate.ranked
        if match.certain
        and (match.incident_id or f"candidate:{match.candidate_id}" in pending)
        and not (match.candidate_id and pending[_node(match)].separate)
    ]
    edges = strongest_first(scored)  # as `clusters` joins them
    items = []
    for members in components(pending, edges, unlike=unlike(_profiles(session, pending, edges), link_model())):
        nodes = set(members)
        candidates = sorted((pending[ref] for ref in members if ref in pending), key=lambda c: c.id)
        item = QueueItem(candidates=candidates, incidents=[r.partition(":")[2] for r in members if r not in pending])
        for candidate in candidates:
            for match in candidate.ranked:
                link = QueueLink(**match.model_dump(), from_candidate=candidate.id)
                if match.certain and _node(match) in nodes:
                    item.links.append(link)
                elif match.possible and _node(match) not in nodes:
                    item.doubts.append(link)
        items.append(item)
    return sorted(items, key=lambda item: item.candidates[0].id)


def item_of(*, session: Session, candidate: Candidate) -> QueueItem | None:
    """The queue item holding this pending candidate (None once it is decided)."""
    if candidate.status != CandidateStatus.pending.value:
        return None
    return next((item for item in pending_items(session=session) if candidate in item.candidates), None)
