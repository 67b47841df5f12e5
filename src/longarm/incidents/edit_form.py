"""The edit form's inputs for the claim fields, read from their declaration (fields.py), and their parsing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from longarm.incidents.fields import FIELDS, Cell, ClaimField, Group
from longarm.incidents.values import DateValue


class FormErrors(dict[str, str]):
    """Form input → the sentence that says what is wrong with it."""


def form_inputs() -> list[Cell]:
    """The edit form's inputs for claim fields, in order."""
    return [cell for f in FIELDS if f.group for cell in f.cells if cell.form]


def form_values(row: Any) -> dict[str, str]:
    """An incident's shown columns as the form's input strings."""
    values: dict[str, str] = {}
    for cell in form_inputs():
        raw = getattr(row, cell.column) if cell.column else None
        values[str(cell.form)] = "" if raw is None else str(raw)
    return values


def _first_error(error: ValidationError) -> tuple[str, str]:
    first = error.errors()[0]
    location = str(first["loc"][0]) if first["loc"] else ""
    return location, str(first["msg"]).removeprefix("Value error, ")


def _number(text: str, cell: Cell, errors: FormErrors, kind: type[int] | type[float]) -> Any:
    if text == "":
        return None
    try:
        return kind(text)
    except ValueError:
        errors[str(cell.form)] = "Enter a whole number." if kind is int else "Enter a number."
        return None


def _plain_from_form(claim_field: ClaimField, text: str, errors: FormErrors) -> Any:
    cell = claim_field.cells[0]
    name = str(cell.form)
    if text == "":
        if claim_field.required:
            errors[name] = f"An incident needs a {claim_field.label.lower()}."
        return None
    if cell.choices is not None:
        if text not in {m.value for m in cell.choices}:
            errors[name] = f"Choose one of: {', '.join(m.value for m in cell.choices)}."
        return text
    if cell.widget == "number":
        number = _number(text, cell, errors, int if cell.whole else float)
        if number is not None and number < 0:
            errors[name] = f"{claim_field.label} cannot be negative."
        return number
    try:
        return claim_field.check(text)
    except ValidationError as error:
        errors[name] = _first_error(error)[1] + "."
    except ValueError as error:
        errors[name] = str(error).capitalize() + "."
    return None


def _parts_from_form(claim_field: ClaimField, texts: dict[str, str], errors: FormErrors) -> Any:
    by_key = {str(cell.key): cell for cell in claim_field.cells}
    if not any(texts[str(cell.form)] for cell in claim_field.cells if cell.widget != "choice"):
        return None
    parts: dict[str, Any] = {}
    for key, cell in by_key.items():
        text = texts[str(cell.form)]
        parts[key] = _number(text, cell, errors, float) if cell.widget == "number" else (text or None)
    if any(str(by_key[key].form) in errors for key in parts):
        return None
    if claim_field.value_type is DateValue:
        # A form's date is a day unless said otherwise, and ends where it starts.
        parts = {
            "start": parts["start"],
            "end": parts["end"] or parts["start"],
            "precision": parts["precision"] or "day",
        }
    try:
        return claim_field.check(parts)
    except ValidationError as error:
        where, message = _first_error(error)
        cell = by_key.get(where) or claim_field.cells[0]
        errors[str(cell.form)] = message + "."
        return None


def parse_form(texts: Mapping[str, str]) -> tuple[dict[str, Any], FormErrors]:
    """Claim values (field → value, None when empty) from the form's inputs, and the inputs' errors."""
    stripped = {str(cell.form): (texts.get(str(cell.form)) or "").strip() for cell in form_inputs()}
    errors = FormErrors()
    values: dict[str, Any] = {}
    for claim_field in FIELDS:
        if claim_field.group is None:
            continue
        if len(claim_field.cells) == 1 and claim_field.cells[0].key is None:
            values[claim_field.name] = _plain_from_form(claim_field, stripped[str(claim_field.cells[0].form)], errors)
        else:
            values[claim_field.name] = _parts_from_form(claim_field, stripped, errors)
    return values, errors


def form_groups() -> list[tuple[Group, list[Cell]]]:
    """The edit form's groups of inputs, in the page's order."""
    order: tuple[Group, ...] = ("what", "when", "where")
    return [(group, [c for f in FIELDS if f.group == group for c in f.cells if c.form]) for group in order]


GROUP_LEGENDS: dict[Group, str] = {"what": "What happened", "when": "When", "where": "Where"}
"""The edit form's fieldset legends."""
