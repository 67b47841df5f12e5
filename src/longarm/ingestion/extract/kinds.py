"""Learned tactic and status of an incident, read from the words of the sentences that tell its act.

The rules name a tactic from a trigger word; a multinomial model trained from the annotations weighs every
word of the act's sentences, and the rules' choice as one more feature, so "held in custody" or "went
missing" still find their tactic. The status model weighs fewer, surer things (`status_features`): a hundred-odd
annotated acts, mostly completed ones, drown any cue among thousands of words in favour of "completed".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from longarm.ingestion.extract.decisions import sentence_features, shipped_spec
from longarm.ingestion.extract.modality import modality_cues, read_status


@dataclass(frozen=True)
class SoftmaxModel:
    """A multinomial logistic model: weights by class and feature name, an intercept by class."""

    weights: dict[str, dict[str, float]]
    intercepts: dict[str, float]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """Each class's probability for a feature vector given as name → value."""
        scores = {
            label: self.intercepts[label] + sum(w.get(name, 0.0) * v for name, v in features.items())
            for label, w in self.weights.items()
        }
        top = max(scores.values())
        exps = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(exps.values())
        return {label: e / total for label, e in exps.items()}

    def likeliest(self, features: dict[str, float]) -> str:
        """The class with the highest probability for a feature vector."""
        probabilities = self.probabilities(features)
        return max(probabilities, key=probabilities.__getitem__)


@dataclass(frozen=True)
class KindModels:
    """The tactic and status models."""

    tactic: SoftmaxModel
    status: SoftmaxModel


def softmax(spec: dict[str, Any]) -> SoftmaxModel:
    """A multinomial model from its JSON."""
    return SoftmaxModel(
        weights={label: dict(w) for label, w in spec["weights"].items()},
        intercepts={label: float(b) for label, b in spec["intercepts"].items()},
    )


@lru_cache(maxsize=1)
def load_kind_models() -> KindModels | None:
    """The shipped tactic and status models, or None when the weights carry none."""
    spec = shipped_spec()
    if spec is None or "kinds" not in spec:
        return None
    return KindModels(tactic=softmax(spec["kinds"]["tactic"]), status=softmax(spec["kinds"]["status"]))


def kind_features(incident: dict[str, Any], told: tuple[int, ...], sentences: list[str]) -> dict[str, float]:
    """The words of the act's sentences, and the tactic and status the rules read there."""
    features: dict[str, float] = {}
    for index in told:
        features.update(sentence_features(sentences[index], index))
    features[f"rule_tactic={incident.get('tactic')}"] = 1.0
    features[f"rule_status={incident.get('status')}"] = 1.0
    return features


def status_features(incident: dict[str, Any], told: tuple[int, ...], sentences: list[str]) -> dict[str, float]:
    """The status the rules read in the act's trigger sentence, and the one its sentences' modality cues tell."""
    rule = incident.get("status")
    cues = modality_cues(told, sentences)
    return {f"rule_status={rule}": 1.0, f"read_status={read_status(incident.get('tactic'), rule, cues)}": 1.0}


def classify(
    models: KindModels, incident: dict[str, Any], told: tuple[int, ...], sentences: list[str]
) -> dict[str, Any]:
    """The incident with the likeliest tactic and status for its sentences."""
    tactic = models.tactic.likeliest(kind_features(incident, told, sentences))
    return {**incident, "tactic": tactic, "status": models.status.likeliest(status_features(incident, told, sentences))}


def classify_status(
    models: KindModels, incident: dict[str, Any], told: tuple[int, ...], sentences: list[str]
) -> dict[str, Any]:
    """The incident with the likeliest status for its sentences, the rules' reading weighed beside the modality
    cues: "believed to have been kidnapped" leaves an act alleged whatever its trigger says."""
    return {**incident, "status": models.status.likeliest(status_features(incident, told, sentences))}
