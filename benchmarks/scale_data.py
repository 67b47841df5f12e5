"""A store of N realistic incidents for the scale benchmarks: sources, claims with quotes, actors, search index.

Rows go in through SQLAlchemy Core in batches with the search triggers held off, then each
incident's document is built once (`longarm.incidents.search_index`) and its linking profile
stored (`longarm.review.profile_store`), so 100,000 incidents
load in minutes rather than the hours the one-at-a-time import path takes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert

from longarm.incidents import actors as registry
from longarm.incidents.claims import item_key
from longarm.incidents.models import Actor, ActorAlias, Claim, Incident, Involvement, Outcome
from longarm.incidents.search_index import suspended
from longarm.names.folding import name_key
from longarm.review import profile_store
from longarm.sources.models import Source
from longarm.storage.bulk_load import insert_rows

GIVEN = "Mohammad Ali Ahmad Reza Hassan Mahsa Zahra Leila Omid Babak Nasrin Dawit Liu Wei Ivan Olga Jamal Amal".split()
SYLLABLES = "ka ri mo za de ha bi no sa le ta vo ru ne ji la pe so mi du ga fe ko ba hu si ye gho sha ze".split()
# (place, country, lat, lon): host cities where such incidents are reported.
CITIES = [
    ("The Hague", "NL", 52.08, 4.31),
    ("Amsterdam", "NL", 52.37, 4.90),
    ("Berlin", "DE", 52.52, 13.40),
    ("Hamburg", "DE", 53.55, 9.99),
    ("Paris", "FR", 48.86, 2.35),
    ("London", "GB", 51.51, -0.13),
    ("Washington", "US", 38.91, -77.04),
    ("New York", "US", 40.71, -74.01),
    ("Istanbul", "TR", 41.01, 28.98),
    ("Erbil", "IQ", 36.19, 44.01),
    ("Dubai", "AE", 25.20, 55.27),
    ("Stockholm", "SE", 59.33, 18.07),
    ("Copenhagen", "DK", 55.68, 12.57),
    ("Brussels", "BE", 50.85, 4.35),
    ("Vienna", "AT", 48.21, 16.37),
    ("Toronto", "CA", 43.65, -79.38),
    ("Sydney", "AU", -33.87, 151.21),
    ("Rome", "IT", 41.90, 12.50),
    ("Madrid", "ES", 40.42, -3.70),
    ("Oslo", "NO", 59.91, 10.75),
    ("Geneva", "CH", 46.20, 6.15),
    ("Athens", "GR", 37.98, 23.73),
    ("Nicosia", "CY", 35.17, 33.36),
]
TACTICS = {
    "killing": "was shot dead",
    "abduction": "was abducted",
    "surveillance": "was followed and photographed",
    "threat": "received death threats",
    "assault": "was attacked",
    "detention": "was detained",
    "coercion_by_proxy": "saw relatives at home questioned",
    "digital_attack": "was targeted with spyware",
}
STATUSES = ["completed", "completed", "completed", "attempted", "foiled", "alleged"]
ORIGINS = ["IR", "IR", "IR", "RU", "CN", "SA", "TR", "RW", "ER", "EG"]
AFFILIATIONS = ["journalist", "activist", "dissident", "lawyer", "opposition politician", "blogger", "former official"]
ATTRIBUTIONS = ["court_ruling", "official", "indictment", "reporting", "allegation"]
PUBLISHERS = ["BBC", "Reuters", "The Guardian", "Le Monde", "Der Spiegel", "NRC", "AP", "Al Jazeera"]
BATCH = 1000


@dataclass
class Generated:
    """What the generator wrote."""

    incidents: int
    claims: int
    sources: int


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def _perpetrators(origin: str) -> list[str]:
    known = [a["id"] for a in registry.known_actors() if a.get("country") == origin]
    return known or [registry.known_actors()[0]["id"]]


class _Rows:
    """The rows of one batch, table by table."""

    def __init__(self) -> None:
        self.by_table: dict[Any, list[dict[str, Any]]] = {
            t: [] for t in (Source, Actor, ActorAlias, Incident, Involvement, Outcome, Claim)
        }

    def add(self, model: Any, **row: Any) -> None:
        self.by_table[model].append(row)


def _incident(rng: random.Random, n: int, rows: _Rows, courts: list[str]) -> int:
    """Add one incident with two sources agreeing on its values; returns its number of claims."""
    incident_id = f"INC-GEN{n:07d}"
    tactic = rng.choice(list(TACTICS))
    place, country, lat, lon = rng.choice(CITIES)
    origin = rng.choice(ORIGINS)
    year, month, day = rng.randint(1979, 2025), rng.randint(1, 12), rng.randint(1, 28)
    victim, affiliation = f"{rng.choice(GIVEN)} {_surname(rng)}", rng.choice(AFFILIATIONS)
    perpetrator = rng.choice(_perpetrators(origin))
    attribution = rng.choice(ATTRIBUTIONS)
    status = rng.choice(STATUSES)
    date = {"start": f"{year}-{month:02d}-{day:02d}", "end": f"{year}-{month:02d}-{day:02d}", "precision": "day"}
    location = {"place": place, "country": country, "lat": lat, "lon": lon, "precision": "city"}
    title = f"{victim}, {affiliation}, {TACTICS[tactic]} in {place}"
    news = f"SRC-GEN{n:07d}"
    rows.add(
        Source,
        id=news,
        url=f"https://news.example/{year}/{n}",
        title=title,
        publisher=rng.choice(PUBLISHERS),
        published=f"{year}-{month:02d}",
        kind="news_report",
        reliability=rng.choice("BC"),
    )
    victim_id = f"ACT-GEN{n:07d}"
    rows.add(Actor, id=victim_id, name=victim, kind="person", known=False)
    rows.add(ActorAlias, actor_id=victim_id, alias=victim, key=name_key(victim))
    fatalities = 1 if tactic == "killing" and status == "completed" else 0
    values: list[tuple[str, Any, str | None]] = [
        ("title", title, None),
        ("tactic", tactic, f"{victim} {TACTICS[tactic]} in {place} on {day} {month}/{year}."),
        ("status", status, None),
        ("date", date, None),
        ("location", location, f"The {affiliation} lived in {place}."),
        ("origin_state", origin, None),
        ("attribution", attribution, None),
        ("fatalities", fatalities, None),
        ("victim", {"name": victim, "affiliations": [affiliation]}, f"{victim}, a well-known {affiliation},"),
        ("perpetrator", {"id": perpetrator, "kind": "state_agency"}, None),
    ]
    outcome = rng.random() < 0.3
    if outcome:
        values.append(("outcome", {"type": "investigation"}, f"Prosecutors in {place} opened an investigation."))
    cited = [news, rng.choice(courts)] if rng.random() < 0.6 else [news]
    for source in cited:
        for field, value, said in values:
            quote = said if source == news else None
            rows.add(
                Claim,
                incident_id=incident_id,
                source_id=source,
                field=field,
                item_key=item_key(field, value) if field in ("victim", "perpetrator", "outcome") else None,
                value=value,
                quote=quote,
                note=None if quote else "as the source states",
                made_by="longarm bench",
                credibility=2,
                preferred=False,
                restricted=False,
            )
    rows.add(
        Incident,
        id=incident_id,
        title=title,
        tactic=tactic,
        status=status,
        date_start=date["start"],
        date_end=date["end"],
        date_precision="day",
        place=place,
        country=country,
        lat=lat + rng.uniform(-0.05, 0.05),
        lon=lon + rng.uniform(-0.05, 0.05),
        geo_precision="city",
        origin_state=origin,
        fatalities=fatalities,
        attribution_basis=attribution,
        sensitivity="public",
        publication_state="published",
    )
    rows.add(Involvement, incident_id=incident_id, actor_id=victim_id, role="victim", affiliations=[affiliation])
    rows.add(Involvement, incident_id=incident_id, actor_id=perpetrator, role="perpetrator", affiliations=[])
    if outcome:
        rows.add(Outcome, incident_id=incident_id, type="investigation")
    return len(values) * len(cited)


def _batches(count: int, seed: int, courts: list[str]) -> Iterator[tuple[_Rows, list[str], int]]:
    rng = random.Random(seed)
    for start in range(0, count, BATCH):
        rows, claims = _Rows(), 0
        for n in range(start, min(count, start + BATCH)):
            claims += _incident(rng, n, rows, courts)
        yield rows, [r["id"] for r in rows.by_table[Incident]], claims


def generate(engine: Engine, *, count: int, seed: int = 12) -> Generated:
    """Write `count` published incidents (ids INC-GEN0000000…) into a migrated store with the actor registry."""
    courts = [f"SRC-COURT{n:05d}" for n in range(max(1, count // 50))]
    claims = 0
    with engine.begin() as connection:
        connection.execute(
            insert(Source),
            [{"id": c, "title": f"Judgment {c}", "kind": "court_record", "reliability": "A"} for c in courts],
        )
        written: list[str] = []
        with suspended(connection, written):
            for rows, ids, batch_claims in _batches(count, seed, courts):
                for model, items in rows.by_table.items():
                    if items:
                        insert_rows(connection, model, items)
                written.extend(ids)
                claims += batch_claims
        profile_store.refresh(connection, written)
    return Generated(incidents=count, claims=claims, sources=count + len(courts))
