"""The annotated pool as linking sees it: each file's gold incident keys, split, headline and labels.

Shared by `train_link.py` (pairs to learn from) and `eval_link.py` (gold keys to score
against). The gold keys are the annotations' (`annotations/pool/NAME.json`, one per
incident, the same key in every file that reports it, as in the held-out gold);
`incidents.tsv`'s one rough key per file only keeps the files of one story in one split.
The texts stay in ../shared/corpus/pool; nothing of them is written here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "corpus" / "pool"
SPLITS = ROOT / "annotations" / "splits.tsv"
ANNOTATIONS = ROOT / "annotations" / "pool"


@dataclass(frozen=True)
class PoolFile:
    """One pool article: its name, story key, split, headline, publication date, origin, decade, tactics and gold."""

    name: str
    key: str  # the collector's story key (incidents.tsv): the split keeps its files together
    split: str
    title: str
    published: str | None
    origin: str
    decade: str
    tactics: frozenset[str]
    incidents: tuple[dict[str, Any], ...] = ()  # the annotation's incidents

    @property
    def keys(self) -> frozenset[str]:
        """The gold keys of the incidents this file reports (optional ones left out, as score_link.py does)."""
        return frozenset(i["key"] for i in self.incidents if not i.get("optional"))

    def label(self, extracted: dict[str, Any]) -> str | None:
        """The gold key of the annotated incident an extracted one reads (most evidence inside its spans), if any."""
        spans = [(e["start"], e["end"]) for e in extracted.get("evidence") or [] if e.get("start") is not None]
        best, found = 0, None
        for incident in self.incidents:
            marked = [(m["start"], m["end"]) for m in [*incident.get("mentions", []), *incident.get("evidence", [])]]
            overlap = sum(max(0, min(e, f) - max(s, t)) for s, e in spans for t, f in marked)
            if overlap > best:
                best, found = overlap, incident["key"]
        return found


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _annotation(name: str) -> dict[str, Any]:
    path = ANNOTATIONS / name.replace(".txt", ".json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


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
            incidents=tuple(_annotation(name).get("incidents", [])),
        )
        for name in sorted(manifest)
    ]
