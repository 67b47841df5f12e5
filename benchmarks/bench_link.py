"""Linking throughput through the production path: 100,000 new candidates clustered with 20,000 incidents, one core.

The same `LinkIndex` and `clusters` that `longarm ingest` runs (`review/matching.py`
builds them from the store): every candidate is ranked against the incidents and the
other candidates, certain matches form clusters, and each cluster is decided.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from longarm.incidents.schemas import ExtractedIncident
from longarm.review.clusters import Decision, clusters
from longarm.review.link import RULES, LinkIndex
from longarm.review.profiles import Profile, profile_from_extracted

GIVEN = "Mohammad Ali Ahmad Reza Hassan Mahsa Zahra Leila Omid Babak Nasrin Dawit Liu Wei Ivan Olga Jamal Amal".split()
SYLLABLES = "ka ri mo za de ha bi no sa le ta vo ru ne ji la pe so mi du ga fe ko ba hu si ye gho sha ze".split()
COUNTRIES = "NL DE FR GB US TR IQ AE SE DK BE AT CA AU IT ES NO CH GR CY".split()
TACTICS = "killing abduction surveillance threat assault detention".split()
ORIGINS = "IR RU CN SA TR RW".split()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def _incident(rng: random.Random, n: int) -> dict:
    year = rng.randint(1979, 2025)
    month = rng.randint(1, 12)
    return {
        "tactic": rng.choice(TACTICS),
        "date": {"start": f"{year}-{month:02d}-01", "end": f"{year}-{month:02d}-28", "precision": "month"},
        "location": {"place": None, "country": rng.choice(COUNTRIES)},
        "origin_state": rng.choice(ORIGINS),
        "victims": [{"name": f"{rng.choice(GIVEN)} {_surname(rng)}", "aliases": []}] if rng.random() < 0.8 else [],
        "perpetrators": [],
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
    """Build the index, cluster every candidate, print the blocking pair counts and the figures."""
    rng = random.Random(7)
    incidents = [_incident(rng, n) for n in range(20_000)]
    planted: dict[str, str] = {}  # candidate → the incident it re-reports
    candidates = []
    for n in range(100_000):
        if rng.random() < 0.5:
            target = rng.randrange(len(incidents))
            planted[f"candidate:{n}"] = f"incident:{target}"
            candidates.append(_variant(rng, incidents[target]))
        else:
            candidates.append(_incident(rng, n))
    started = time.process_time()
    index = LinkIndex(
        profile_from_extracted(f"incident:{n}", ExtractedIncident.model_validate(i)) for n, i in enumerate(incidents)
    )
    profiles: list[Profile] = [
        profile_from_extracted(f"candidate:{n}", ExtractedIncident.model_validate(c)) for n, c in enumerate(candidates)
    ]
    for profile in profiles:
        index.add(profile)
    built = time.process_time()
    pairs: Counter[str] = Counter()
    for profile in profiles[:10_000]:
        for rule, refs in index.neighbours_by_rule(profile).items():
            pairs[rule] += len(refs)
    counted = time.process_time()
    found, _ranked = clusters(index, [p.ref for p in profiles])
    done = time.process_time()
    right = wrong = 0
    for cluster in found:
        if cluster.decision != Decision.existing:
            continue
        for ref in cluster.candidates:
            right, wrong = (right + 1, wrong) if planted.get(ref) == cluster.incidents[0] else (right, wrong + 1)
    decisions = Counter(cluster.decision.value for cluster in found)
    total = len(incidents) * len(candidates)
    print("linking through LinkIndex + clusters, the path `longarm ingest` takes (CPU time, one core)")
    print(
        f"  index of {len(incidents):,} incidents and {len(candidates):,} candidates built in {built - started:.2f} s"
    )
    print("  blocking pairs per candidate (first 10,000 candidates), by rule:")
    for rule in RULES:
        print(f"    {rule:<8} {pairs[rule] / 10_000:8.1f}")
    print(f"  {len(candidates):,} candidates ranked and clustered in {done - counted:.2f} s")
    compared = sum(pairs.values()) / 10_000 * len(candidates)
    print(f"  ~{compared:,.0f} comparisons instead of {total:,} without blocking")
    print(f"  clusters: {dict(decisions)}")
    print(
        f"  joined a known incident: {right:,} right of {len(planted):,} planted re-reports "
        f"({right / len(planted):.1%} recall), {wrong:,} wrong ({wrong / max(right + wrong, 1):.2%})"
    )


if __name__ == "__main__":
    main()
