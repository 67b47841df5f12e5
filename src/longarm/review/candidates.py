"""From an extracted incident (the `longarm extract` JSON) to a candidate's claims and title."""

from __future__ import annotations

from typing import Any

from longarm.incidents.names import name_key
from longarm.incidents.schemas import ClaimRecord

_SCALARS = ("tactic", "status", "date", "location", "origin_state", "fatalities")
_LISTS = (("victims", "victim"), ("perpetrators", "perpetrator"), ("outcomes", "outcome"))
_TACTIC_WORDS = {
    "killing": "Killing",
    "assault": "Assault",
    "abduction": "Abduction",
    "detention": "Detention",
    "deportation": "Deportation",
    "surveillance": "Surveillance",
    "threat": "Threats",
    "coercion_by_proxy": "Coercion of relatives",
    "digital_attack": "Digital attack",
    "legal_harassment": "Legal harassment",
    "other": "Incident",
}
_STATUS_WORDS = {"foiled": "Foiled plot: ", "attempted": "Attempted ", "alleged": "Alleged "}


def title_for(incident: dict[str, Any]) -> str:
    """A plain title such as `Killing of Jane Doe, Almere, 2015`."""
    tactic = _TACTIC_WORDS.get(incident.get("tactic") or "other", "Incident")
    prefix = _STATUS_WORDS.get(incident.get("status") or "", "")
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


def _claim(field: str, value: Any, evidence: dict[str, Any] | None, *, source_id: str, made_by: str) -> ClaimRecord:
    if evidence is not None:
        return ClaimRecord(
            field=field,
            value=value,
            source=source_id,
            quote=evidence["quote"],
            quote_start=evidence["start"],
            quote_end=evidence["end"],
            made_by=made_by,
        )
    return ClaimRecord(field=field, value=value, source=source_id, note="stated in the document", made_by=made_by)


def claims_for_extracted(incident: dict[str, Any], *, source_id: str, made_by: str) -> list[ClaimRecord]:
    """One claim per extracted value, quoting the evidence the extractor gave for its field."""
    claims = [
        ClaimRecord(
            field="title",
            value=title_for(incident),
            source=source_id,
            note="title written by longarm from the extracted values",
            made_by=made_by,
        )
    ]
    for field in _SCALARS:
        if incident.get(field) is not None:
            claims.append(
                _claim(
                    field,
                    incident[field],
                    _evidence(incident, (field,)),
                    source_id=source_id,
                    made_by=made_by,
                )
            )
    basis = (incident.get("attribution") or {}).get("basis")
    if basis and basis != "none":
        claims.append(
            _claim(
                "attribution",
                basis,
                _evidence(incident, ("attribution",)),
                source_id=source_id,
                made_by=made_by,
            )
        )
    for plural, singular in _LISTS:
        for item in incident.get(plural) or []:
            value = _list_value(singular, item)
            evidence = _evidence(incident, (plural, singular), item.get("name"))
            claims.append(_claim(singular, value, evidence, source_id=source_id, made_by=made_by))
    return claims


def _list_value(field: str, item: dict[str, Any]) -> dict[str, Any]:
    if field == "victim":
        return {"name": item.get("name"), "affiliations": list(item.get("affiliations") or [])}
    if field == "perpetrator":
        value = {"id": item.get("id"), "name": item.get("name"), "kind": item.get("kind") or "unknown"}
        return value | ({"degree": item["degree"]} if item.get("degree") else {})
    return {key: item.get(key) for key in ("type", "years", "date")}
