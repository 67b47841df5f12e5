"""`make train`: fit the extractor's learned decisions from the project's annotations and write their weights.

    python -m training.train_extract [--out PATH]

1. Sentences: does a sentence report an act? Labels from the annotated mentions of each incident.
2. Keep: is a proposal of the rules an incident the text reports? Labels from aligning each proposal to the
   gold incident whose mentions share its sentences.
3. Same: are two proposals one act? Labels from the same alignment.
The models are fitted on the train split, the thresholds chosen on the dev split and ../shared/corpus/dev
(slot F1 of ../shared/tools/score_extract.py), then the models are refitted on train + dev with those
thresholds.
The test split is never read here. Seeded and deterministic: the same annotations give the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from longarm.ingestion.extract import propose
from longarm.ingestion.extract.decisions import (
    DecisionModels,
    LinearModel,
    Proposal,
    decide,
    incident_features,
    pair_features,
    sentence_features,
)
from longarm.ingestion.extract.sentences import split_sentences
from training.corpus import ROOT, Article, articles, dev_corpus
from training.evaluate import score_predictions

OUT = ROOT / "src" / "longarm" / "data" / "models" / "extract_decisions.json"
GRID_KEEP = (0.2, 0.3, 0.4, 0.5, 0.6)
GRID_SAME = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
GRID_DOCUMENT = (0.0, 0.2, 0.3, 0.4, 0.5)


@dataclass
class Prepared:
    """An article run through the rules, with gold labels for its sentences and proposals."""

    article: Article
    sentences: list[str]
    proposals: list[Proposal]
    sentence_labels: list[int | None]  # 1 reports an act, 0 does not, None borderline (optional incident)
    aligned: list[int | None]  # the gold incident each proposal reports, or None
    optional: set[int]
    origin: str | None


def _sentence_index(article: Article) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(article.text)]


def _gold_sentences(incident: dict[str, Any], spans: list[tuple[int, int]]) -> set[int]:
    marks = list(incident.get("mentions") or [])
    return {i for m in marks for i, (s, e) in enumerate(spans) if m["start"] < e and s < m["end"]}


def prepare(article: Article) -> Prepared:
    """Run the rules on an article and label what they proposed against its gold."""
    proposed = propose(article.text, published=article.published)
    sentences, proposals = proposed.sentences, proposed.proposals
    spans = _sentence_index(article)
    assert len(spans) == len(sentences), article.name
    golds = article.gold.get("incidents") or []
    gold_sentences = [_gold_sentences(g, spans) for g in golds]
    optional = {j for j, g in enumerate(golds) if g.get("optional")}
    labels: list[int | None] = [0] * len(sentences)
    for j, found in enumerate(gold_sentences):
        for i in found:
            if j not in optional:
                labels[i] = 1
            elif labels[i] == 0:
                labels[i] = None
    aligned: list[int | None] = []
    for proposal in proposals:
        overlaps = [len(set(proposal.sentences) & found) for found in gold_sentences]
        best = max(range(len(golds)), key=lambda j: overlaps[j], default=None)
        aligned.append(best if best is not None and overlaps[best] > 0 else None)
    return Prepared(article, sentences, proposals, labels, aligned, optional, proposed.origin)


def _fit(rows: list[dict[str, float]], labels: list[int], *, c: float) -> LinearModel:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(matrix, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return LinearModel(weights=weights, intercept=round(float(model.intercept_[0]), 4))


def _sentence_rows(batch: list[Prepared]) -> tuple[list[dict[str, float]], list[int], list[str]]:
    rows, labels, groups = [], [], []
    for item in batch:
        for index, (text, label) in enumerate(zip(item.sentences, item.sentence_labels, strict=True)):
            if label is not None:
                rows.append(sentence_features(text, index))
                labels.append(label)
                groups.append(item.article.name)
    return rows, labels, groups


def fit_sentence_model(batch: list[Prepared]) -> LinearModel:
    """Words that report acts, from every labelled sentence of the batch."""
    rows, labels, _ = _sentence_rows(batch)
    return _fit(rows, labels, c=0.5)


def out_of_fold_probabilities(batch: list[Prepared]) -> dict[str, list[float]]:
    """Each article's sentence probabilities from a model that never saw it, as the later models will meet them."""
    names = [item.article.name for item in batch]
    folds = GroupKFold(n_splits=5)
    found: dict[str, list[float]] = {}
    for train_index, held_index in folds.split(names, groups=names):
        model = fit_sentence_model([batch[i] for i in train_index])
        for i in held_index:
            item = batch[i]
            features = [sentence_features(s, k) for k, s in enumerate(item.sentences)]
            found[item.article.name] = [model.probability(f) for f in features]
    return found


