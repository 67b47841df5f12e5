"""The match probability of two profiles, from weights learned on the annotated pool.

`training/train_link.py` fits a logistic regression over the declared comparison
levels and writes `longarm/data/link_weights.json`: an intercept, one match weight
(log-odds) per level, and the two thresholds chosen on the dev split. Applying them
is a sum and a logistic, so nothing heavier than the standard library runs here; the
reasons (each level's words and weight) are written only for matches someone will read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from longarm.review.comparisons import COMPARISONS, FEATURES, compare, identifies, levels, names_one_victim
from longarm.review.profiles import Profile


@dataclass(frozen=True)
class LinkModel:
    """Learned match weights and the thresholds that turn a probability into a decision."""

    intercept: float
    weights: dict[str, float]
    certain: float  # at or above, with identifying evidence: the same incident, clustered by --auto-merge
    possible: float  # at or above (with identifying evidence) but not certain: a person decides
    trained: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def table(self) -> list[dict[str, float]]:
        """Per comparison, each level's weight (a missing feature weighs nothing: the declaration may grow first)."""
        return [
            {level: self.weights.get(f"{comparison.name}={level}", 0.0) for level in comparison.levels}
            for comparison in COMPARISONS
        ]


@cache
def link_model() -> LinkModel:
    """The shipped weights."""
    raw = json.loads(resources.files("longarm.data").joinpath("link_weights.json").read_text(encoding="utf-8"))
    return LinkModel(
        intercept=float(raw["intercept"]),
        weights={name: float(raw["weights"].get(name, 0.0)) for name in FEATURES},
        certain=float(raw["certain"]),
        possible=float(raw["possible"]),
        trained=raw.get("trained", {}),
    )


@dataclass
class Match:
    """A possible identity between a profile and a known incident or pending candidate."""

    ref: str
    score: float  # the match probability
    certain: bool
    possible: bool
    identifying: bool
    pair: tuple[Profile, Profile]
    model: LinkModel

    @cached_property
    def reasons(self) -> list[str]:
        """Each comparison that could be made, in words, with its match weight."""
        return [f"{reason} {self.model.weights.get(feature, 0.0):+.1f}" for feature, reason in compare(*self.pair)]


def chance(found: list[str | None], model: LinkModel) -> float:
    """The match probability (to three decimals) of a pair's levels (from `levels`)."""
    logit = model.intercept
    for weights, level in zip(model.table, found, strict=True):
        if level is not None:
            logit += weights[level]
    return round(1 / (1 + math.exp(-logit)), 3)


def probability(a: Profile, b: Profile, model: LinkModel) -> tuple[float, bool]:
    """The match probability of a pair (to three decimals) and whether it rests on identifying evidence: for an act
    a report tells only in passing, nothing less than the victim both sides name."""
    found = levels(a, b)
    identifying = identifies(found) and (names_one_victim(found) or not (a.in_passing or b.in_passing))
    return chance(found, model), identifying


def match(a: Profile, b: Profile, chance: float, identifying: bool, model: LinkModel) -> Match:
    """The Match of a scored pair: certain or possible only on identifying evidence."""
    return Match(
        ref=b.ref,
        score=chance,
        certain=identifying and chance >= model.certain,
        possible=identifying and chance >= model.possible,
        identifying=identifying,
        pair=(a, b),
        model=model,
    )


def score(a: Profile, b: Profile, *, model: LinkModel | None = None) -> Match:
    """The probability that two profiles are one incident, with its reasons."""
    model = model or link_model()
    return match(a, b, *probability(a, b, model), model)
