"""Claims from records: the values an export or an extraction states, one claim per value."""

from __future__ import annotations

from typing import Any

from longarm.incidents import fields
from longarm.incidents.schemas import ClaimRecord, IncidentRecord
from longarm.names.folding import name_key


def item_key(field: str, value: dict[str, Any]) -> str | None:
    """Which item of a list field a value is about: one victim, perpetrator or outcome type."""
    if field == "victim":
        if value.get("name"):
            return "victim:" + name_key(value["name"])
        return "victim-group:" + ",".join(sorted(value.get("affiliations") or []))
    if field == "perpetrator":
        return "perpetrator:" + (value.get("id") or name_key(value.get("name") or ""))
    if field == "outcome":
        return "outcome:" + str(value["type"])
    return None


def field_values(record: IncidentRecord) -> list[tuple[str, Any]]:
    """The (field, value) pairs an incident record states, in claim form."""
    return [(f.name, value) for f in fields.FIELDS for value in f.claim_values(record.stated(f))]


def claims_for(record: IncidentRecord, *, made_by: str, note: str) -> list[ClaimRecord]:
    """The record's own claims, or one per stated value and listed source (a CSV row's sources)."""
    if record.claims:
        return record.claims
    cited: list[str | None] = [s.id for s in record.sources] or [None]
    return [
        ClaimRecord(field=field, value=value, source=source, note=note, made_by=made_by)
        for source in cited
        for field, value in field_values(record)
    ]
