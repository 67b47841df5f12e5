"""Edit an incident: each changed value becomes a preferred claim by the editor, with a note.

An edit never overwrites what sources said: it adds the editor's own claim, marked as the
reviewer's choice, so the resolution rule shows it while the sources' claims stay visible.
The claim cites a source or is marked as the editor's judgement (no source), and it goes
above a stronger source that disagrees (a court record) only when the editor says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from longarm.audit import service as audit
from longarm.audit.actions import AuditAction
from longarm.auth.permissions import Permission, Principal
from longarm.errors import BadInput
from longarm.incidents import service as incidents
from longarm.incidents.models import Incident
from longarm.incidents.resolve import compatible
from longarm.incidents.schemas import ClaimRecord, DateValue, LocationValue
from longarm.incidents.vocabulary import AttributionBasis, PublicationState, Sensitivity, Status, Tactic
from longarm.names.countries import check_country
from longarm.names.labels import label
from longarm.sources.models import SOURCE_STRENGTH, Source, SourceKind

FORM_FIELDS = (
    "title",
    "tactic",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "origin_state",
    "fatalities",
    "attribution",
    "publication_state",
    "sensitivity",
)


class FieldErrors(BadInput):
    """Some fields of an edit are invalid; `errors` maps each form field to a sentence."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Some values cannot be used: " + " ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class EditResult:
    """What an edit changed: claim fields added and incident settings changed."""

    incident: Incident
    changed: list[str]


def form_values(incident: Incident) -> dict[str, str]:
    """The incident's shown values as strings, to fill an edit form."""
    columns = {
        "date_precision": incident.date_precision,
        "geo_precision": incident.geo_precision,
        "attribution": incident.attribution_basis,
    }
    values: dict[str, str] = {}
    for name in FORM_FIELDS:
        raw = columns[name] if name in columns else getattr(incident, name, None)
        values[name] = "" if raw is None else str(raw)
    return values


def _code(value: str, allowed: type, errors: dict[str, str], name: str) -> str | None:
    if value == "":
        return None
    if value not in {m.value for m in allowed}:  # type: ignore[attr-defined]
        errors[name] = f"Choose one of: {', '.join(m.value for m in allowed)}."  # type: ignore[attr-defined]
    return value


def _number(value: str, errors: dict[str, str], name: str, kind: type) -> Any:
    if value == "":
        return None
    try:
        return kind(value)
    except ValueError:
        errors[name] = "Enter a whole number." if kind is int else "Enter a number."
        return None


def _first_error(error: ValidationError) -> tuple[str, str]:
    first = error.errors()[0]
    location = str(first["loc"][0]) if first["loc"] else ""
    return location, str(first["msg"]).removeprefix("Value error, ")


def parse_form(form: dict[str, str]) -> dict[str, Any]:
    """Claim values (field → value) and incident settings from the form; FieldErrors names bad fields."""
    form = {name: (form.get(name) or "").strip() for name in FORM_FIELDS}
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"title": form["title"] or None}
    if not form["title"]:
        errors["title"] = "An incident needs a title."
    values["tactic"] = _code(form["tactic"], Tactic, errors, "tactic")
    values["status"] = _code(form["status"], Status, errors, "status")
    values["attribution"] = _code(form["attribution"], AttributionBasis, errors, "attribution")
    fatalities = _number(form["fatalities"], errors, "fatalities", int)
    if fatalities is not None and fatalities < 0:
        errors["fatalities"] = "Fatalities cannot be negative."
    values["fatalities"] = fatalities
    try:
        values["origin_state"] = check_country(form["origin_state"])
    except ValueError as error:
        errors["origin_state"] = str(error).capitalize() + "."
    values["date"] = None
    if form["date_start"] or form["date_end"]:
        try:
            values["date"] = DateValue.model_validate(
                {
                    "start": form["date_start"],
                    "end": form["date_end"] or form["date_start"],
                    "precision": form["date_precision"] or "day",
                }
            ).as_json()
        except ValidationError as error:
            where, message = _first_error(error)
            errors[{"end": "date_end", "precision": "date_precision"}.get(where, "date_start")] = message + "."
    lat, lon = _number(form["lat"], errors, "lat", float), _number(form["lon"], errors, "lon", float)
    values["location"] = None
    if any(form[n] for n in ("place", "country", "lat", "lon")) and not {"lat", "lon"} & errors.keys():
        try:
            location = LocationValue.model_validate(
                {
                    "place": form["place"] or None,
                    "country": form["country"] or None,
                    "lat": lat,
                    "lon": lon,
                    "precision": form["geo_precision"] or None,
                }
            )
            values["location"] = location.model_dump(mode="json", exclude_none=True)
        except ValidationError as error:
            where, message = _first_error(error)
            errors[{"precision": "geo_precision"}.get(where, where or "place")] = message + "."
    values["publication_state"] = _code(form["publication_state"], PublicationState, errors, "publication_state")
    values["sensitivity"] = _code(form["sensitivity"], Sensitivity, errors, "sensitivity")
    if errors:
        raise FieldErrors(errors)
    return values


