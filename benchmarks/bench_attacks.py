"""The attacker's resource and timing attacks, rerun: figures printed, nothing asserted.

    .venv/bin/python -m benchmarks.bench_attacks [SCENARIO]

Each memory scenario runs in its own process, so its peak resident size is its own:
an oversized request body, a WARC decompression bomb, a flood of parallel sign-ins.
Timing: sign-in refusals by cause (enumeration), and extraction from 10 KB to 1 MB of
text, real ledes and the same words with no sentence end (linear growth means about 100x
the time for 100x the text). The leak, lockout and audit-truncation attacks are tests
(tests/security, tests/auth, tests/audit).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

MIB = 1024 * 1024


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _app(home: Path, **changes: object):  # type: ignore[no-untyped-def]
    from longarm.config import Settings
    from longarm.storage.database import initialise, open_engine
    from longarm.web.app import create_app

    settings = replace(Settings(home=home), **changes)  # type: ignore[arg-type]
    engine = open_engine(settings)
    initialise(engine, sample=False)
    return create_app(settings, engine=engine), engine


def oversized_body() -> str:
    """8 anonymous 300 MB POSTs, streamed in 1 MB chunks without a length."""
    import httpx

    with tempfile.TemporaryDirectory() as home:
        app, _engine = _app(Path(home))
        before = _peak_mib()

        async def post() -> int:
            async def chunks():  # type: ignore[no-untyped-def]
                for _ in range(300):
                    yield b"x" * MIB

            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                answer = await client.post("/login", content=chunks())
                return answer.status_code

        async def flood() -> list[int]:
            return list(await asyncio.gather(*(post() for _ in range(8))))

        statuses = asyncio.run(flood())
        return f"8 x 300 MB bodies: answers {sorted(set(statuses))}, peak grew {_peak_mib() - before:.0f} MiB"


def warc_bomb(record_mib: int = 45) -> str:
    """A small .warc.gz of 40 records of `record_mib` MB of HTML each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from longarm.errors import BadInput
    from longarm.ingestion.documents import documents_from_bytes

    body = b"<html><body>" + b"<p>" + b"a" * (record_mib * MIB) + b"</p></body></html>"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(40):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://bomb.example/{n}", "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    data = out.getvalue()
    del body
    before = _peak_mib()
    try:
        documents_from_bytes(data, name="bomb.warc.gz")
        outcome = "read"
    except BadInput as error:
        outcome = f"refused ({str(error)[:90]}...)"
    grew = _peak_mib() - before
    return f"{len(data) / MIB:.1f} MB .warc.gz of 40 x {record_mib} MB: {outcome}; peak grew {grew:.0f} MiB"


def login_flood() -> str:
    """200 parallel anonymous sign-ins from 20 addresses, with a public page asked meanwhile."""
    import httpx

    from longarm.auth import service

    with tempfile.TemporaryDirectory() as home:
        app, _engine = _app(Path(home))
        before = _peak_mib()
        statuses: list[int] = []

        async def attempt(n: int) -> None:
            transport = httpx.ASGITransport(app=app, client=(f"10.0.0.{n % 20}", 1234))
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                page = await client.get("/login")
                token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
                form = {"name": f"user{n}", "password": "x" * 12, "csrf_token": token}
                answer = await client.post("/login", data=form)
                statuses.append(answer.status_code)

        async def public_page() -> float:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                start = time.perf_counter()
                await client.get("/")
                return time.perf_counter() - start

        async def flood() -> float:
            tasks = [asyncio.create_task(attempt(n)) for n in range(200)]
            await asyncio.sleep(0.05)
            waited = await public_page()
            await asyncio.gather(*tasks)
            return waited

        service.verify_password(service._dummy_hash(), "warm up")
        waited = asyncio.run(flood())
        counts = {status: statuses.count(status) for status in sorted(set(statuses))}
        return (
            f"200 parallel sign-ins: answers {counts}, a public page took {waited:.2f} s meanwhile, "
            f"peak grew {_peak_mib() - before:.0f} MiB"
        )


