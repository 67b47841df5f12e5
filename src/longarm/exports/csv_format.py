"""`--format csv`: one row an incident, lists joined with `; `, formula cells neutralised.

List cells use small readable codes that the importer parses back:
victims `Name [affiliation, affiliation]`, perpetrators `Name [ID, kind]`,
outcomes `type [years=N, date=YYYY-MM-DD..YYYY-MM-DD/precision]`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from longarm.exports.registry import ExportFormat, register

COLUMNS = (
    "id",
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
    "location_precision",
    "origin_state",
    "fatalities",
    "attribution_basis",
    "victims",
    "perpetrators",
    "outcomes",
    "sensitivity",
    "publication_state",
    "source_ids",
    "source_urls",
    "source_titles",
    "source_publishers",
    "source_published",
    "source_sha256",
)
LIST_SEPARATOR = "; "
# A cell starting with these runs as a formula in spreadsheets (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SOURCE_COLUMNS = {
    "id": "source_ids",
    "url": "source_urls",
    "title": "source_titles",
    "publisher": "source_publishers",
    "published": "source_published",
    "sha256": "source_sha256",
}


def neutralise(cell: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _join(items: list[str]) -> str:
    return LIST_SEPARATOR.join(item.replace(LIST_SEPARATOR, ", ") for item in items)


def _date_code(date: dict[str, str] | None) -> str:
    return f"{date['start']}..{date['end']}/{date['precision']}" if date else ""


def outcome_code(outcome: dict[str, Any]) -> str:
    """`sentence [years=25, date=2013-05-30..2013-05-30/day]`."""
    details = []
    if outcome.get("years") is not None:
        details.append(f"years={outcome['years']:g}")
    if outcome.get("date"):
        details.append(f"date={_date_code(outcome['date'])}")
    return outcome["type"] + (f" [{', '.join(details)}]" if details else "")


def flat_row(record: dict[str, Any], *, for_spreadsheet: bool = True) -> dict[str, Any]:
    """The record as one flat row of strings and numbers."""
    date = record.get("date") or {}
    location = record.get("location") or {}
    sources = record.get("sources") or []
    row: dict[str, Any] = {
        "id": record["id"],
        "title": record.get("title") or "",
        "tactic": record.get("tactic") or "",
        "status": record.get("status") or "",
        "date_start": date.get("start", ""),
        "date_end": date.get("end", ""),
        "date_precision": date.get("precision", ""),
        "place": location.get("place") or "",
        "country": location.get("country") or "",
        "lat": "" if location.get("lat") is None else location["lat"],
        "lon": "" if location.get("lon") is None else location["lon"],
        "location_precision": location.get("precision") or "",
        "origin_state": record.get("origin_state") or "",
        "fatalities": "" if record.get("fatalities") is None else record["fatalities"],
        "attribution_basis": (record.get("attribution") or {}).get("basis", ""),
        "victims": _join(
            [f"{v.get('name') or ''} [{', '.join(v.get('affiliations') or [])}]" for v in record.get("victims", [])]
        ),
        "perpetrators": _join(
            [f"{p.get('name') or ''} [{p.get('id') or ''}, {p.get('kind')}]" for p in record.get("perpetrators", [])]
        ),
        "outcomes": _join([outcome_code(o) for o in record.get("outcomes", [])]),
        "sensitivity": record.get("sensitivity", "public"),
        "publication_state": record.get("publication_state", "published"),
    }
    for key, column in SOURCE_COLUMNS.items():
        row[column] = _join([s.get(key) or "" for s in sources])
    if for_spreadsheet:
        row = {k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
    return row


def stream_csv(records: Iterable[dict[str, Any]]) -> Iterator[str]:
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
