"""Cluster, don't chain: candidates and incidents joined by certain matches, resolved together.

The pending candidates and the known incidents form a graph whose edges are certain
matches (probability at or above the learned `certain` threshold). Each component is one
incident, joined strongest match first and never across two profiles told apart (`apart`: a
text that tells two acts as one would otherwise chain both acts' reports). A
component without an incident becomes a new one, a component holding exactly one joins
it. An act a report tells only in passing (`in_passing`) joins only through the victim both
name, and a component of such acts alone founds no incident: it waits for a report of its
own. A component holding two incidents, a candidate a person has already handled, or (for
a component without an incident) a merely *possible* match to a known incident is left
for a person: two known incidents are never merged automatically. A possible match
between two new clusters does not hold them back (each becomes an incident); the queue
lists it as a possible duplicate. The components depend only on the set of profiles,
never on the order in which they arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from longarm.review.comparisons import identifies, levels, vetoed
from longarm.review.link import LinkIndex
from longarm.review.probability import LinkModel, Match, chance, link_model
from longarm.review.profiles import Profile


class Decision(StrEnum):
    """What --auto-merge does with a cluster."""

    new = "new"  # no known incident: the candidates become one new incident
    existing = "join"  # exactly one known incident: the candidates join it
    review = "review"  # a person decides
    in_passing = "in_passing"  # only acts told in passing: they wait for a report of their own


@dataclass
class Cluster:
    """A proposed incident: candidates (and at most, for a decision, one incident) joined by certain matches."""

    candidates: list[str]
    incidents: list[str]
    links: list[tuple[str, Match]] = field(default_factory=list)  # certain edges inside: (from, match)
    doubts: list[tuple[str, Match]] = field(default_factory=list)  # possible edges leaving the cluster
    held: bool = False  # holds a candidate a person has handled
    in_passing: bool = False  # every candidate is an act its report tells only in passing

    @property
    def decision(self) -> Decision:
        """New, join or review (see the module's docstring)."""
        # A possible match to a known incident holds back a cluster that would otherwise be new;
        # one that is certain of its own incident joins it (the other stays listed for review).
        doubtful = not self.incidents and any(match.ref.startswith("incident:") for _, match in self.doubts)
        if len(self.incidents) > 1 or doubtful or self.held:
            return Decision.review
        if self.in_passing and not self.incidents:
            return Decision.in_passing
        return Decision.existing if self.incidents else Decision.new

    @property
    def probability(self) -> float:
        """The weakest certain link holding the cluster together (1.0 for a lone candidate)."""
        return min((match.score for _, match in self.links), default=1.0)


def _find(parent: dict[str, str], ref: str) -> str:
    while parent[ref] != ref:
        parent[ref] = parent[parent[ref]]
        ref = parent[ref]
    return ref


def components(
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    *,
    unlike: Callable[[list[str], list[str]], bool] | None = None,
) -> list[list[str]]:
    """Connected components of a graph, each sorted, in order of their first node: the same for any edge order.

    With `unlike`, the edges are taken in the order given and never join two groups it holds apart.
    """
    parent = {node: node for node in nodes}
    members = {node: [node] for node in parent}
    for a, b in edges:
        for ref in (a, b):
            if ref not in parent:
                parent[ref], members[ref] = ref, [ref]
        x, y = _find(parent, a), _find(parent, b)
        if x == y or (unlike is not None and unlike(members[x], members[y])):
            continue
        root, other = min(x, y), max(x, y)
        parent[other] = root
        members[root] += members.pop(other)
    return sorted(sorted(group) for group in members.values())


def strongest_first(scored: Iterable[tuple[float, str, str]]) -> list[tuple[str, str]]:
    """Edges `(-score, from, to)` as `(from, to)`, strongest first and ties by ref: the same for any arrival order."""
    return [(ref, other) for _, ref, other in sorted(scored)]


def apart(a: Profile, b: Profile, model: LinkModel) -> bool:
    """Whether two profiles are told apart: below `possible`, vetoed (other named victims, dates months apart), or
    without identifying evidence, unless one names no victim and the pair is as likely as a certain match."""
    found = levels(a, b)
    likely = chance(found, model)
    if likely < model.possible:
        return True
    if identifies(found):  # (never vetoed)
        return False
    # A report that names no victim, told in other words, lacks only the evidence that would identify it alone: when
    # the model finds it as likely as a certain match, that is no sign of another act. Two named victims that are not
    # one person (a surname in common) are.
    return likely < model.certain or bool(a.victims and b.victims) or vetoed(found)


def unlike(profiles: Mapping[str, Profile], model: LinkModel) -> Callable[[list[str], list[str]], bool]:
    """Whether two groups hold a pair told `apart`: a text that tells two acts as one must not chain their other
    reports into one incident."""

    def held(first: list[str], second: list[str]) -> bool:
        return any(apart(profiles[a], profiles[b], model) for a in first for b in second)

    return held


def clusters(
    index: LinkIndex, refs: Iterable[str], *, held: frozenset[str] = frozenset(), apart: frozenset[str] = frozenset()
) -> tuple[list[Cluster], dict[str, list[Match]]]:
    """The clusters of the candidate refs, and each candidate's ranked matches (the best, and every possible one).

    `held` candidates keep their cluster for a person; `apart` ones (split off by a person) join no cluster.
    """
    ranked = {ref: index.rank(index.profiles[ref]) for ref in sorted(refs)}
    scored = [
        (-match.score, ref, match.ref)
        for ref, matches in ranked.items()
        if ref not in apart
        for match in matches
        if match.certain and match.ref not in apart
    ]
    found = []
    apart_groups = unlike(index.profiles, index.model or link_model())
    for members in components(ranked, strongest_first(scored), unlike=apart_groups):
        nodes = set(members)
        cluster = Cluster(
            candidates=[r for r in members if not r.startswith("incident:")],
            incidents=[r for r in members if r.startswith("incident:")],
            held=bool(nodes & held),
            in_passing=all(index.profiles[r].in_passing for r in members if not r.startswith("incident:")),
        )
        for ref in cluster.candidates:
            for match in ranked.get(ref, []):
                if match.certain and match.ref in nodes:
                    cluster.links.append((ref, match))
                elif match.possible and match.ref not in nodes:
                    cluster.doubts.append((ref, match))
        # A candidate outside the refs (pending but not being resolved) keeps its cluster for a person.
        cluster.held = cluster.held or any(r not in ranked for r in cluster.candidates)
        found.append(cluster)
    return found, ranked