def _snapshot(incident: Incident) -> dict[str, Any]:
    return {
        name: getattr(incident, name, None) for name in (*FORM_FIELDS, "attribution_basis") if hasattr(incident, name)
    }


def _shown(incident: Incident) -> dict[str, Any]:
    record = incidents.to_record(incident, include_restricted=False)
    basis = (record.get("attribution") or {}).get("basis")
    return {
        **{k: record.get(k) for k in ("title", "tactic", "status", "date", "location", "origin_state")},
        "fatalities": record.get("fatalities"),
        "attribution": basis,
    }


def _stronger_disagreeing(incident: Incident, name: str, value: Any, strength: int) -> list[str]:
    """The kinds of sources stronger than the edit's that give another value for the field."""
    kinds = []
    for claim in incident.claims:
        if claim.field != name or claim.restricted or claim.source is None:
            continue
        kind = SourceKind(claim.source.kind)
        if SOURCE_STRENGTH.get(kind, 0) > strength and not compatible(name, claim.value, value):
            kinds.append(label(kind).lower())
    return sorted(set(kinds))


def _check_backing(
    *,
    session: Session,
    incident: Incident,
    changed: dict[str, Any],
    source_id: str | None,
    judgement: bool,
    override: bool,
) -> tuple[Source | None, list[str], dict[str, str]]:
    """The cited source, the fields where the edit knowingly overrides a stronger source, and errors."""
    errors: dict[str, str] = {}
    source = session.get(Source, source_id) if source_id else None
    if source_id and source is None:
        errors["source"] = f"There is no source {source_id!r}."
    elif changed and source is None and not judgement:
        errors["source"] = "Cite the source of the new values, or mark them as your own judgement."
    strength = SOURCE_STRENGTH.get(SourceKind(source.kind), 0) if source else 0
    overridden: list[str] = []
    for name, value in changed.items():
        if kinds := _stronger_disagreeing(incident, name, value, strength):
            overridden.append(name)
            if not override:
                errors["override"] = (
                    f"A stronger source ({', '.join(kinds)}) gives another {name}. To show your value above it, "
                    "tick “override” and say why in the note."
                )
    return source, overridden, errors


def edit_incident(
    *,
    session: Session,
    incident_id: str,
    form: dict[str, str],
    note: str,
    principal: Principal,
    source_id: str | None = None,
    judgement: bool = False,
    override: bool = False,
) -> EditResult:
    """Apply an edit form: changed values become preferred claims made by the editor, then re-resolve.

    Each new value cites a source or is marked as the editor's judgement, and it outranks a
    stronger source that disagrees (a court record) only when the editor says so (`override`).
    """
    principal.require(Permission.edit)
    incident = incidents.get_or_raise(session=session, incident_id=incident_id)
    values = parse_form(form)
    before = _snapshot(incident)
    shown = _shown(incident)
    changed = [name for name, value in values.items() if name in shown and value != shown[name] and value is not None]
    source, overridden, errors = _check_backing(
        session=session,
        incident=incident,
        changed={name: values[name] for name in changed},
        source_id=source_id or None,
        judgement=judgement,
        override=override,
    )
    if not note.strip():
        errors["note"] = "Say why (the note is kept with the new values)."
    if errors:
        raise FieldErrors(errors)
    for name in changed:
        # The newest editor's choice wins: earlier choices for the field step back.
        for claim in incident.claims:
            if claim.field == name and claim.preferred:
                claim.preferred = False
    incidents.add_claims(
        session=session,
        incident=incident,
        claims=[
            ClaimRecord(
                field=name,
                value=values[name],
                source=source.id if source else None,
                note=note.strip(),
                made_by=principal.label,
                preferred=True,
            )
            for name in changed
        ],
    )
    for setting in ("publication_state", "sensitivity"):
        if values[setting] and values[setting] != getattr(incident, setting):
            setattr(incident, setting, values[setting])
            changed.append(setting)
    incidents.resolve_incident(session=session, incident=incident)
    if changed:
        audit.record_event(
            session=session,
            actor=principal.label,
            action=AuditAction.incident_edit,
            target_type="incident",
            target_id=incident.id,
            before=before,
            after={
                **_snapshot(incident),
                "note": note.strip(),
                "changed": changed,
                "source": source.id if source else None,
                "judgement": source is None,
                "overrides": overridden,
            },
        )
    return EditResult(incident=incident, changed=changed)
