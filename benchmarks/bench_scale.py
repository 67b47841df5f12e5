"""Reads at scale over loopback: `longarm serve` on N generated incidents (SQLite), beside Datasette on the same file.

N is `LONGARM_BENCH_INCIDENTS` (default 100,000). Each endpoint is measured at 1, 8 and 32
concurrent clients; a failed request (any status but 200) is counted, never retried.
Datasette runs from its own venv (`make bench` installs it in `.venv-datasette`); without
it that row is skipped. Then the same store is generated on a throwaway PostgreSQL server (the
one the tests start) and every endpoint measured again: `LONGARM_BENCH_PG_INCIDENTS` of them
(default N; 0 skips it).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, select

from benchmarks.load import free_port, measure, serving
from benchmarks.scale_data import generate
from longarm.config import Settings
from longarm.incidents import sealing, search
from longarm.incidents.models import Incident
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine

CLIENTS = (1, 8, 32)
DATASETTE = Path(os.environ.get("LONGARM_DATASETTE", ".venv-datasette/bin/datasette"))


def _requests(clients: int) -> int:
    return max(40, clients * 6)


def deep_cursor(engine: Engine, count: int) -> str:
    """The cursor a reader walking the whole list would hold ten pages before its end."""
    with engine.connect() as connection:
        date, incident_id = connection.execute(
            select(Incident.date_start, Incident.id)
            .order_by(Incident.date_start.desc(), Incident.id.desc())
            .offset(max(0, count - 11 * 25 - 1))
            .limit(1)
        ).one()
    return search.encode_cursor(Incident(id=incident_id, date_start=date))


def endpoints(count: int, cursor: str) -> dict[str, list[str]]:
    """What to measure: name → the paths cycled through (several, so no single answer is all that is timed)."""
    last_page = max(1, count // 25 - 10)
    return {
        "HTML list /incidents": ["/incidents"],
        "API list (50 a page)": ["/api/v1/incidents?per_page=50"],
        "filtered list": ["/api/v1/incidents?tactic=killing&country=DE", "/api/v1/incidents?origin_state=RU"],
        "search (common, rare word)": ["/api/v1/incidents?q=journalist", "/api/v1/incidents?q=berlin+killing"],
        f"deep page (page={last_page})": [f"/api/v1/incidents?page={last_page}"],
        "deep page (its cursor)": [f"/api/v1/incidents?cursor={cursor}"],
        "incident page": [f"/incidents/INC-GEN{n:07d}" for n in (7, count // 2, count - 1)],
        # What the map asks: the world at its first zoom, then a framed view (Europe at zoom 5).
        "map data (clusters)": [
            "/api/v1/incidents.geojson?zoom=2",
            "/api/v1/incidents.geojson?zoom=5&bbox=-12.8,34.5,35.2,61.3",
        ],
    }


def _table(base_name: str, base: str, paths: dict[str, list[str]]) -> None:
    for name, cycled in paths.items():
        for clients in CLIENTS:
            print(measure(base, cycled, clients=clients, requests=_requests(clients)).line(f"{base_name} {name}"))


def _postgres(count: int, workers: str) -> None:
    """Every endpoint on PostgreSQL: the same generated store, served the same way."""
    from sqlalchemy.engine import make_url
    from tests.support.postgres import postgres_server

    with postgres_server() as admin_url:
        url = make_url(admin_url).render_as_string(hide_password=False)
        engine = create_database_engine(url)
        initialise(engine, sample=False)
        started = time.perf_counter()
        generate(engine, count=count)
        cursor = deep_cursor(engine, count)
        engine.dispose()
        print(f"PostgreSQL: generated {count:,} incidents in {time.perf_counter() - started:.1f} s")
        folder = Path(tempfile.mkdtemp())
        env = {"LONGARM_HOME": str(folder), "LONGARM_DATABASE_URL": url, "LONGARM_LOG_LEVEL": "WARNING"}
        port = free_port()
        command = [sys.executable, "-m", "longarm", "serve", "--host", "127.0.0.1", "--port", str(port)]
        print(f"longarm serve --workers {workers} (PostgreSQL 15), wall-clock latency over loopback")
        with serving([*command, "--workers", workers], port=port, ready="/api/v1/incidents", env=env) as base:
            _table("longarm", base, endpoints(count, cursor))


def main() -> None:
    """Generate the store, then serve it with longarm and with Datasette and measure both."""
    count = int(os.environ.get("LONGARM_BENCH_INCIDENTS", "100000"))
    workers = os.environ.get("LONGARM_BENCH_WORKERS", "1")
    folder = Path(tempfile.mkdtemp())
    path = folder / "longarm.db"
    engine = sealing.install(create_database_engine(f"sqlite:///{path}"), Settings(home=folder))
    initialise(engine, sample=False)
    started = time.perf_counter()
    made = generate(engine, count=count)
    cursor = deep_cursor(engine, count)
    engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"generated {made.incidents:,} incidents, {made.claims:,} claims, {made.sources:,} sources"
        f" in {time.perf_counter() - started:.1f} s (peak memory {peak:.0f} MB)"
    )
    env = {"LONGARM_HOME": str(folder), "LONGARM_DATABASE_URL": f"sqlite:///{path}", "LONGARM_LOG_LEVEL": "WARNING"}
    port = free_port()
    command = [sys.executable, "-m", "longarm", "serve", "--host", "127.0.0.1", "--port", str(port)]
    print(f"longarm serve --workers {workers} (SQLite), wall-clock latency over loopback")
    with serving([*command, "--workers", workers], port=port, ready="/api/v1/incidents", env=env) as base:
        _table("longarm", base, endpoints(count, cursor))
    if not DATASETTE.exists():
        print(f"Datasette: skipped ({DATASETTE} is missing; `make bench` installs it)")
    else:
        _datasette(path)
    on_postgres = int(os.environ.get("LONGARM_BENCH_PG_INCIDENTS", str(count)))
    if on_postgres:
        _postgres(on_postgres, workers)


def _datasette(path: Path) -> None:
    port = free_port()
    print("Datasette on the same file: the incidents table page, 50 rows, JSON (no facet suggestions, as longarm's)")
    datasette = [str(DATASETTE), "serve", str(path), "--host", "127.0.0.1", "--port", str(port)]
    datasette += ["--setting", "suggest_facets", "off"]
    with serving(datasette, port=port, ready="/longarm/incidents.json?_size=1") as base:
        _table(
            "datasette",
            base,
            {
                "table page (by id)": ["/longarm/incidents.json?_size=50"],
                "table page (by date_start desc)": ["/longarm/incidents.json?_size=50&_sort_desc=date_start"],
            },
        )


if __name__ == "__main__":
    main()