def fit_decision_models(batch: list[Prepared]) -> tuple[LinearModel, LinearModel, LinearModel]:
    """The sentence, keep and same models fitted on a batch."""
    sentence_p = out_of_fold_probabilities(batch)
    keep_rows, keep_labels, same_rows, same_labels = [], [], [], []
    for item in batch:
        probabilities = sentence_p[item.article.name]
        for rank, (proposal, gold) in enumerate(zip(item.proposals, item.aligned, strict=True)):
            if gold in item.optional:
                continue
            keep_rows.append(incident_features(proposal, rank, item.proposals[:rank], probabilities))
            keep_labels.append(int(gold is not None))
        for i, j in itertools.combinations(range(len(item.proposals)), 2):
            gi, gj = item.aligned[i], item.aligned[j]
            if gi in item.optional or gj in item.optional:
                continue
            same_rows.append(pair_features(item.proposals[i], item.proposals[j], probabilities))
            same_labels.append(int(gi is not None and gi == gj))
    return fit_sentence_model(batch), _fit(keep_rows, keep_labels, c=1.0), _fit(same_rows, same_labels, c=1.0)


def _models(fitted: tuple[LinearModel, LinearModel, LinearModel], choice: tuple[Any, ...]) -> DecisionModels:
    sentence, keep_model, same_model = fitted
    keep, same, doc, fill = choice
    return DecisionModels(sentence, keep_model, same_model, keep, same, doc, fill)


def choose_thresholds(fitted: tuple[LinearModel, LinearModel, LinearModel], dev: list[Prepared]) -> tuple[Any, ...]:
    """The thresholds that give the best slot F1 on the dev split."""
    best: tuple[float, tuple[Any, ...]] = (-1.0, ())
    for choice in itertools.product(GRID_KEEP, GRID_SAME, GRID_DOCUMENT, (False, True)):
        models = _models(fitted, choice)
        predictions = {item.article.name: decide(models, item.proposals, item.sentences, item.origin) for item in dev}
        f1 = score_predictions([item.article for item in dev], predictions)["slot"]["f"]
        if f1 > best[0] + 1e-9:
            best = (f1, choice)
    print(f"dev slot F1 {best[0]:.3f} at keep, same, document, fill_origin = {best[1]}")
    return best[1]


def _spec(model: LinearModel) -> dict[str, Any]:
    return {"intercept": model.intercept, "weights": dict(sorted(model.weights.items()))}


def main(argv: list[str] | None = None) -> int:
    """Fit, choose thresholds, refit on train + dev, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    train = [prepare(a) for a in articles("train")]
    dev = [prepare(a) for a in articles("dev")]
    shared_dev = [prepare(a) for a in dev_corpus()]
    print(f"train {len(train)} articles, dev {len(dev)} + {len(shared_dev)} (../shared/corpus/dev) articles")
    keep, same, doc, fill = choose_thresholds(fit_decision_models(train), dev + shared_dev)
    sentence, keep_model, same_model = fit_decision_models(train + dev)
    spec = {
        "trained_on": "annotations/pool, splits train + dev (thresholds chosen on dev)",
        "thresholds": {"keep": keep, "same": same, "document": doc, "fill_origin": fill},
        "sentence": _spec(sentence),
        "keep": _spec(keep_model),
        "same": _spec(same_model),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(spec, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
