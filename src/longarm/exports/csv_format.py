"""`--format csv`: one row an incident, lists joined with `; `, formula cells neutralised.

The columns are the claim fields' CSV cells (longarm.incidents.fields) between the id and the
incident's settings and sources. List cells use small readable codes that the importer parses
back: victims `Name [affiliation, affiliation]`, perpetrators `Name [ID, kind]`, outcomes
`type [years=N, date=YYYY-MM-DD..YYYY-MM-DD/precision]`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from longarm.exports.registry import ExportFormat, register
from longarm.incidents import fields
from longarm.incidents.schemas import IncidentRecord

SOURCE_COLUMNS = {
    "id": "source_ids",
    "url": "source_urls",
    "title": "source_titles",
    "publisher": "source_publishers",
    "published": "source_published",
    "sha256": "source_sha256",
}
SETTINGS = ("sensitivity", "publication_state")
COLUMNS = ("id", *(cell.csv for _field, cell in fields.cells()), *SETTINGS, *SOURCE_COLUMNS.values())
LIST_SEPARATOR = "; "
# A cell starting with these runs as a formula in spreadsheets (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _join(items: list[str]) -> str:
    return LIST_SEPARATOR.join(item.replace(LIST_SEPARATOR, ", ") for item in items)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return _join(value)
    return "" if value is None else value


def flat_row(record: IncidentRecord, *, for_spreadsheet: bool = True) -> dict[str, Any]:
    """The record as one flat row of strings and numbers, by column."""
    row: dict[str, Any] = {"id": record.id}
    for claim_field in fields.FIELDS:
        row |= {column: _cell(value) for column, value in claim_field.csv_cells(record.stated(claim_field)).items()}
    row |= {"sensitivity": record.sensitivity, "publication_state": record.publication_state}
    for key, column in SOURCE_COLUMNS.items():
        row[column] = _join([getattr(s, key) or "" for s in record.sources])
    if for_spreadsheet:
        row = {k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
    return row


def stream_csv(records: Iterable[IncidentRecord]) -> Iterator[str]:
    """A header row and one row per incident, a row at a time."""
    buffer = io.StringIO()
    # "\r\n" as the row end makes the writer quote any cell holding a carriage return.
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(flat_row(record))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


register(ExportFormat("csv", "text/csv", ".csv", stream_csv))
