"""`longarm import` of N exported incidents (SQLite): wall clock, peak memory, and the audit chain verified after.

N is `LONGARM_BENCH_IMPORT` (default 100,000). The incidents are generated
(`benchmarks.scale_data`), exported with `longarm export --format json`, then imported into
an empty store by `longarm import` in its own process, whose peak resident memory is read
from the operating system; `longarm audit verify` then checks the chain the import extended.
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


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LONGARM_")}
    return env | {"LONGARM_HOME": str(home), "LONGARM_LOG_LEVEL": "WARNING"}


def _longarm(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "longarm", *args], env=_env(home), capture_output=True, text=True, check=True
    )


def _measured(home: Path, *args: str) -> tuple[str, float, float, float]:
    """Run a command: its output, wall-clock and CPU seconds, and peak memory (MB), of that process alone."""
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "longarm", *args], env=_env(home), stdout=subprocess.PIPE, text=True
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
    output, wall, cpu, peak = _measured(target, "import", str(export))
    print(f"longarm import: {output.rsplit(': ', 1)[-1]}")
    print(f"  {wall:.1f} s wall clock ({count / wall:,.0f} incidents/s), {cpu:.1f} s CPU, peak memory {peak:,.0f} MB")
    started = time.perf_counter()
    verified = _longarm(target, "audit", "verify")
    print(f"longarm audit verify after the import: {verified.stdout.strip()} ({time.perf_counter() - started:.1f} s)")
    again = _longarm(target, "import", str(export))
    print(f"the same import again: {again.stdout.strip().rsplit(': ', 1)[-1]}")


if __name__ == "__main__":
    main()
