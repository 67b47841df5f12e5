"""`longarm import`: read the JSON or CSV an export wrote, validate every row, store all or nothing.

The file is read as a stream (a record at a time, JSON through ijson) and stored a batch at a
time (`incidents.bulk`), all in the caller's one transaction: memory stays flat whatever the
file's size, and a bad row anywhere leaves nothing written.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import ijson
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.errors import BadInput
from longarm.exports.csv_format import COLUMNS, FORMULA_START, LIST_SEPARATOR, SOURCE_COLUMNS
from longarm.incidents import bulk, fields, search_index
from longarm.incidents.models import Incident
from longarm.incidents.schemas import IncidentRecord
from longarm.storage.bulk_load import keep_statistics, sqlite_bulk_load
from longarm.validation import describe

BATCH = 1000
_CHUNK = 1 << 20


@dataclass
class ImportResult:
    """What an import did."""

    created: int
    skipped: int


def read_records(data: bytes, *, name: str) -> list[IncidentRecord]:
    """Parse and validate a JSON or CSV export held in memory; the first bad row stops it with a message naming it."""
    return list(stream_records(io.BytesIO(data), name=name))


def stream_records(stream: BinaryIO, *, name: str) -> Iterator[IncidentRecord]:
    """Parse and validate a JSON or CSV export a record at a time; the first bad row stops it, named."""
    first = _first_character(stream, name=name)
    stream.seek(0)
    if first == "{":
        return _from_json(stream, name=name)
    return _from_csv(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""), name=name)


def _first_character(stream: BinaryIO, *, name: str) -> str:
    """Check the whole file is UTF-8 (a chunk at a time) and return its first character that is not a space."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    first, lines, offset = "", 1, 0
    while chunk := stream.read(_CHUNK):
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            line = lines + chunk[: error.start].count(b"\n")
            raise BadInput(
                f"{name}: not UTF-8 text (line {line}, byte {offset + error.start}); save it as UTF-8."
            ) from None
        first = first or text.lstrip()[:1]
        lines += chunk.count(b"\n")
        offset += len(chunk)
    if not first:
        raise BadInput(f"{name}: the file is empty.")
    return first


def _from_json(stream: BinaryIO, *, name: str) -> Iterator[IncidentRecord]:
    if stream.read(3) != codecs.BOM_UTF8:
        stream.seek(0)
    start = stream.tell()
    count = 0
    try:
        for count, item in enumerate(ijson.items(stream, "incidents.item", use_float=True), 1):
            yield _validate(item, where=f"{name}: incident {count}")
        if count == 0:
            stream.seek(start)
            shape = ((prefix, event) for prefix, event, _ in ijson.parse(stream))
            if ("incidents", "start_array") not in shape:
                raise BadInput(f'{name}: expected an object with an "incidents" list, as `longarm export` writes.')
    except ijson.JSONError as error:
        raise BadInput(f"{name}: not valid JSON ({error}).") from None


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


def _from_csv(text: io.TextIOBase, *, name: str) -> Iterator[IncidentRecord]:
    reader = csv.DictReader(text)
    header = reader.fieldnames or []
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise BadInput(
            f"{name}: unknown column(s) {', '.join(unknown)}; expected the columns of `longarm export --format csv`."
        )
    if "title" not in header and "tactic" not in header:
        raise BadInput(f"{name}: no title or tactic column; is this a longarm CSV export?")
    for row in reader:
        where = f"{name}: row {reader.line_num}"
        if None in row:
            raise BadInput(f"{where}: more cells than columns.")
        try:
            record = _validate(_row_to_record(row), where=where, field_name=csv_column)
        except ValueError as error:
            raise BadInput(f"{where}: {error}.") from None
        yield record


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
    """Store the records' incidents a batch at a time; an id already present is skipped, so a re-run adds nothing.

    The search index is built once per incident at the end rather than on every claim written
    (`search_index.suspended`: inside this transaction, unseen by readers, who are not locked out).
    """
    skipped = 0
    written: list[str] = []
    stream = iter(records)
    connection = session.connection()
    with sqlite_bulk_load(connection), search_index.suspended(connection, written):
        while batch := list(islice(stream, BATCH)):
            fresh = _not_stored(session, batch)
            skipped += len(batch) - len(fresh)
            before = len(written)
            written += bulk.create_many(
                session=session, records=fresh, made_by=made_by, note=f"imported from {name}", origin=name
            )
            # What is written need not stay in memory: a large import keeps a batch's objects only.
            session.flush()
            session.expunge_all()
            keep_statistics(connection, before=before, after=len(written))
    return ImportResult(created=len(written), skipped=skipped)


def _not_stored(session: Session, batch: list[IncidentRecord]) -> list[IncidentRecord]:
    """The records whose id is neither stored nor given earlier in the batch (records without an id get one)."""
    ids = {record.id for record in batch if record.id}
    seen: set[str | None] = set(session.scalars(select(Incident.id).where(Incident.id.in_(ids)))) if ids else set()
    fresh = []
    for record in batch:
        if record.id and record.id in seen:
            continue
        seen.add(record.id)
        fresh.append(record)
    return fresh


def import_path(*, session: Session, path: Path, made_by: str) -> ImportResult:
    """Read, validate and store a file's incidents in the caller's transaction, a batch at a time."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror}).") from None
    with stream:
        records = stream_records(stream, name=str(path))
        return import_records(session=session, records=records, made_by=made_by, name=path.name)
