"""Interchange on 3,000 synthetic incidents (SQLite, one core): ACLED and Parquet export, report, ACLED import."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.bench_search import SIZE, _record
from longarm.auth.permissions import operator
from longarm.config import Settings
from longarm.exports.acled_import import import_acled
from longarm.exports.service import export_bytes
from longarm.incidents import sealing
from longarm.incidents import service as incidents
from longarm.incidents.search import IncidentFilters
from longarm.reports.build import report_content
from longarm.reports.render import report_html
from longarm.sources.evidence import EvidenceStore
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine, transaction

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "acled_sample.csv"


def main() -> None:
    """Load the incidents, then time each export format, the HTML report and importing the ACLED sample."""
    rng = random.Random(13)
    folder = Path(tempfile.mkdtemp())
    engine = sealing.install(create_database_engine(f"sqlite:///{folder / 'bench.db'}"), Settings(home=folder))
    initialise(engine, sample=False)
    with transaction(engine) as session:
        for n in range(SIZE):
            incidents.create_from_record(session=session, record=_record(rng, n), made_by="bench", note="synthetic")
    for name in ("csv", "acled", "parquet"):
        started = time.process_time()
        with transaction(engine) as session:
            size = len(export_bytes(session=session, format_name=name))
        print(f"export {name}: {SIZE} incidents, {size:,} bytes, {time.process_time() - started:.2f} s CPU")
    started = time.process_time()
    with transaction(engine) as session:
        html = report_html(report_content(session=session, filters=IncidentFilters()))
    print(f"report html: {SIZE} incidents, {len(html):,} characters, {time.process_time() - started:.2f} s CPU")
    if SAMPLE.exists():
        started = time.process_time()
        with transaction(engine) as session:
            result = import_acled(
                session=session, store=EvidenceStore(folder / "evidence"), path=SAMPLE, principal=operator()
            )
        spent = time.process_time() - started
        rows = result.candidates + len(result.skipped)
        found = f"{rows} rows ({result.candidates} candidates)"
        print(f"import acled: {found} in {spent:.2f} s CPU, {rows / spent:,.0f} rows/s")
    engine.dispose()
