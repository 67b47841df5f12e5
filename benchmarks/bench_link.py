"""Linking throughput: 100,000 synthetic candidates against 20,000 known incidents, on one core."""

from __future__ import annotations

import random
import time

from longarm.review.link import CERTAIN, LinkIndex, Profile, profile_from_extracted

GIVEN = "Mohammad Ali Ahmad Reza Hassan Mahsa Zahra Leila Omid Babak Nasrin Dawit Liu Wei Ivan Olga Jamal Amal".split()
SYLLABLES = "ka ri mo za de ha bi no sa le ta vo ru ne ji la pe so mi du ga fe ko ba hu si ye gho sha ze".split()
COUNTRIES = "NL DE FR GB US TR IQ AE SE DK BE AT CA AU IT ES NO CH GR CY".split()
TACTICS = "killing abduction surveillance threat assault detention".split()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def _incident(rng: random.Random, n: int) -> dict:
    year = rng.randint(1979, 2025)
    month = rng.randint(1, 12)
    return {
        "tactic": rng.choice(TACTICS),
        "date": {"start": f"{year}-{month:02d}-01", "end": f"{year}-{month:02d}-28", "precision": "month"},
        "location": {"place": None, "country": rng.choice(COUNTRIES)},
        "victims": [{"name": f"{rng.choice(GIVEN)} {_surname(rng)}", "aliases": []}] if rng.random() < 0.8 else [],
        "perpetrators": [],
        "title": f"incident {n}",
    }


def _variant(rng: random.Random, incident: dict) -> dict:
    # Another report of the same incident: a coarser date, another spelling of the name.
    copy = {**incident, "date": {**incident["date"]}}
    if rng.random() < 0.5:
        year = copy["date"]["start"][:4]
        copy["date"] = {"start": f"{year}-01-01", "end": f"{year}-12-31", "precision": "year"}
    copy["victims"] = [{"name": v["name"].replace("o", "ou", 1), "aliases": []} for v in incident["victims"]]
    return copy


def main() -> None:
    """Build the index, link every candidate, print the figures."""
    rng = random.Random(7)
    incidents = [_incident(rng, n) for n in range(20_000)]
    planted: dict[int, int] = {}  # candidate → the incident it re-reports
    candidates = []
    for n in range(100_000):
        if rng.random() < 0.5:
            planted[n] = rng.randrange(len(incidents))
            candidates.append(_variant(rng, incidents[planted[n]]))
        else:
            candidates.append(_incident(rng, n))
    started = time.process_time()
    index = LinkIndex(profile_from_extracted(f"incident:{n}", i) for n, i in enumerate(incidents))
    built = time.process_time()
    profiles: list[Profile] = [profile_from_extracted(f"candidate:{n}", c) for n, c in enumerate(candidates)]
    compared = right = wrong = 0
    for n, profile in enumerate(profiles):
        compared += len(index.neighbours(profile))
        ranked = index.rank(profile, limit=3)
        if ranked and ranked[0].score >= CERTAIN:
            if ranked[0].ref == f"incident:{planted.get(n)}":
                right += 1
            else:
                wrong += 1
    done = time.process_time()
    print("linking (CPU time, one core)")
    print(f"  index of {len(incidents):,} incidents built in {built - started:.2f} s")
    print(
        f"  {len(candidates):,} candidates linked in {done - built:.2f} s "
        f"({len(candidates) / (done - built):,.0f} candidates/s)"
    )
    print(
        f"  comparisons: {compared:,} ({compared / len(candidates):.1f} per candidate, "
        f"vs {len(incidents):,} without blocking: {len(incidents) * len(candidates) / max(compared, 1):,.0f}x fewer)"
    )
    print(
        f"  certain matches: {right:,} right of {len(planted):,} planted re-reports "
        f"({right / len(planted):.1%} recall), {wrong:,} wrong ({wrong / max(right + wrong, 1):.2%} of merges)"
    )


if __name__ == "__main__":
    main()
