"""`longarm serve` holds 32 concurrent clients: every request answered, none failed for want of a connection."""

from __future__ import annotations

import sys

import httpx
from benchmarks.load import free_port, measure, serving
from benchmarks.scale_data import generate
from sqlalchemy import Engine

from longarm.config import Settings


def test_32_clients_on_two_workers_get_every_answer(engine: Engine, settings: Settings) -> None:
    generate(engine, count=300)
    port = free_port()
    command = [sys.executable, "-m", "longarm", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    env = {"LONGARM_HOME": str(settings.home), "LONGARM_DATABASE_URL": settings.effective_database_url}
    paths = ["/incidents", "/api/v1/incidents?q=journalist", "/map", "/api/v1/incidents?tactic=killing"]
    with serving(command, port=port, ready="/api/v1/incidents", env=env) as base:
        figures = measure(base, paths, clients=32, requests=128)
        listed = httpx.get(base + "/api/v1/incidents?per_page=100").json()
    assert figures.failed == 0 and figures.requests == 128
    assert listed["total"] == 300
