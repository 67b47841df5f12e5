"""Learn the linking weights from the annotated pool, choosing the thresholds by cross-validation.

    python -m training.train_link [--out src/longarm/data/link_weights.json]

1. The current extractor reads every pool file; each extracted incident becomes a profile
   (with the file's headline), exactly as `longarm ingest` would make it, and takes the gold
   key of the annotated incident its evidence falls in (`PoolFile.label`): training sees the
   extraction noise linking will face.
2. Pairs of profiles from different files: positive when both read the same gold incident,
   negative when both read different ones (a profile no annotated incident explains is left
   out: it is not known what it reports).
3. A logistic regression (scikit-learn, seeded) over the declared comparison levels of
   `longarm.review.comparisons` fits the pairs; its coefficients are the match weights.
4. `certain` is the probability at which clustering the files as `--auto-merge` does
   links document pairs with precision ≥ 0.98 and the best F1 (of equals, the highest),
   counted over a grouped 5-fold cross-validation of train and dev (each fold clustered with weights fitted on the
   others; the files of one story stay in one fold). `possible`, the start of the
   uncertain middle, is half of it. The final weights are fitted on train and dev; the
   test split is never looked at here.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from longarm.incidents.schemas import ExtractedIncident
from longarm.ingestion.extract import read_text
from longarm.review.clusters import Decision, clusters
from longarm.review.comparisons import FEATURES, compare
from longarm.review.link import LinkIndex
from longarm.review.probability import LinkModel
from longarm.review.profiles import Profile, profile_from_extracted
from training.link_pool import POOL, ROOT, PoolFile, pool_files

SEED = 20261130
TARGET_PRECISION = 0.98
FOLDS = 5
OUT = ROOT / "src" / "longarm" / "data" / "link_weights.json"
Labelled = dict[str, list[tuple[Profile, str | None]]]
"""Each file's profiles (ref `FILE#N`) with the gold key each reads (None: none)."""


def profiles_by_file(files: list[PoolFile]) -> Labelled:
    """Each file's extracted incidents (and acts told in passing, after them) as linking profiles, with the gold key
    each reads."""
    found = {}
    for pool_file in files:
        text = (POOL / pool_file.name).read_text(encoding="utf-8")
        extraction = read_text(text, published=pool_file.published)
        incidents = extraction.incidents + extraction.in_passing
        found[pool_file.name] = [
            (
                profile_from_extracted(
                    f"{pool_file.name}#{n}", ExtractedIncident.model_validate(incident), headline=pool_file.title
                ),
                pool_file.label(incident),
            )
            for n, incident in enumerate(incidents)
        ]
    return found


def labelled_pairs(files: Sequence[PoolFile], profiles: Labelled) -> list[tuple[Profile, Profile, int]]:
    """Every pair of labelled profiles from two of these files: 1 when they read one gold incident."""
    pairs = []
    for a, b in combinations(files, 2):
        for x, key_x in profiles[a.name]:
            for y, key_y in profiles[b.name]:
                if key_x is not None and key_y is not None:
                    pairs.append((x, y, int(key_x == key_y)))
    return pairs


def _vector(a: Profile, b: Profile) -> list[float]:
    active = {feature for feature, _ in compare(a, b)}
    return [1.0 if feature in active else 0.0 for feature in FEATURES]


def fit(pairs: list[tuple[Profile, Profile, int]]) -> tuple[float, dict[str, float]]:
    """A seeded, L2-regularised logistic regression over the comparison levels: intercept and weights."""
    from sklearn.linear_model import LogisticRegression

    # Converged far below the rounding, so that a rerun writes the same three decimals.
    model = LogisticRegression(C=1.0, max_iter=10_000, tol=1e-10, random_state=SEED)
    model.fit([_vector(a, b) for a, b, _ in pairs], [label for _, _, label in pairs])
    weights = {feature: round(float(w), 3) for feature, w in zip(FEATURES, model.coef_[0], strict=True)}
    return round(float(model.intercept_[0]), 3), weights


def document_pairs(files: Sequence[PoolFile], profiles: Labelled, model: LinkModel) -> set[frozenset[str]]:
    """The document pairs `--auto-merge` would put in one incident, clustering these files into an empty store."""
    index = LinkIndex((p for f in files for p, _ in profiles[f.name]), model=model)
    found, _ = clusters(index, list(index.profiles))
    linked: set[frozenset[str]] = set()
    for cluster in found:
        if cluster.decision in (Decision.review, Decision.in_passing):
            continue
        documents = sorted({ref.split("#")[0] for ref in cluster.candidates})
        linked.update(frozenset(pair) for pair in combinations(documents, 2))
    return linked


