"""`longarm import`: read the JSON or CSV an export wrote, validate every row, store all or nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from longarm.errors import BadInput
from longarm.exports.csv_format import COLUMNS, FORMULA_START, LIST_SEPARATOR, SOURCE_COLUMNS
from longarm.incidents import fields, search_index
from longarm.incidents import service as incidents
from longarm.incidents.schemas import IncidentRecord
from longarm.validation import describe

BATCH = 500


@dataclass
class ImportResult:
    """What an import did."""

    created: int
    skipped: int


def read_records(data: bytes, *, name: str) -> list[IncidentRecord]:
    """Parse and validate a JSON or CSV export; the first bad row stops it with a message naming it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInput(f"{name}: not UTF-8 text (line {line}, byte {error.start}); save it as UTF-8.") from None
    if not text.strip():
        raise BadInput(f"{name}: the file is empty.")
    if text.lstrip().startswith("{"):
        return _from_json(text, name=name)
    return _from_csv(text, name=name)


def _from_json(text: str, *, name: str) -> list[IncidentRecord]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("incidents"), list):
        raise BadInput(f'{name}: expected an object with an "incidents" list, as `longarm export` writes.')
    return [_validate(item, where=f"{name}: incident {n}") for n, item in enumerate(document["incidents"], 1)]


def _validate(item: Any, *, where: str, field_name: Callable[[str], str] = str) -> IncidentRecord:
    if isinstance(item, dict) and item.get("id"):
        where += f" (id {item['id']})"
    try:
        return IncidentRecord.model_validate(item)
    except ValidationError as error:
        raise BadInput(describe(error, where, field_name)) from None


def csv_column(path: str) -> str:
    """The CSV column that holds a record's dotted field path (`location.country` → `country`)."""
    head, _, rest = path.partition(".")
    if head == "sources":
        return "source_" + rest.split(".")[-1]
    claim_field = next((f for f in fields.FIELDS if f.key == head), None)
    if claim_field is None or not rest:
        return path
    if claim_field.many or claim_field.wrap:
        return claim_field.cells[0].csv
    part = rest.split(".")[0]
    return next((cell.csv for cell in claim_field.cells if cell.key == part), path)


def _from_csv(text: str, *, name: str) -> list[IncidentRecord]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise BadInput(
            f"{name}: unknown column(s) {', '.join(unknown)}; expected the columns of `longarm export --format csv`."
        )
    if "title" not in header and "tactic" not in header:
        raise BadInput(f"{name}: no title or tactic column; is this a longarm CSV export?")
    records = []
    for row in reader:
        where = f"{name}: row {reader.line_num}"
        if None in row:
            raise BadInput(f"{where}: more cells than columns.")
        try:
            records.append(_validate(_row_to_record(row), where=where, field_name=csv_column))
        except ValueError as error:
            raise BadInput(f"{where}: {error}.") from None
    return records


def _restore(cell: str | None) -> str:
    # Undo the export's formula neutralisation so a round trip keeps the value.
    cell = cell or ""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def split_cell(cell: str | None) -> list[str]:
    """A list cell's items (`a; b`), its formula neutralisation undone."""
    cell = _restore(cell)
    return [part for part in cell.split(LIST_SEPARATOR)] if cell else []


def _row_to_record(row: dict[str, str]) -> dict[str, Any]:
    cell: dict[str, Any] = {key: _restore(value) for key, value in row.items()}
    record: dict[str, Any] = {"id": cell.get("id") or None}
    for claim_field in fields.FIELDS:
        if claim_field.many:
            cell[claim_field.cells[0].csv] = split_cell(row.get(claim_field.cells[0].csv))
        stated = claim_field.from_csv(cell)
        if stated is not None or claim_field.many:
            record[claim_field.key] = stated
    record["title"] = cell.get("title", "")
    for key in ("sensitivity", "publication_state"):
        if cell.get(key):
            record[key] = cell[key]
    columns = {key: split_cell(row.get(column)) for key, column in SOURCE_COLUMNS.items()}
    record["sources"] = [
        {key: (values[i] if i < len(values) else "") or None for key, values in columns.items()}
        | {"title": columns["title"][i] if i < len(columns["title"]) else ""}
        for i in range(len(columns["id"]))
    ]
    return record


def import_records(*, session: Session, records: Iterable[IncidentRecord], made_by: str, name: str) -> ImportResult:
    """Store the records' incidents; an id already present is skipped, so a re-run adds nothing.

    On SQLite the search index is built once per incident at the end rather than on every claim
    written (its triggers are dropped and restored inside this transaction, unseen by readers).
    PostgreSQL keeps its triggers: holding them off there would lock readers out for the import.
    """
    created = skipped = 0
    written: list[str] = []
    bulk = session.get_bind().dialect.name == "sqlite"
    with search_index.suspended(session.connection(), written) if bulk else nullcontext():
        for record in records:
            if record.id and incidents.get(session=session, incident_id=record.id) is not None:
                skipped += 1
                continue
            incident = incidents.create_from_record(
                session=session, record=record, made_by=made_by, note=f"imported from {name}"
            )
            written.append(incident.id)
            created += 1
            if created % BATCH == 0:
                # What is flushed need not stay in memory: a large import keeps a batch's objects only.
                session.flush()
                session.expunge_all()
        session.flush()
    return ImportResult(created=created, skipped=skipped)


def import_path(*, session: Session, path: Path, made_by: str) -> ImportResult:
    """Read, validate and store a file's incidents in the caller's transaction."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror}).") from None
    return import_records(session=session, records=read_records(data, name=str(path)), made_by=made_by, name=path.name)
