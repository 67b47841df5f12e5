"""The annotated pool as linking sees it: each file's incident key, split, headline and extracted candidates.

Shared by `train_link.py` (pairs to learn from) and `eval_link.py` (gold keys to score
against). The texts stay in ../shared/corpus/pool; nothing of them is written here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "corpus" / "pool"
SPLITS = ROOT / "annotations" / "splits.tsv"


@dataclass(frozen=True)
class PoolFile:
    """One pool article: its name, incident key, split, headline, publication date, origin, decade and tactics."""

    name: str
    key: str
    split: str
    title: str
    published: str | None
    origin: str
    decade: str
    tactics: frozenset[str]


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def pool_files(pool: Path = POOL) -> list[PoolFile]:
    """Every pool file with its labels, in name order."""
    manifest, incidents, splits = _rows(pool / "manifest.tsv"), _rows(pool / "incidents.tsv"), _rows(SPLITS)
    return [
        PoolFile(
            name=name,
            key=incidents[name]["incident"],
            split=splits[name]["split"],
            title=manifest[name]["title"],
            published=manifest[name]["published"] or None,
            origin=manifest[name]["origin"],
            decade=incidents[name]["decade"],
            tactics=frozenset(incidents[name]["tactics"].split(";")),
        )
        for name in sorted(manifest)
    ]
