"""Cluster, don't chain: the same articles ingested in any order give the same incidents."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from longarm.auth.permissions import SYSTEM
from longarm.config import Settings
from longarm.exports.service import export_text
from longarm.incidents import sealing
from longarm.ingestion.pipeline import ingest
from longarm.sources.evidence import EvidenceStore
from longarm.storage.engine import create_database_engine, transaction

# Each with the headline a real article has: the extractor's models learned from headlined ledes.
ARTICLES = {
    "usupov-1.txt": (
        "Chechen blogger shot dead in Lille\n\n"
        "Exiled blogger Tamerlan Usupov was shot dead outside his flat in Lille on 4 May 2021. "
        "French police said Chechen security agents working for Moscow were behind the killing.\n"
    ),
    "usupov-2.txt": (
        "Two charged over murder of Chechen blogger\n\n"
        "Two men were charged in France over the murder of Chechen blogger Tamerlan Oussoupov in Lille in May 2021. "
        "Investigators blame the Russian state.\n"
    ),
    "thai-1.txt": (
        "Vietnamese blogger abducted in Bangkok\n\n"
        "Vietnamese blogger Duong Van Thai was abducted in Bangkok on 13 April 2023 and taken back to Vietnam, "
        "where police said he had been arrested.\n"
    ),
    "thai-2.txt": (
        "Rights groups condemn abduction of blogger\n\n"
        "Rights groups condemned the abduction of blogger Duong Van Thai from Bangkok in April 2023 "
        "by Vietnamese agents.\n"
    ),
    "hasan.txt": (
        "Uyghur activist detained in Morocco\n\n"
        "Uyghur activist Idris Hasan was detained at Casablanca airport on 19 July 2021 on a Chinese Interpol notice.\n"
    ),
}
ORDERS = (
    ["usupov-1.txt", "usupov-2.txt", "thai-1.txt", "thai-2.txt", "hasan.txt"],
    ["hasan.txt", "thai-2.txt", "usupov-2.txt", "thai-1.txt", "usupov-1.txt"],
    ["thai-2.txt", "usupov-1.txt", "hasan.txt", "usupov-2.txt", "thai-1.txt"],
)


def _groupings(template: Path, folder: Path, home: Path, order: list[str]) -> set[frozenset[str]]:
    """Ingest the articles in this order into a fresh database; the files each exported incident cites."""
    home.mkdir()
    shutil.copy(template, home / "longarm.db")
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'longarm.db'}")
    engine = sealing.install(create_database_engine(settings.effective_database_url), settings)
    inputs = [str(folder / name) for name in order]
    ingest(
        engine=engine,
        store=EvidenceStore(settings.evidence_dir),
        inputs=inputs,
        principal=SYSTEM,
        published="2023-06-01",
        auto_merge=True,
    )
    with transaction(engine) as session:
        incidents = json.loads(export_text(session=session, format_name="json"))["incidents"]
    engine.dispose()
    by_hash = {hashlib.sha256((folder / name).read_bytes()).hexdigest(): name for name in ARTICLES}
    return {frozenset(by_hash[s["sha256"]] for s in incident["sources"]) for incident in incidents}


def test_any_order_of_arrival_gives_the_same_incidents(sqlite_template, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    results = [_groupings(sqlite_template, folder, tmp_path / f"run{n}", order) for n, order in enumerate(ORDERS)]
    assert results[0] == results[1] == results[2]
    assert frozenset({"usupov-1.txt", "usupov-2.txt"}) in results[0]
    assert frozenset({"thai-1.txt", "thai-2.txt"}) in results[0]
