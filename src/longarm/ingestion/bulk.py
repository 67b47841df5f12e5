"""Bulk extraction on Dask: each file extracted on a worker, its candidates written as one Parquet partition.

A partition is named by the SHA-256 of the file's bytes, so a re-run skips what is done and a
file seen under two names is extracted once. The cluster is a local one by default (worker
processes on this machine) or any running Dask scheduler by address (`tcp://host:8786`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from longarm.config import load_settings
from longarm.errors import BadInput

COLUMNS = ("sha256", "path", "document", "incident", "candidate")
TASK_FILES = 25  # files a task extracts: enough that scheduling costs little beside extraction


@dataclass
class BulkResult:
    """What a bulk run did: partitions written now, partitions already there, documents skipped."""

    written: int
    present: int
    skipped: list[str]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extract_files(files: list[tuple[str, str]], out: str, published: str | None) -> list[str]:
    """On a worker: `extract_file` for each (path, digest); a task holds several, so the scheduler is no bottleneck."""
    return [message for path, digest in files for message in extract_file(path, digest, out, published)]


def extract_file(path: str, digest: str, out: str, published: str | None) -> list[str]:
    """Extract every document of the file and write its partition; returns what was skipped."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from longarm.ingestion.budget import extract_within_budget
    from longarm.ingestion.documents import read_documents

    rows: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    skipped = []
    settings = load_settings()
    for number, document in enumerate(read_documents(Path(path))):
        try:
            result = extract_within_budget(document, published=published, settings=settings)
        except BadInput as error:
            skipped.append(str(error))
            continue
        for index, incident in enumerate(result["incidents"]):
            for name, value in zip(
                COLUMNS, (digest, path, number, index, json.dumps(incident, ensure_ascii=False)), strict=True
            ):
                rows[name].append(value)
    target = Path(out) / f"{digest}.parquet"
    partial = target.with_suffix(".partial")
    pq.write_table(pa.table(rows), partial)
    partial.replace(target)  # whole or absent: an interrupted run leaves no half partition
    return skipped


def extract_to_parquet(
    files: list[Path], *, out: Path, scheduler: str | None = None, workers: int = 2, published: str | None = None
) -> BulkResult:
    """Extract the files on Dask into `out/<sha256>.parquet`; files whose partition exists are not redone."""
    from dask.distributed import Client, LocalCluster, progress

    out.mkdir(parents=True, exist_ok=True)
    pending: dict[str, Path] = {}
    present = 0
    for path in files:
        digest = _digest(path)
        if (out / f"{digest}.parquet").exists():
            present += 1
        else:
            pending.setdefault(digest, path)
    if not pending:
        return BulkResult(written=0, present=present, skipped=[])
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            items = [(str(path), digest) for digest, path in pending.items()]
            futures = [
                client.submit(extract_files, chunk, str(out), published, key=f"extract-{chunk[0][1]}")
                for chunk in (items[n : n + TASK_FILES] for n in range(0, len(items), TASK_FILES))
            ]
            progress(futures)
            skipped = [message for future in futures for message in future.result()]
    finally:
        if cluster is not None:
            cluster.close()
    return BulkResult(written=len(pending), present=present, skipped=skipped)


def read_candidates(out: Path) -> list[dict[str, Any]]:
    """Every candidate in the partitions, with where it came from, in a stable order."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for partition in sorted(out.glob("*.parquet")):
        table = pq.read_table(partition).to_pylist()
        rows.extend({**row, "candidate": json.loads(row["candidate"])} for row in table)
    return sorted(rows, key=lambda r: (r["path"], r["document"], r["incident"]))
