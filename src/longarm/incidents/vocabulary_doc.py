"""docs/vocabulary.md, written from the declarations: `python -m longarm.incidents.vocabulary_doc > docs/vocabulary.md`.

A test compares the committed file with this output, so the page never drifts from the code.
"""

from __future__ import annotations

import types
import typing
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from longarm.incidents import fields, vocabulary
from longarm.incidents.schemas import ClaimRecord, ConflictRecord, IncidentRecord, SourceRecord
from longarm.incidents.values import (
    AttributionValue,
    DateValue,
    LocationValue,
    OutcomeValue,
    PerpetratorValue,
    VictimValue,
)
from longarm.sources.models import SourceKind

VALUE_MODELS: tuple[type[BaseModel], ...] = (
    DateValue,
    LocationValue,
    VictimValue,
    PerpetratorValue,
    OutcomeValue,
    AttributionValue,
)
RECORD_MODELS: tuple[type[BaseModel], ...] = (IncidentRecord, SourceRecord, ClaimRecord, ConflictRecord)


def _enums() -> list[type[StrEnum]]:
    found = [
        v for v in vars(vocabulary).values() if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
    ]
    return [*found, SourceKind]


def type_text(annotation: Any) -> str:
    """A type as the page names it: `DateValue`, `list of VictimValue`, `Tactic or null`."""
    if annotation is type(None):
        return "null"
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_text(arguments[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_text(a) for a in arguments)
    if origin is list:
        return "list of " + type_text(arguments[0])
    if origin is dict:
        return "object"
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, StrEnum)):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is Any:
        return "any"
    return getattr(annotation, "__name__", str(annotation))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _model_section(model: type[BaseModel]) -> list[str]:
    lines = [f"### {model.__name__}", "", (model.__doc__ or "").strip().splitlines()[0], ""]
    lines += ["| key | type | default |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        default = "required" if info.is_required() else "[]" if info.default_factory is list else repr(info.default)
        described = f" {info.description}" if info.description else ""
        lines.append(f"| `{name}` | {_cell(type_text(info.annotation))}{_cell(described)} | {_cell(default)} |")
    return [*lines, ""]


def render() -> str:
    """The page, as Markdown."""
    lines = [
        "# Vocabulary: the incident record, its claim fields and their codes",
        "",
        "Generated from `src/longarm/incidents/` (fields.py, values.py, schemas.py, vocabulary.py) by",
        "`python -m longarm.incidents.vocabulary_doc > docs/vocabulary.md`; a test fails when it is stale.",
        "",
        "## Claim fields",
        "",
        "What a source can claim about an incident. Each claim names one field; the shown value of a",
        "single field is chosen from its claims (see `incidents/resolve.py`), a list field keeps every item.",
        "",
        "| field | record key | one or many | value | CSV columns | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for claim_field in fields.record_order():
        kind = type_text(claim_field.record_type or claim_field.value_type)
        columns = ", ".join(f"`{cell.csv}`" for cell in claim_field.cells)
        many = "many" if claim_field.many else "one"
        lines.append(
            f"| `{claim_field.name}` | `{claim_field.key}` | {many} | {_cell(kind)} | {columns} | "
            f"{_cell(claim_field.description)} |"
        )
    lines += ["", "## Values", ""]
    for model in VALUE_MODELS:
        lines += _model_section(model)
    lines += [
        "## Records",
        "",
        "The published incident record is what `longarm export --format json` writes, "
        "`/api/v1/incidents/{id}` answers and `longarm import` reads.",
        "",
    ]
    for model in RECORD_MODELS:
        lines += _model_section(model)
    lines += ["## CSV columns", "", "| column | meaning |", "|---|---|"]
    from longarm.exports.codebook import CODEBOOK

    lines += [f"| `{name}` | {_cell(meaning)} |" for name, meaning in CODEBOOK.items()]
    lines += ["", "## Codes", ""]
    for enum in _enums():
        lines += [f"### {enum.__name__}", "", (enum.__doc__ or "").strip(), ""]
        lines += [", ".join(f"`{member.value}`" for member in enum), ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
