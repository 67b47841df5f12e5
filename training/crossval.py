"""`make cv`: the whole training recipe judged by cross-validation on train + dev, never on test.

    python -m training.crossval [--folds 4]

The dev split alone (45 articles) is too small to tell two recipes apart: scores on it swing by more than
most changes move them. Here the train and dev articles are dealt into folds by incident (every article of
one incident in one fold); each fold is scored with models built on the others exactly as `make train`
builds them on train + dev (thresholds chosen out of fold within them). The predictions of all folds are
pooled and scored once, which steadies the figure further.
"""

from __future__ import annotations

import argparse
import sys

from training.corpus import articles, fold_of, incident_keys
from training.evaluate import score_predictions
from training.train_extract import build, predict_with, prepare


def main(argv: list[str] | None = None) -> int:
    """Score the training recipe fold by fold and pooled; print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args(argv)
    groups = incident_keys()
    batch = [prepare(a) for a in articles("train") + articles("dev")]
    fold = {item.article.name: fold_of(groups[item.article.name], args.folds) for item in batch}
    pooled = {}
    for k in range(args.folds):
        held = [item for item in batch if fold[item.article.name] == k]
        rest = [item for item in batch if fold[item.article.name] != k]
        predictions = predict_with(build(rest), held)
        result = score_predictions([item.article for item in held], predictions)
        slot, incident = result["slot"]["f"], result["incident"]["f"]
        print(f"fold {k}: {len(held)} articles, slot F1 {slot:.3f}, incident F1 {incident:.3f}")
        pooled.update(predictions)
    result = score_predictions([item.article for item in batch], pooled)
    print(
        f"pooled over {len(batch)} articles: slot P {result['slot']['p']:.3f} R {result['slot']['r']:.3f} "
        f"F1 {result['slot']['f']:.3f}, incident F1 {result['incident']['f']:.3f}, "
        f"invented {result['invented_on_negatives']}/{result['negatives']}"
    )
    print("  " + " ".join(f"{f} {v['f']:.2f}" for f, v in sorted(result["fields"].items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
