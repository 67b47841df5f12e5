"""Counts, facets and search hits are cached per data version: any write is seen by the next reader."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from benchmarks.scale_data import generate
from sqlalchemy import Engine

from longarm.incidents import search
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.storage import data_version
from longarm.storage.engine import transaction

KILLINGS = search.IncidentFilters(tactic=("killing",))


def _figures(engine: Engine) -> tuple[int, int, int, dict[str, int]]:
    with transaction(engine) as session:
        listed = search.search(session=session, filters=KILLINGS).total
        found = search.search(session=session, filters=search.IncidentFilters(q="quixotic")).total
        facets = search.facet_counts(session=session, filters=search.IncidentFilters())
        return data_version.current(session), listed, found, dict(facets["tactic"])


def test_a_new_incident_and_an_edit_show_in_counts_facets_and_search_at_once(engine: Engine) -> None:
    generate(engine, count=20)
    version, killings, quixotic, tactics = _figures(engine)
    assert _figures(engine) == (version, killings, quixotic, tactics)  # nothing written, nothing moves
    record = IncidentRecord.model_validate(
        {"id": "INC-NEW", "title": "Quixotic plot", "tactic": "killing", "location": {"country": "NL"}}
    )
    with transaction(engine) as session:
        incidents.create_from_record(session=session, record=record, made_by="test", note="test")
    after = _figures(engine)
    assert after[0] > version
    assert after[1:3] == (killings + 1, 1) and after[3]["killing"] == tactics.get("killing", 0) + 1
    with transaction(engine) as session:
        incident = incidents.get_or_raise(session=session, incident_id="INC-NEW")
        incident.tactic = "threat"
    assert _figures(engine)[1] == killings


def test_readers_arriving_together_at_a_cold_cache_compute_once(engine: Engine) -> None:
    cache, calls, started = data_version.VersionedCache(), [], threading.Event()

    def compute() -> int:
        calls.append(1)
        started.wait(5)  # the others arrive while this runs
        return 42

    def read() -> int:
        with transaction(engine) as session:
            return cache.get(session, "answer", compute)

    with ThreadPoolExecutor(8) as pool:
        answers = [pool.submit(read) for _ in range(8)]
        while not calls:
            time.sleep(0.01)
        time.sleep(0.2)
        started.set()
        assert [a.result() for a in answers] == [42] * 8
    assert len(calls) == 1
