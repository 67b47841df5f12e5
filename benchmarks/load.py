"""A bounded loopback load loop: a server started as a subprocess, clients on threads, latency figures."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import httpx


@dataclass
class Figures:
    """Latencies of one endpoint at one concurrency."""

    clients: int
    requests: int
    failed: int
    p50_ms: float
    p95_ms: float
    per_second: float

    def line(self, name: str) -> str:
        """One printed row."""
        return (
            f"  {name:<34} {self.clients:>3} clients: p50 {self.p50_ms:7.1f} ms  p95 {self.p95_ms:7.1f} ms"
            f"  {self.per_second:7.1f} req/s  ({self.requests} requests, {self.failed} failed)"
        )


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(command: Sequence[str], *, port: int, ready: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run a server until the block ends; yields its base URL once `ready` answers."""
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        list(command), env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + ready, timeout=30).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(base: str, paths: Sequence[str], *, clients: int, requests: int) -> Figures:
    """Send `requests` GETs (cycling through `paths`) from `clients` threads; gzip asked for, as browsers do."""
    timings: list[float] = []
    failures = 0

    def one(n: int, client: httpx.Client) -> None:
        nonlocal failures
        started = time.perf_counter()
        try:
            response = client.get(paths[n % len(paths)])
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        timings.append(time.perf_counter() - started)
        failures += 0 if ok else 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    with httpx.Client(base_url=base, timeout=120, limits=limits, headers={"Accept-Encoding": "gzip"}) as client:
        one(0, client)  # warm caches, so the figures are of the steady state
        timings.clear()
        failures = 0
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(lambda n: one(n, client), range(requests)))
        wall = time.perf_counter() - started
    ordered = sorted(timings)
    return Figures(
        clients=clients,
        requests=requests,
        failed=failures,
        p50_ms=statistics.median(ordered) * 1000,
        p95_ms=ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        per_second=requests / wall,
    )
