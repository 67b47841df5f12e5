"""`make cv`: the whole training recipe judged by cross-validation on train + dev, never on test.

    python -m training.crossval [--folds 4] [--deals 1]

The dev split alone (45 articles) is too small to tell two recipes apart: scores on it swing by more than
most changes move them. Here the train and dev articles are dealt into folds by incident (every article of
one incident in one fold); each fold is scored with models built on the others exactly as `make train`
builds them on train + dev (thresholds chosen out of fold within them). The predictions of all folds are
pooled and scored once, which steadies the figure further. Which incident falls in which fold still moves
the pooled figure by about 0.015 (one incident kept or dropped is ten slots): `--deals N` deals the
incidents N ways and prints each deal's figure and their mean, for a change too small to judge on one.

The threshold search itself moves a deal by about 0.005 (one slot more or less on the held-out part flips a
threshold), more than many changes worth keeping. `--screen` fits every model as `make train` does but at the
thresholds of the shipped weights, searching none: steadier, and a deal takes a minute rather than eight. Screen
a change on `--screen --deals 4` before its figure is confirmed by the full recipe; a change that moves the
probabilities' scale wants its thresholds searched again, so only the full recipe decides.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from typing import Any

from training.corpus import articles, fold_of, incident_keys
from training.evaluate import score_predictions
from training.train_extract import Built, Prepared, build, fit_at_shipped, predict_with, prepare


def cross_validate(
    batch: list[Prepared], folds: int, deal: int, recipe: Callable[[list[Prepared]], Built] = build
) -> dict[str, Any]:
    """The scores of the batch's pooled predictions, each fold predicted by models built on the others."""
    groups = incident_keys()
    fold = {item.article.name: fold_of(groups[item.article.name], folds, deal) for item in batch}
    pooled = {}
    for k in range(folds):
        held = [item for item in batch if fold[item.article.name] == k]
        rest = [item for item in batch if fold[item.article.name] != k]
        predictions = predict_with(recipe(rest), held)
        result = score_predictions([item.article for item in held], predictions)
        slot, incident = result["slot"]["f"], result["incident"]["f"]
        print(f"deal {deal} fold {k}: {len(held)} articles, slot F1 {slot:.3f}, incident F1 {incident:.3f}")
        pooled.update(predictions)
    return score_predictions([item.article for item in batch], pooled)


def main(argv: list[str] | None = None) -> int:
    """Score the training recipe fold by fold and pooled, per deal; print one line each, and the mean."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--deals", type=int, default=1)
    parser.add_argument(
        "--screen", action="store_true", help="fit at the shipped weights' thresholds instead of searching them"
    )
    args = parser.parse_args(argv)
    batch = [prepare(a) for a in articles("train") + articles("dev")]
    slots = []
    for deal in range(args.deals):
        result = cross_validate(batch, args.folds, deal, fit_at_shipped if args.screen else build)
        slots.append(result["slot"]["f"])
        print(
            f"deal {deal} pooled over {len(batch)} articles: slot P {result['slot']['p']:.3f} "
            f"R {result['slot']['r']:.3f} F1 {result['slot']['f']:.3f}, incident F1 {result['incident']['f']:.3f}, "
            f"invented {result['invented_on_negatives']}/{result['negatives']}"
        )
        print("  " + " ".join(f"{f} {v['f']:.2f}" for f, v in sorted(result["fields"].items())))
    if args.deals > 1:
        spread = max(slots) - min(slots)
        print(f"slot F1 over {args.deals} deals: mean {statistics.mean(slots):.3f}, spread {spread:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
