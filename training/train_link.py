"""Learn the linking weights from the annotated pool and choose the thresholds on its dev split.

    python -m training.train_link [--out src/longarm/data/link_weights.json]

1. The current extractor reads every pool file; each extracted incident becomes a profile
   (with the file's headline), exactly as `longarm ingest` would make it.
2. Pairs of profiles from different files of the same split: positive when the files share
   an incident key in incidents.tsv (of each such file pair, the candidate pair that agrees
   on the most comparisons, since a file may also report side incidents); negative when
   they do not but look alike (same origin state, a tactic tag or the decade) or share a
   block.
3. A logistic regression (scikit-learn, seeded) over the declared comparison levels of
   `longarm.review.comparisons` fits the train pairs; its coefficients are the match weights.
4. `certain` is the lowest probability at which clustering the files as `--auto-merge` does
   links document pairs with precision ≥ 0.98 on the dev split (and, since dev is small, on
   train as well); `possible`, the start of the uncertain middle, is half of it. The test
   split is never looked at here.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from longarm.ingestion.extract import extract_text
from longarm.review.clusters import Decision, clusters
from longarm.review.comparisons import FEATURES, compare
from longarm.review.link import LinkIndex
from longarm.review.probability import LinkModel
from longarm.review.profiles import Profile, profile_from_extracted
from training.link_pool import ROOT, PoolFile, pool_files

SEED = 20261130
TARGET_PRECISION = 0.98
OUT = ROOT / "src" / "longarm" / "data" / "link_weights.json"


def profiles_by_file(files: list[PoolFile]) -> dict[str, list[Profile]]:
    """Each file's extracted incidents as linking profiles (ref `FILE#N`)."""
    found = {}
    for pool_file in files:
        text = (ROOT.parent / "shared" / "corpus" / "pool" / pool_file.name).read_text(encoding="utf-8")
        incidents, _ = extract_text(text, published=pool_file.published)
        found[pool_file.name] = [
            profile_from_extracted(f"{pool_file.name}#{n}", incident, headline=pool_file.title)
            for n, incident in enumerate(incidents)
        ]
    return found


def _look_alike(a: PoolFile, b: PoolFile) -> bool:
    return a.origin == b.origin or a.decade == b.decade or bool(a.tactics & b.tactics)


def labelled_pairs(files: list[PoolFile], profiles: dict[str, list[Profile]]) -> list[tuple[Profile, Profile, int]]:
    """Positive and look-alike negative profile pairs among the given files (see the module's docstring)."""
    index = LinkIndex(p for f in files for p in profiles[f.name])
    pairs: list[tuple[Profile, Profile, int]] = []
    for a, b in combinations(files, 2):
        cross = [(x, y) for x in profiles[a.name] for y in profiles[b.name]]
        if not cross:
            continue
        if a.key == b.key:
            best = max(cross, key=lambda pair: sum(f.split("=")[1].startswith("same") for f, _ in compare(*pair)))
            pairs.append((*best, 1))
        elif _look_alike(a, b):
            pairs.extend((x, y, 0) for x, y in cross)
        else:
            pairs.extend((x, y, 0) for x, y in cross if y.ref in index.neighbours(x))
    return pairs


def _vector(a: Profile, b: Profile) -> list[float]:
    active = {feature for feature, _ in compare(a, b)}
    return [1.0 if feature in active else 0.0 for feature in FEATURES]


def fit(pairs: list[tuple[Profile, Profile, int]]) -> tuple[float, dict[str, float]]:
    """A seeded, L2-regularised logistic regression over the comparison levels: intercept and weights."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED)
    model.fit([_vector(a, b) for a, b, _ in pairs], [label for _, _, label in pairs])
    weights = {feature: round(float(w), 3) for feature, w in zip(FEATURES, model.coef_[0], strict=True)}
    return round(float(model.intercept_[0]), 3), weights


def document_pairs(files: list[PoolFile], profiles: dict[str, list[Profile]], model: LinkModel) -> set[frozenset[str]]:
    """The document pairs `--auto-merge` would put in one incident, clustering these files into an empty store."""
    index = LinkIndex((p for f in files for p in profiles[f.name]), model=model)
    found, _ = clusters(index, list(index.profiles))
    linked: set[frozenset[str]] = set()
    for cluster in found:
        if cluster.decision == Decision.review:
            continue
        documents = sorted({ref.split("#")[0] for ref in cluster.candidates})
        linked.update(frozenset(pair) for pair in combinations(documents, 2))
    return linked


def link_figures(files: list[PoolFile], profiles: dict[str, list[Profile]], model: LinkModel) -> dict[str, float]:
    """Document-pair precision, recall and F1 of clustering these files, as score_link.py counts them."""
    gold = {frozenset((a.name, b.name)) for a, b in combinations(files, 2) if a.key == b.key}
    predicted = document_pairs(files, profiles, model)
    right = len(gold & predicted)
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def choose_thresholds(
    intercept: float, weights: dict[str, float], guards: list[list[PoolFile]], profiles: dict[str, list[Profile]]
) -> tuple[float, float]:
    """The lowest `certain` at which clustering links document pairs with precision ≥ 0.98 on every guard split.

    The dev split alone holds 14 same-incident document pairs, too few to tell 0.98 from 0.9,
    so the train split (in sample) must reach the target too. `possible` is half of `certain`.
    """
    for step in range(5, 100):
        certain = step / 100
        model = LinkModel(intercept=intercept, weights=weights, certain=certain, possible=certain / 2)
        if all(link_figures(files, profiles, model)["precision"] >= TARGET_PRECISION for files in guards):
            return certain, round(certain / 2, 3)
    return 0.99, 0.495


def main(argv: list[str] | None = None) -> int:
    """Train, choose the thresholds, write the weights JSON and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = pool_files()
    by_split: dict[str, list[PoolFile]] = defaultdict(list)
    for pool_file in files:
        by_split[pool_file.split].append(pool_file)
    profiles = profiles_by_file(files)
    train = labelled_pairs(by_split["train"], profiles)
    intercept, weights = fit(train)
    certain, possible = choose_thresholds(intercept, weights, [by_split["dev"], by_split["train"]], profiles)
    model = LinkModel(intercept=intercept, weights=weights, certain=certain, possible=possible)
    train_figures = link_figures(by_split["train"], profiles, model)
    dev_figures = link_figures(by_split["dev"], profiles, model)
    trained = {
        "by": "python -m training.train_link",
        "seed": SEED,
        "train_pairs": {"positive": sum(p[2] for p in train), "negative": sum(1 - p[2] for p in train)},
        "dev_documents": dev_figures,
        "train_documents": train_figures,
    }
    record = {"intercept": intercept, "weights": weights, "certain": certain, "possible": possible, "trained": trained}
    args.out.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"weights written to {args.out}")
    for feature, weight in sorted(weights.items(), key=lambda item: -item[1]):
        print(f"  {feature:<24} {weight:+.2f}")
    print(f"  intercept {intercept:+.2f}; certain ≥ {certain:.2f}, possible ≥ {possible:.2f}")
    print(f"  train pairs {trained['train_pairs']}; documents: train {train_figures}, dev {dev_figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
