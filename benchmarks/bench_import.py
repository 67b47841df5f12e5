"""`longarm import` of N exported incidents: wall clock, peak memory, and the audit chain verified after.

N is `LONGARM_BENCH_IMPORT` (default 100,000). The incidents are generated
(`benchmarks.scale_data`), exported with `longarm export --format json`, then imported into
an empty store by `longarm import` in its own process, whose peak resident memory is read
from the operating system; `longarm audit verify` then checks the chain the import extended.
Then the same file is imported into an empty PostgreSQL database on a throwaway server (the
one the tests start); `LONGARM_BENCH_IMPORT_PG=0` skips that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.scale_data import generate
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine


def _env(home: Path, database: str | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LONGARM_")}
    env |= {"LONGARM_HOME": str(home), "LONGARM_LOG_LEVEL": "WARNING"}
    return env | ({"LONGARM_DATABASE_URL": database} if database else {})


def _longarm(home: Path, *args: str, database: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "longarm", *args], env=_env(home, database), capture_output=True, text=True, check=True
    )


def _measured(home: Path, *args: str, database: str | None = None) -> tuple[str, float, float, float]:
    """Run a command: its output, wall-clock and CPU seconds, and peak memory (MB), of that process alone."""
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "longarm", *args], env=_env(home, database), stdout=subprocess.PIPE, text=True
    ) as process:
        _pid, status, usage = os.wait4(process.pid, 0)
        output = process.stdout.read() if process.stdout else ""
    if status != 0:
        raise SystemExit(f"longarm {args[0]} failed ({status})")
    return output.strip(), time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    """Generate, export, then time the import into an empty store and verify the audit log."""
    count = int(os.environ.get("LONGARM_BENCH_IMPORT", "100000"))
    folder = Path(tempfile.mkdtemp())
    source, target = folder / "source", folder / "target"
    _longarm(source, "init")
    engine = create_database_engine(f"sqlite:///{source / 'longarm.db'}")
    initialise(engine, sample=False)
    generate(engine, count=count)
    engine.dispose()
    export = folder / "incidents.json"
    started = time.perf_counter()
    _longarm(source, "export", "--format", "json", "--out", str(export))
    spent = time.perf_counter() - started
    print(f"export of {count:,} incidents: {export.stat().st_size / 1e6:,.0f} MB in {spent:.1f} s")
    _longarm(target, "init")
    _import(target, export, count)
    if os.environ.get("LONGARM_BENCH_IMPORT_PG", "1") != "0":
        _postgres(folder / "postgres", export, count)


def _import(home: Path, export: Path, count: int, database: str | None = None) -> None:
    """Import the file into the empty store, verify the audit chain, then import it again."""
    output, wall, cpu, peak = _measured(home, "import", str(export), database=database)
    print(f"longarm import: {output.rsplit(': ', 1)[-1]}")
    print(f"  {wall:.1f} s wall clock ({count / wall:,.0f} incidents/s), {cpu:.1f} s CPU, peak memory {peak:,.0f} MB")
    started = time.perf_counter()
    verified = _longarm(home, "audit", "verify", database=database)
    print(f"longarm audit verify after the import: {verified.stdout.strip()} ({time.perf_counter() - started:.1f} s)")
    again = _longarm(home, "import", str(export), database=database)
    print(f"the same import again: {again.stdout.strip().rsplit(': ', 1)[-1]}")


def _postgres(home: Path, export: Path, count: int) -> None:
    """The same import into an empty PostgreSQL database (CPU and memory: the command's process, not the server's)."""
    from sqlalchemy.engine import make_url
    from tests.support.postgres import postgres_server

    with postgres_server() as admin_url:
        url = make_url(admin_url).render_as_string(hide_password=False)
        _longarm(home, "init", database=url)
        print("PostgreSQL 15:")
        _import(home, export, count, database=url)


if __name__ == "__main__":
    main()