def enumeration() -> str:
    """Median time of a refused sign-in: unknown name, locked, disabled, wrong password."""
    from longarm.auth import service
    from longarm.config import Settings
    from longarm.storage.database import initialise, open_engine
    from longarm.storage.engine import transaction

    with tempfile.TemporaryDirectory() as home:
        engine = open_engine(Settings(home=Path(home), database_url=f"sqlite:///{home}/bench.db"))
        initialise(engine, sample=False)
        with transaction(engine) as session:
            for name in ("locked", "disabled", "known"):
                service.create(session=session, name=name, role="viewer", password="a long enough password")
            disabled = service.get_by_name(session=session, name="disabled")
            assert disabled is not None
            service.set_active(session=session, user=disabled, active=False)
        for _ in range(5):
            service.authenticate(engine=engine, name="locked", password="wrong password")
        times: dict[str, list[float]] = {"unknown": [], "locked": [], "disabled": [], "wrong password": []}
        names = {"unknown": "nobody", "locked": "locked", "disabled": "disabled", "wrong password": "known"}
        for _ in range(25):
            for cause, name in random.sample(list(names.items()), len(names)):  # no order effect
                start = time.perf_counter()
                service.authenticate(engine=engine, name=name, password="wrong password", max_attempts=10**6)
                times[cause].append(time.perf_counter() - start)
        quartiles = {cause: statistics.quantiles(found, n=4) for cause, found in times.items()}
        return "refused sign-ins, median ms (quartiles): " + ", ".join(
            f"{cause} {q[1] * 1000:.0f} ({q[0] * 1000:.0f}–{q[2] * 1000:.0f})" for cause, q in quartiles.items()
        )


def _extraction_times(pool: str) -> dict[int, float]:
    """Extraction CPU seconds on the first 10 KB, 100 KB and 1 MB of `pool`."""
    from longarm.ingestion.documents import Document
    from longarm.ingestion.extract import extract_document

    figures = {}
    for size in (10_000, 100_000, 1_000_000):
        text = pool[:size]
        document = Document(path=f"{size}", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
        start = time.process_time()
        extract_document(document, published="2024-01-01")
        figures[size] = time.process_time() - start
    return figures


def _growth(figures: dict[int, float]) -> str:
    return (
        ", ".join(f"{size // 1000} KB {seconds:.2f} s" for size, seconds in figures.items())
        + f"; 1 MB / 10 KB = {figures[1_000_000] / figures[10_000]:.0f}x"
    )


def extraction() -> str:
    """Extraction CPU time on 10 KB, 100 KB and 1 MB of real ledes and of the same words without a sentence end,
    and the sentence splitter on 800 KB."""
    from benchmarks.bench_extract import ledes
    from longarm.ingestion.documents import Document
    from longarm.ingestion.extract import extract_document
    from longarm.ingestion.extract.sentences import split_sentences

    pool = "\n\n".join(ledes(700))
    if len(pool) < 1_000_000:
        return "extraction: the pool's ledes are missing (../shared/corpus/pool); nothing timed"
    extract_document(Document(path="warm", sha256="0" * 64, text=pool[:2000]), published="2024-01-01")
    ledes_figures = _extraction_times(pool)
    # an attacker's megabyte: one run of words that never ends a sentence
    unpunctuated = _extraction_times(re.sub(r"[.!?;:\n]+", " ", pool))
    start = time.process_time()
    split_sentences(pool[:800_000])
    split = time.process_time() - start
    return (
        f"extraction: {_growth(ledes_figures)}; without sentence ends: {_growth(unpunctuated)}; "
        f"splitter on 800 KB {split:.3f} s"
    )


SCENARIOS = {
    "body": oversized_body,
    "warc": warc_bomb,
    "warc-under-record-cap": lambda: warc_bomb(15),
    "flood": login_flood,
    "enumeration": enumeration,
    "extraction": extraction,
}


def main() -> None:
    """Run each scenario in a fresh process and print its line."""
    for name in SCENARIOS:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_attacks", name], capture_output=True, text=True, timeout=1200
        )
        print(f"{name}: {done.stdout.strip() or done.stderr.strip().splitlines()[-1]}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(SCENARIOS[sys.argv[1]]())
    else:
        main()
