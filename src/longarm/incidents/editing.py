"""Edit an incident: each changed value becomes a preferred claim by the editor, with a note.

An edit never overwrites what sources said: it adds the editor's own claim, marked as the
reviewer's choice, so the resolution rule shows it while the sources' claims stay visible.
The claim cites a source or is marked as the editor's judgement (no source), and it goes
above a stronger source that disagrees (a court record) only when the editor says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from longarm.audit import service as audit
from longarm.audit.actions import AuditAction
from longarm.auth.permissions import Permission, Principal
from longarm.errors import BadInput
from longarm.incidents import edit_form, fields
from longarm.incidents import service as incidents
from longarm.incidents.models import Incident
from longarm.incidents.resolve import compatible
from longarm.incidents.schemas import ClaimRecord
from longarm.incidents.vocabulary import PublicationState, Sensitivity
from longarm.names.labels import label
from longarm.sources.models import SOURCE_STRENGTH, Source, SourceKind

SETTINGS = {"publication_state": PublicationState, "sensitivity": Sensitivity}
"""The incident's own settings an edit may change beside its claim fields' values."""
FORM_FIELDS = (*(str(cell.form) for cell in edit_form.form_inputs()), *SETTINGS)
"""The edit form's inputs."""


class IncidentEdit(BaseModel):
    """An edit, from the JSON API or the HTML form: new values by form input, what backs them and why.

    Inputs left out keep the incident's shown values.
    """

    values: dict[str, str] = Field(
        default_factory=dict, description="New values as text, by the edit form's input names (date_start, lat...)."
    )
    note: str = Field(default="", max_length=2000, description="Why; kept with the new values.")
    source: str | None = Field(default=None, description="The id of the source that gives the new values.")
    judgement: bool = Field(default=False, description="No source: the values are the editor's own judgement.")
    override: bool = Field(default=False, description="Show the values above a stronger source that disagrees.")

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> IncidentEdit:
        """The edit an HTML form posted (check boxes say `yes`)."""
        return cls(
            values={name: form[name] for name in FORM_FIELDS if name in form},
            note=form.get("note", ""),
            source=form.get("source") or None,
            judgement=form.get("judgement") == "yes",
            override=form.get("override") == "yes",
        )

    def form_echo(self) -> dict[str, str]:
        """The inputs as the form shows them again beside its errors."""
        checks = {"judgement": "yes" if self.judgement else "", "override": "yes" if self.override else ""}
        return {name: self.values.get(name, "") for name in FORM_FIELDS} | {"source": self.source or ""} | checks


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
    return edit_form.form_values(incident) | {name: str(getattr(incident, name) or "") for name in SETTINGS}


def parse_form(form: Mapping[str, str]) -> dict[str, Any]:
    """Claim values (field → value) and incident settings from the form; FieldErrors names bad fields."""
    values, errors = edit_form.parse_form(form)
    for name, vocabulary in SETTINGS.items():
        text = (form.get(name) or "").strip()
        if text and text not in {m.value for m in vocabulary}:
            errors[name] = f"Choose one of: {', '.join(m.value for m in vocabulary)}."
        values[name] = text or None
    if errors:
        raise FieldErrors(errors)
    return values


def _snapshot(incident: Incident) -> dict[str, Any]:
    return {
        name: getattr(incident, name, None) for name in (*FORM_FIELDS, "attribution_basis") if hasattr(incident, name)
    }


def _shown(incident: Incident) -> dict[str, Any]:
    record = incidents.to_record(incident, include_restricted=False)
    return {f.name: next(iter(f.claim_values(record.stated(f))), None) for f in fields.FIELDS if f.group is not None}


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
    edit: IncidentEdit,
    principal: Principal,
) -> EditResult:
    """Apply an edit form: changed values become preferred claims made by the editor, then re-resolve.

    Each new value cites a source or is marked as the editor's judgement, and it outranks a
    stronger source that disagrees (a court record) only when the editor says so (`override`).
    """
    principal.require(Permission.edit)
    incident = incidents.get_or_raise(session=session, incident_id=incident_id)
    values = parse_form(form_values(incident) | edit.values)
    note, judgement, override = edit.note, edit.judgement, edit.override
    before = _snapshot(incident)
    shown = _shown(incident)
    changed = [name for name, value in values.items() if name in shown and value != shown[name] and value is not None]
    source, overridden, errors = _check_backing(
        session=session,
        incident=incident,
        changed={name: values[name] for name in changed},
        source_id=edit.source or None,
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
