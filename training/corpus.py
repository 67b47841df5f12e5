"""The pool, its annotations and its split: what training and evaluation read."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POOL = SHARED / "corpus" / "pool"
DEV_CORPUS = SHARED / "corpus" / "dev"
ANNOTATIONS = ROOT / "annotations" / "pool"
SPLITS = ROOT / "annotations" / "splits.tsv"


@dataclass(frozen=True)
class Article:
    """One annotated pool article: its name, split, publication date, text and gold annotation."""

    name: str
    split: str
    published: str | None
    text: str
    gold: dict[str, Any]

    @property
    def negative(self) -> bool:
        """A hard negative: the annotator found no act of transnational repression in it."""
        return self.gold.get("relevant") == "no"


def _manifest(folder: Path) -> dict[str, str | None]:
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: (row["published"] or None) for row in csv.DictReader(handle, delimiter="\t")}


def _split_rows() -> list[dict[str, str]]:
    with SPLITS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def splits() -> dict[str, str]:
    """File name → train, dev or test (fixed by incident before the test part was studied)."""
    return {row["file"]: row["split"] for row in _split_rows()}


def incident_keys() -> dict[str, str]:
    """Article name (no .txt) → the collector's key of the incident it is about: what splits and folds group by."""
    return {row["file"].removesuffix(".txt"): row["incident"] for row in _split_rows()}


def fold_of(incident: str, folds: int, deal: int = 0) -> int:
    """The fold an incident's articles fall in: fixed by a hash of its key, the same on every machine; another
    `deal` deals the incidents into folds afresh."""
    salt = f"-{deal}" if deal else ""
    return int(hashlib.sha256(f"longarm-cv-v1{salt}:{incident}".encode()).hexdigest(), 16) % folds


def articles(split: str | None = None) -> list[Article]:
    """The annotated pool articles, of one split or all."""
    published = _manifest(POOL)
    found = []
    for file, part in sorted(splits().items()):
        path = ANNOTATIONS / file.replace(".txt", ".json")
        if (split is not None and part != split) or not path.exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (POOL / file).read_text(encoding="utf-8")
        found.append(Article(file.removesuffix(".txt"), part, published.get(file), text, gold))
    return found


def dev_corpus() -> list[Article]:
    """The shared dev corpus (12 ledes with gold), read the same way."""
    published = _manifest(DEV_CORPUS)
    found = []
    for gold_path in sorted((DEV_CORPUS / "gold").glob("*.json")):
        file = gold_path.stem + ".txt"
        text = (DEV_CORPUS / file).read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found.append(Article(gold_path.stem, "shared-dev", published.get(file), text, gold))
    return found
