"""Search and export on 3,000 synthetic incidents (SQLite, one core): spelling-tolerant search, downloads."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from longarm.config import Settings
from longarm.exports.service import export_chunks
from longarm.incidents import sealing, search, spelling
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine, transaction

SYLLABLES = "ka ri mo za de ha bi no sa le ta vo ru ne ji la pe so mi du ga fe ko ba hu si ye sha ze".split()
COUNTRIES = "NL DE FR GB US TR IQ AE SE DK BE AT CA AU IT ES NO CH GR CY".split()
TACTICS = "killing abduction surveillance threat assault detention".split()
SIZE = 3_000


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(2))


def _record(rng: random.Random, n: int) -> IncidentRecord:
    victim, year = _name(rng), rng.randint(1979, 2025)
    return IncidentRecord.model_validate(
        {
            "id": f"INC-BENCH{n:05d}",
            "title": f"Case {n}: {victim}",
            "tactic": rng.choice(TACTICS),
            "status": "completed",
            "date": {"start": f"{year}-01-01", "end": f"{year}-12-31", "precision": "year"},
            "location": {"country": rng.choice(COUNTRIES)},
            "origin_state": "IR",
            "victims": [{"name": victim, "affiliations": []}],
        }
    )


def _timed(action, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    for _ in range(repeat):
        action()
    return (time.process_time() - started) / repeat


def main() -> None:
    """Load the incidents, then time searches (exact, misspelt, no match) and a full CSV download."""
    rng = random.Random(13)
    folder = Path(tempfile.mkdtemp())
    engine = sealing.install(create_database_engine(f"sqlite:///{folder / 'bench.db'}"), Settings(home=folder))
    initialise(engine, sample=False)
    records = [_record(rng, n) for n in range(SIZE)]
    with transaction(engine) as session:
        for record in records:
            incidents.create_from_record(session=session, record=record, made_by="bench", note="synthetic")
    exact = records[42].victims[0].name.split()[1]  # type: ignore[attr-defined]  # a field of the declared model
    misspelt = exact[:3] + exact[4:]  # a letter missing
    with transaction(engine) as session:

        def find(words: str) -> search.SearchPage:
            return search.search(session=session, filters=search.IncidentFilters(q=words))

        spelling._CACHE.clear()
        cold = _timed(lambda: find(exact))
        warm = _timed(lambda: find(exact), repeat=20)
        fuzzy = _timed(lambda: find(misspelt), repeat=20)
        found = find(misspelt).total
        nothing = _timed(lambda: find("qqqxyzzy"), repeat=5)
        rows = 0

        def download() -> None:
            nonlocal rows
            rows = sum(chunk.count("\r\n") for chunk in export_chunks(session=session, format_name="csv")) - 1

        csv_time = _timed(download)
    print(f"search and export on {SIZE:,} incidents (SQLite, CPU time)")
    print(f"  first search, building the spelling vocabulary: {cold * 1000:.0f} ms")
    print(f"  exact name: {warm * 1000:.1f} ms")
    print(f"  misspelt ({misspelt!r} for {exact!r}): {fuzzy * 1000:.1f} ms, {found} found")
    print(f"  no match, with a 'did you mean': {nothing * 1000:.1f} ms")
    print(f"  CSV download of all {rows:,} rows: {csv_time:.2f} s ({rows / csv_time:,.0f} rows/s)")
    engine.dispose()


if __name__ == "__main__":
    main()
