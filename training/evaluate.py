"""`make eval`: extraction scores on every split of the annotated pool and on the shared dev corpus.

    python -m training.evaluate [--split NAME ...] [--verbose] [--keep DIR]

Each article goes through the same reader and extractor as `longarm extract`, with its publication
date from the manifest; ../shared/tools/score_extract.py scores the output against the gold. The
test split is printed but never tuned on: look at its errors only after a change is decided.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from longarm.ingestion.extract import extract_text
from training.corpus import SHARED, Article, articles, dev_corpus

SPLIT_NAMES = ("train", "dev", "test", "shared-dev")


@functools.cache
def scorer() -> Any:
    """../shared/tools/score_extract.py as a module: the measure training and evaluation share."""
    spec = importlib.util.spec_from_file_location("score_extract", SHARED / "tools" / "score_extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(article: Article) -> list[dict[str, Any]]:
    """The incidents `longarm extract` finds in one article."""
    incidents, _ = extract_text(article.text, published=article.published)
    return incidents


def score_predictions(
    batch: list[Article],
    predictions: dict[str, list[dict[str, Any]]],
    *,
    folder: Path | None = None,
    verbose: bool = False,
) -> dict[str, Any]:
    """Score each article's predicted incidents against its gold (score_extract.py), with invented incidents."""
    with tempfile.TemporaryDirectory() as temp:
        base = folder or Path(temp)
        gold_dir, pred_dir = base / "gold", base / "pred"
        gold_dir.mkdir(parents=True, exist_ok=True)
        pred_dir.mkdir(parents=True, exist_ok=True)
        for article in batch:
            (gold_dir / f"{article.name}.json").write_text(json.dumps(article.gold), encoding="utf-8")
            # the document text goes with the prediction, so the scorer checks every evidence offset
            prediction = {"document": {"text": article.text}, "incidents": predictions[article.name]}
            (pred_dir / f"{article.name}.json").write_text(json.dumps(prediction), encoding="utf-8")
        module = scorer()
        with contextlib.redirect_stdout(io.StringIO()) as captured:
            module.main(["--gold", str(gold_dir), "--pred", str(pred_dir), "--json"])
        if verbose:
            module.main(["--gold", str(gold_dir), "--pred", str(pred_dir), "--verbose"])
    result: dict[str, Any] = json.loads(captured.getvalue())
    result["negatives"] = sum(a.negative for a in batch)
    result["invented_on_negatives"] = sum(len(predictions[a.name]) for a in batch if a.negative)
    return result


def tuning_score(batch: list[Article], predictions: dict[str, list[dict[str, Any]]]) -> tuple[float, int]:
    """Slot F1 and incidents invented on negatives, scored in memory with score_extract.py's own functions.

    The threshold searches of `make train` score thousands of candidate settings; writing every one to files
    for the scorer's command line cost a third of the training time."""
    module = scorer()
    totals: dict[str, Counter[str]] = {key: Counter() for key in ("tp_p", "tp_g", "n_p", "n_g")}
    for article in batch:
        prediction = {"document": {"text": article.text}, "incidents": predictions[article.name]}
        result = module.score_file(prediction, article.gold)
        for key, counter in totals.items():
            counter.update(result[key])
    _, _, f1 = module.prf(*(sum(totals[key].values()) for key in ("tp_p", "n_p", "tp_g", "n_g")))
    invented = sum(len(predictions[a.name]) for a in batch if a.negative)
    return float(f1), invented


def main(argv: list[str] | None = None) -> int:
    """Print one line per split, then the per-field table of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=SPLIT_NAMES)
    parser.add_argument("--verbose", action="store_true", help="per-file and per-field tables")
    parser.add_argument("--keep", type=Path, help="write gold and predictions here instead of a temp folder")
    args = parser.parse_args(argv)
    chosen = args.split or list(SPLIT_NAMES)
    results = {}
    with tempfile.TemporaryDirectory() as temp:
        base = args.keep or Path(temp)
        for name in chosen:
            batch = dev_corpus() if name == "shared-dev" else articles(name)
            if batch:
                if args.verbose:
                    print(f"== {name}")
                predictions = {article.name: predict(article) for article in batch}
                results[name] = score_predictions(batch, predictions, folder=base / name, verbose=args.verbose)
    fields = sorted({f for r in results.values() for f in r["fields"]})
    print(f"{'split':<11} {'files':>5} {'slot P':>7} {'slot R':>7} {'slot F1':>7} {'inc F1':>7}  invented/negatives")
    for name, r in results.items():
        print(
            f"{name:<11} {r['files']:>5} {r['slot']['p']:7.3f} {r['slot']['r']:7.3f} {r['slot']['f']:7.3f} "
            f"{r['incident']['f']:7.3f}  {r['invented_on_negatives']}/{r['negatives']}"
        )
    print("slot F1 by field: " + " ".join(f"{n}" for n in results))
    for field in fields:
        print(f"  {field:<13}" + " ".join(f"{r['fields'].get(field, {}).get('f', 0):7.3f}" for r in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
