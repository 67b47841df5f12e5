"""An import builds each search document once (SQLite: triggers held off meanwhile) and keeps the triggers."""

from __future__ import annotations

from sqlalchemy import Engine

from longarm.exports.importing import import_records
from longarm.incidents import search
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.storage.engine import transaction


def _record(n: int) -> IncidentRecord:
    return IncidentRecord.model_validate(
        {
            "id": f"INC-IMP{n}",
            "title": f"Case {n}",
            "tactic": "threat",
            "victims": [{"name": f"Quennevar Tollesby{n}", "affiliations": ["journalist"]}],
            "sources": [{"id": f"SRC-IMP{n}", "title": "A report", "kind": "news_report"}],
        }
    )


def test_imported_incidents_are_found_by_their_values_and_later_edits_still_reindex(engine: Engine) -> None:
    with transaction(engine) as session:
        result = import_records(session=session, records=(_record(n) for n in range(3)), made_by="t", name="x.json")
    assert result.created == 3
    with transaction(engine) as session:
        found = search.search(session=session, filters=search.IncidentFilters(q="quennevar"))
        assert {i.id for i in found.incidents} == {"INC-IMP0", "INC-IMP1", "INC-IMP2"}
        incidents.get_or_raise(session=session, incident_id="INC-IMP1").title = "Vexillary affair"
    with transaction(engine) as session:
        found = search.search(session=session, filters=search.IncidentFilters(q="vexillary"))
        assert [i.id for i in found.incidents] == ["INC-IMP1"]
