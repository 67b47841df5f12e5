"""The scale generator writes whole incidents that the search index and the resolution rule agree with."""

from __future__ import annotations

from benchmarks.scale_data import generate
from sqlalchemy import Engine, func, select

from longarm.incidents import search
from longarm.incidents import service as incidents
from longarm.incidents.models import Claim, Incident, Involvement
from longarm.incidents.schemas import IncidentRecord
from longarm.review import profile_store
from longarm.storage import data_version
from longarm.storage.engine import transaction


def test_generated_incidents_have_claims_sources_actors_and_are_searchable(engine: Engine) -> None:
    made = generate(engine, count=40)
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 40
        assert session.scalar(select(func.count()).select_from(Claim)) == made.claims
        assert session.scalar(select(func.count()).select_from(Involvement)) == 80
        incident = incidents.get_or_raise(session=session, incident_id="INC-GEN0000007")
        shown = (incident.title, incident.tactic, incident.country, incident.date_start)
        incidents.resolve_incident(session=session, incident=incident)
        # The columns the generator wrote are those the resolution rule gives from the claims.
        assert (incident.title, incident.tactic, incident.country, incident.date_start) == shown
        # Each generated incident is a valid record of the export's shape, so `longarm import` takes it.
        IncidentRecord.model_validate(incidents.to_record(incident).model_dump(mode="json"))
        surname = incident.title.split(",")[0].split()[-1]
        found = search.search(session=session, filters=search.IncidentFilters(q=surname))
        assert "INC-GEN0000007" in {i.id for i in found.incidents}


def test_search_triggers_work_again_after_a_bulk_load(engine: Engine) -> None:
    with transaction(engine) as session:
        before = data_version.current(session)
    generate(engine, count=3)
    with transaction(engine) as session:
        # The data version's triggers were held off too; the one rebuild moved it on, and each profile is stored.
        assert data_version.current(session) > before
        assert session.scalar(select(func.count()).select_from(profile_store.profiles_table)) == 3
        incident = incidents.get_or_raise(session=session, incident_id="INC-GEN0000001")
        incident.title = "Zzyzxword case"
    with transaction(engine) as session:
        found = search.search(session=session, filters=search.IncidentFilters(q="zzyzxword"))
        assert [i.id for i in found.incidents] == ["INC-GEN0000001"]
