"""From an extracted incident (the `longarm extract` JSON) to a candidate's claims and title."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError

from longarm.incidents.schemas import ClaimRecord
from longarm.names.folding import name_key
from longarm.names.labels import STATUS_TITLES, TACTIC_TITLES

log = logging.getLogger(__name__)

_SCALARS = ("tactic", "status", "date", "location", "origin_state", "fatalities")
_LISTS = (("victims", "victim"), ("perpetrators", "perpetrator"), ("outcomes", "outcome"))


def title_for(incident: dict[str, Any]) -> str:
    """A plain title such as `Killing of Jane Doe, Almere, 2015`."""
    tactic = TACTIC_TITLES.get(incident.get("tactic") or "other", "Incident")
    prefix = STATUS_TITLES.get(incident.get("status") or "", "")
    title = prefix + (tactic.lower() if prefix else tactic)
    names = [v["name"] for v in incident.get("victims") or [] if v.get("name")]
    if names:
        title += " of " + " and ".join(names[:2]) + (" and others" if len(names) > 2 else "")
    elif groups := [a for v in incident.get("victims") or [] for a in v.get("affiliations") or []]:
        title += " targeting " + ", ".join(groups[:2])
    location = incident.get("location") or {}
    where = location.get("place") or location.get("country")
    year = (incident.get("date") or {}).get("start", "")[:4]
    return ", ".join(part for part in (title, where, year) if part)


def _evidence(incident: dict[str, Any], names: tuple[str, ...], mention: str | None = None) -> dict[str, Any] | None:
    entries = [e for e in incident.get("evidence") or [] if e.get("field") in names]
    if mention:
        key = name_key(mention)
        entries = [e for e in entries if key and key in name_key(e.get("quote", ""))] or entries
    return entries[0] if entries else None


def _claim(
    field: str, value: Any, evidence: dict[str, Any] | None, *, source_id: str, made_by: str
) -> ClaimRecord | None:
    support: dict[str, Any] = {"note": "stated in the document"}
    if evidence is not None:
        support = {"quote": evidence["quote"], "quote_start": evidence["start"], "quote_end": evidence["end"]}
    try:
        return ClaimRecord(field=field, value=value, source=source_id, made_by=made_by, **support)
    except ValidationError as error:
        # A value the store cannot hold (an unknown country code) loses that value, not the document.
        log.warning("extracted %s left out: %s", field, error.errors()[0]["msg"])
        return None


def claims_for_extracted(incident: dict[str, Any], *, source_id: str, made_by: str) -> list[ClaimRecord]:
    """One claim per extracted value, quoting the evidence the extractor gave for its field."""
    stated: list[tuple[str, Any, dict[str, Any] | None]] = [
        (field, incident[field], _evidence(incident, (field,))) for field in _SCALARS if incident.get(field) is not None
    ]
    basis = (incident.get("attribution") or {}).get("basis")
    if basis and basis != "none":
        stated.append(("attribution", basis, _evidence(incident, ("attribution",))))
    for plural, singular in _LISTS:
        for item in incident.get(plural) or []:
            stated.append(
                (singular, _list_value(singular, item), _evidence(incident, (plural, singular), item.get("name")))
            )
    title = ClaimRecord(
        field="title",
        value=title_for(incident),
        source=source_id,
        note="title written by longarm from the extracted values",
        made_by=made_by,
    )
    claims = (_claim(f, v, e, source_id=source_id, made_by=made_by) for f, v, e in stated)
    return [title, *(claim for claim in claims if claim is not None)]


def _list_value(field: str, item: dict[str, Any]) -> dict[str, Any]:
    if field == "victim":
        return {"name": item.get("name"), "affiliations": list(item.get("affiliations") or [])}
    if field == "perpetrator":
        value = {"id": item.get("id"), "name": item.get("name"), "kind": item.get("kind") or "unknown"}
        return value | ({"degree": item["degree"]} if item.get("degree") else {})
    return {key: item.get(key) for key in ("type", "years", "date")}
