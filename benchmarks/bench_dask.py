"""Bulk extraction on a local Dask cluster: documents a second with 1 and with 2 worker processes.

The documents are short texts made here from templates (never the third-party corpus); each run
writes into a fresh folder, so nothing is skipped as already extracted.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

from longarm.ingestion.bulk import extract_to_parquet, read_candidates

GIVEN = "Farid Leila Omid Nasrin Babak Mahsa Reza Zahra".split()
FAMILY = "Karimi Tehrani Ahmadi Rostami Sadeghi Moradi Jafari Hosseini".split()
CITIES = "Amsterdam Berlin Istanbul London Paris Stockholm Vienna Toronto".split()
TEMPLATE = (
    "Iranian dissident {name} was shot dead in {city} on {day} June {year}, police said."
    " Prosecutors accused Iran's Revolutionary Guards of ordering the killing."
    " Friends said {name} had received threats for months before the attack."
)


def _folder(count: int) -> Path:
    rng = random.Random(5)
    folder = Path(tempfile.mkdtemp()) / "articles"
    folder.mkdir()
    for n in range(count):
        text = TEMPLATE.format(
            name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            city=rng.choice(CITIES),
            day=rng.randint(1, 28),
            year=rng.randint(1990, 2024),
        )
        (folder / f"article-{n:05d}.txt").write_text(f"{text} (report {n})", encoding="utf-8")
    return folder


def main() -> None:
    """Extract the same folder with 1 and 2 local workers and print documents a second."""
    count = int(os.environ.get("LONGARM_BENCH_DOCUMENTS", "400"))
    folder = _folder(count)
    files = sorted(folder.iterdir())
    print(f"bulk extraction of {count:,} short documents on a local Dask cluster (wall clock, cluster start included)")
    for workers in (1, 2):
        out = folder.parent / f"out-{workers}"
        started = time.perf_counter()
        extract_to_parquet(files, out=out, workers=workers)
        elapsed = time.perf_counter() - started
        found = len(read_candidates(out))
        print(f"  {workers} worker(s): {elapsed:.1f} s, {count / elapsed:.1f} documents/s, {found:,} candidates")


if __name__ == "__main__":
    main()
