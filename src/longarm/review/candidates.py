"""From an extracted incident (the `longarm extract` JSON) to a candidate's claims and title."""

from __future__ import annotations

from typing import Any

from longarm.incidents import fields
from longarm.incidents.schemas import ClaimRecord, Evidence, ExtractedIncident
from longarm.names.folding import name_key
from longarm.names.labels import STATUS_TITLES, TACTIC_TITLES

_SHOWN = {"victim": ("name", "affiliations")}
"""The keys of an extracted item a claim keeps (a victim's spellings stay with the document)."""


def title_for(incident: ExtractedIncident) -> str:
    """A plain title such as `Killing of Jane Doe, Almere, 2015`."""
    stated = incident.model_dump(mode="json")
    tactic = TACTIC_TITLES.get(stated.get("tactic") or "other", "Incident")
    prefix = STATUS_TITLES.get(stated.get("status") or "", "")
    title = prefix + (tactic.lower() if prefix else tactic)
    names = [v["name"] for v in stated.get("victims") or [] if v.get("name")]
    if names:
        title += " of " + " and ".join(names[:2]) + (" and others" if len(names) > 2 else "")
    elif groups := [a for v in stated.get("victims") or [] for a in v.get("affiliations") or []]:
        title += " targeting " + ", ".join(groups[:2])
    location = stated.get("location") or {}
    where = location.get("place") or location.get("country")
    year = (stated.get("date") or {}).get("start", "")[:4]
    return ", ".join(part for part in (title, where, year) if part)


def _evidence(incident: ExtractedIncident, names: tuple[str, ...], mention: str | None = None) -> Evidence | None:
    entries = [e for e in incident.evidence if e.field in names]
    if mention:
        key = name_key(mention)
        entries = [e for e in entries if key and key in name_key(e.quote)] or entries
    return entries[0] if entries else None


def _claim(field: str, value: Any, evidence: Evidence | None, *, source_id: str, made_by: str) -> ClaimRecord:
    if evidence is None:
        return ClaimRecord(field=field, value=value, source=source_id, made_by=made_by, note="stated in the document")
    return ClaimRecord(
        field=field,
        value=value,
        source=source_id,
        made_by=made_by,
        quote=evidence.quote,
        quote_start=evidence.start,
        quote_end=evidence.end,
    )


def claims_for_extracted(incident: ExtractedIncident, *, source_id: str, made_by: str) -> list[ClaimRecord]:
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
    for claim_field in fields.FIELDS:
        for value in claim_field.claim_values(incident.value(claim_field)):
            if claim_field.name == "attribution" and value == "none":
                continue  # no ground given is not a claim
            if claim_field.name in _SHOWN:
                value = {key: value.get(key) for key in _SHOWN[claim_field.name]}
            mention = value.get("name") if claim_field.many else None
            evidence = _evidence(incident, (claim_field.name, claim_field.key), mention)
            claims.append(_claim(claim_field.name, value, evidence, source_id=source_id, made_by=made_by))
    return claims
