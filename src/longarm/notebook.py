"""The Python API for notebooks: `longarm.open(url)` and read-only queries on incidents."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from longarm.config import load_settings
from longarm.errors import NotFound
from longarm.exports.service import export_text
from longarm.incidents import sealing
from longarm.incidents import service as incidents
from longarm.storage.engine import create_database_engine, transaction


class Database:
    """A longarm database opened for analysis; the public view unless `include_restricted`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def incidents(self, **filters: Any) -> list[dict[str, Any]]:
        """Incidents as export records, keeping those whose fields equal every filter (tactic="killing")."""
        with transaction(self.engine) as session:
            records = [
                incidents.to_record(i).model_dump(mode="json")
                for i in incidents.list_for_export(session=session, include_unpublished=False)
            ]
        return [r for r in records if all(_field(r, name) == wanted for name, wanted in filters.items())]

    def incident(self, incident_id: str) -> dict[str, Any]:
        """One incident as an export record; NotFound when it is missing or not public."""
        with transaction(self.engine) as session:
            found = incidents.get_or_raise(session=session, incident_id=incident_id)
            record = incidents.to_record(found).model_dump(mode="json")
        if record["publication_state"] != "published" or record["sensitivity"] != "public":
            raise NotFound(f"There is no incident {incident_id!r}.")
        return record

    def export(self, format_name: str = "json") -> str:
        """The public export as text."""
        with transaction(self.engine) as session:
            return export_text(session=session, format_name=format_name)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _field(record: dict[str, Any], name: str) -> Any:
    if name in ("country", "place"):
        return (record.get("location") or {}).get(name)
    if name == "year":
        return int(record["date"]["start"][:4]) if record.get("date") else None
    return record.get(name)


def open(url: str | None = None) -> Database:  # noqa: A001  (the public name users type)
    """Open the database at `url` (default: the configured one) for queries."""
    settings = load_settings()
    return Database(sealing.install(create_database_engine(url or settings.effective_database_url), settings))
