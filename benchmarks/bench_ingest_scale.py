"""Ingest cost against store size: the same articles with `--auto-merge` into an empty store and into N incidents.

N is `LONGARM_BENCH_INCIDENTS` (default 100,000), the articles `LONGARM_BENCH_ARTICLES` (default
100) short texts written here, each about a person harmed in one of the cities, years and
tactics the generated store holds, so linking has neighbours to compare at every size. Each
ingest is `longarm ingest FOLDER --auto-merge` in its own process (SQLite).
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from benchmarks.bench_import import _longarm, _measured
from benchmarks.scale_data import AFFILIATIONS, CITIES, GIVEN, _surname, generate
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine

MONTHS = "January February March April May June July August September October November December".split()
DEEDS = {
    "killing": "was shot dead outside their home",
    "assault": "was beaten by two men",
    "abduction": "was abducted by men in a van",
    "surveillance": "was followed for weeks",
}


def articles(folder: Path, count: int, *, seed: int = 7) -> Path:
    """Write `count` short news texts about distinct people into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for n in range(count):
        place, _country, _lat, _lon = rng.choice(CITIES)
        tactic = rng.choice(list(DEEDS))
        name, affiliation = f"{rng.choice(GIVEN)} {_surname(rng)}", rng.choice(AFFILIATIONS)
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(1990, 2024)
        text = (
            f"{name}, an exiled {affiliation}, {DEEDS[tactic]} in {place} on {day} {month} {year}.\n\n"
            f"Prosecutors in {place} said on Tuesday that agents of Iran's Ministry of Intelligence"
            f" were behind the attack on {name}. Friends said {name} had received threats for months."
        )
        (folder / f"article-{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    """Ingest the articles into an empty store, then into a store of N generated incidents; print both and the ratio."""
    count = int(os.environ.get("LONGARM_BENCH_INCIDENTS", "100000"))
    number = int(os.environ.get("LONGARM_BENCH_ARTICLES", "100"))
    folder = Path(tempfile.mkdtemp())
    texts = articles(folder / "articles", number)
    figures = []
    for size in (0, count):
        home = folder / f"store-{size}"
        _longarm(home, "init")
        if size:
            engine = create_database_engine(f"sqlite:///{home / 'longarm.db'}")
            initialise(engine, sample=False)
            generate(engine, count=size)
            engine.dispose()
        output, wall, cpu, _peak = _measured(home, "ingest", str(texts), "--auto-merge")
        figures.append(cpu)
        print(f"ingest {number} articles --auto-merge into {size:,} incidents: {wall:.1f} s wall clock,")
        print(f"  {cpu:.1f} s CPU ({cpu / number * 1000:.0f} ms an article): {output.splitlines()[-1]}")
    print(f"CPU cost at {count:,} incidents / empty store: {figures[1] / figures[0]:.2f}×")


if __name__ == "__main__":
    main()