def gold_pairs(files: Sequence[PoolFile]) -> set[frozenset[str]]:
    """The document pairs that report one gold incident, as score_link.py counts them."""
    return {frozenset((a.name, b.name)) for a, b in combinations(files, 2) if a.keys & b.keys}


def figures(gold: set[frozenset[str]], predicted: set[frozenset[str]]) -> dict[str, float]:
    """Document-pair precision, recall and F1."""
    right = len(gold & predicted)
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def folds(files: Sequence[PoolFile], n: int = FOLDS) -> list[list[PoolFile]]:
    """Seeded folds in which every file of a story (shared story or gold key) stays in one fold."""
    parent = {f.name: f.name for f in files}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    by_label: dict[str, list[str]] = defaultdict(list)
    for f in files:
        for label in {f"story:{f.key}", *f.keys}:
            by_label[label].append(f.name)
    for names in by_label.values():
        for name in names[1:]:
            parent[root(name)] = root(names[0])
    groups: dict[str, list[PoolFile]] = defaultdict(list)
    for f in files:
        groups[root(f.name)].append(f)
    ordered = sorted(groups.values(), key=lambda g: g[0].name)
    random.Random(SEED).shuffle(ordered)
    parts: list[list[PoolFile]] = [[] for _ in range(n)]
    for group in sorted(ordered, key=len, reverse=True):  # largest first, each into the smallest fold
        min(parts, key=len).extend(group)
    return parts


def _models(intercept: float, weights: dict[str, float]) -> list[LinkModel]:
    return [
        LinkModel(intercept=intercept, weights=weights, certain=step / 100, possible=step / 200)
        for step in range(5, 100)
    ]


def cross_validate(files: Sequence[PoolFile], profiles: Labelled) -> tuple[float, dict[str, float]]:
    """The `certain` whose out-of-fold document pairs reach the target precision with the best F1, and its figures.

    Of thresholds that do equally well, the highest: the pool is small, and a higher bar costs nothing it can show.
    """
    parts = folds(files)
    predicted: dict[float, set[frozenset[str]]] = defaultdict(set)
    for held in parts:
        rest = [f for part in parts if part is not held for f in part]
        intercept, weights = fit(labelled_pairs(rest, profiles))
        for model in _models(intercept, weights):
            predicted[model.certain] |= document_pairs(held, profiles, model)
    gold = set().union(*(gold_pairs(part) for part in parts))
    scored = {certain: figures(gold, found) for certain, found in predicted.items()}
    precise = [certain for certain, found in scored.items() if found["precision"] >= TARGET_PRECISION]
    certain = max(precise, key=lambda c: (scored[c]["f1"], c), default=0.99)
    return certain, scored[certain]


def main(argv: list[str] | None = None) -> int:
    """Cross-validate the threshold, fit the weights, write the weights JSON and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = pool_files()
    by_split: dict[str, list[PoolFile]] = defaultdict(list)
    for pool_file in files:
        by_split[pool_file.split].append(pool_file)
    learn = by_split["train"] + by_split["dev"]
    profiles = profiles_by_file(learn)
    certain, cv_figures = cross_validate(learn, profiles)
    pairs = labelled_pairs(learn, profiles)
    intercept, weights = fit(pairs)
    model = LinkModel(intercept=intercept, weights=weights, certain=certain, possible=round(certain / 2, 3))
    split_figures = {
        split: figures(gold_pairs(by_split[split]), document_pairs(by_split[split], profiles, model))
        for split in ("train", "dev")
    }
    trained = {
        "by": "python -m training.train_link",
        "seed": SEED,
        "pairs": {"positive": sum(p[2] for p in pairs), "negative": sum(1 - p[2] for p in pairs)},
        "cross_validated_documents": cv_figures,
        "in_sample_documents": split_figures,
    }
    record = {
        "intercept": intercept,
        "weights": weights,
        "certain": certain,
        "possible": model.possible,
        "trained": trained,
    }
    args.out.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"weights written to {args.out}")
    for feature, weight in sorted(weights.items(), key=lambda item: -item[1]):
        print(f"  {feature:<24} {weight:+.2f}")
    print(f"  intercept {intercept:+.2f}; certain ≥ {certain:.2f}, possible ≥ {model.possible:.2f}")
    print(f"  pairs {trained['pairs']}; documents: cross-validated {cv_figures}, in sample {split_figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
