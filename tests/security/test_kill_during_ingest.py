"""kill -9 during a batch ingest, then run it again: no partial incident, no duplicate, each document stored once."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from tests.cli_runner import longarm

CORPUS = Path(__file__).parents[1] / "ingestion" / "corpus"  # the project's own articles
COPIES = 3  # each article several times with a changed last line: other bytes, same story


def _documents(folder: Path) -> int:
    folder.mkdir()
    articles = sorted(CORPUS.glob("*.txt"))
    for copy in range(COPIES):
        for article in articles:
            body = article.read_text(encoding="utf-8") + f"\n\n(Republished, copy {copy}.)\n"
            (folder / f"{copy}_{article.name}").write_text(body, encoding="utf-8")
    return COPIES * len(articles)


def _count(engine, query: str) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return int(connection.execute(text(query)).scalar_one())


def _state(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        "sources": _count(engine, "SELECT count(*) FROM sources"),
        "candidates": _count(engine, "SELECT count(*) FROM candidates"),
        "incidents": _count(engine, "SELECT count(*) FROM incidents"),
        "claims": _count(engine, "SELECT count(*) FROM claims"),
    }


def test_a_killed_ingest_leaves_nothing_half_done(engine, cli_env, tmp_path):  # type: ignore[no-untyped-def]
    documents = _documents(tmp_path / "docs")
    command = [sys.executable, "-m", "longarm", "ingest", str(tmp_path / "docs"), "--auto-merge", "--published", "2020"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if _count(engine, "SELECT count(*) FROM sources") >= 3:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before it could be killed; add documents"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stopped_at = _count(engine, "SELECT count(*) FROM sources")
    assert 0 < stopped_at < documents

    again = longarm("ingest", str(tmp_path / "docs"), "--auto-merge", "--published", "2020")
    assert again.code == 0, again.stderr
    assert longarm("ingest", str(tmp_path / "docs"), "--auto-merge", "--published", "2020").code == 0
    state = _state(engine)
    assert state["sources"] == documents  # every document once
    assert _count(engine, "SELECT count(DISTINCT sha256) FROM sources") == documents
    stored = [p for p in cli_env.evidence_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(stored) == documents
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in stored)
    # No partial incident: each has claims, each came from one accepted candidate, each candidate is whole.
    assert (
        _count(
            engine,
            "SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id)",
        )
        == 0
    )
    assert state["incidents"] == _count(engine, "SELECT count(*) FROM candidates WHERE status = 'accepted'")
    assert (
        _count(engine, "SELECT count(*) FROM candidates WHERE status IN ('accepted', 'merged') AND incident_id IS NULL")
        == 0
    )
    assert longarm("audit", "verify").code == 0

    if engine.url.get_backend_name() == "sqlite":
        # The same batch run once, uninterrupted, into a fresh database gives the same totals.
        clean_home = tmp_path / "clean"
        clean_home.mkdir()
        shutil.copy(cli_env.key_file, clean_home / "longarm.key")
        env = {**os.environ, "LONGARM_HOME": str(clean_home), "LONGARM_DATABASE_URL": ""}
        subprocess.run([sys.executable, "-m", "longarm", "init"], env=env, check=True, capture_output=True)
        subprocess.run(command, env=env, check=True, capture_output=True)
        from longarm.storage.engine import create_database_engine

        clean = create_database_engine(f"sqlite:///{clean_home / 'longarm.db'}")
        assert _state(clean) == state
        clean.dispose()
