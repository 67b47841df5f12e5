"""`--format acled`: ACLED's 31 columns, its event types and its time_precision and geo_precision codes.

What ACLED has no column for (the tactic, status, origin state, attribution basis, the
incident's id and its exact date range) travels in a tag at the end of `notes`, as ACLED
itself tags crowd sizes (`[size=no report]`), so an export read back keeps every field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import pycountry

from longarm.exports.csv_format import LIST_SEPARATOR, flat_row, neutralise
from longarm.exports.registry import ExportFormat, register
from longarm.incidents.filters import REGIONS
from longarm.incidents.schemas import IncidentRecord
from longarm.incidents.search import region_of
from longarm.names.countries import country_name

COLUMNS = (
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
)
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
"""ACLED: 1 the day is known, 2 within a week, 3 only the month (or less)."""
GEO_PRECISION = {"city": 1, "region": 2, "country": 3}
"""ACLED: 1 the town itself, 2 near it or a part of a region, 3 only the province (or larger)."""
EVENT_TYPES = {
    "killing": ("Violence against civilians", "Attack"),
    "assault": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "detention": ("Strategic developments", "Arrests"),
}
"""ACLED's event and sub-event type for a tactic; any other tactic is a strategic development."""
FOILED = ("Strategic developments", "Disrupted weapons use")
OTHER = ("Strategic developments", "Other")
STATE_KINDS = ("state_agency", "state_official")
INTER = {"state": 8, "other": 3, "civilians": 7}
"""ACLED's actor codes: 8 external (foreign) forces, 3 political militia, 7 civilians."""
TAG = "longarm"


def country_of(code: str | None) -> Any:
    """pycountry's record of an ISO alpha-2 code, or None."""
    return pycountry.countries.get(alpha_2=code) if code else None


def event_types(tactic: str | None, status: str | None) -> tuple[str, str]:
    """ACLED's event type and sub-event type for a tactic and status."""
    if status == "foiled":
        return FOILED
    return EVENT_TYPES.get(tactic or "", OTHER)


def tag(record: dict[str, Any]) -> str:
    """`[longarm: id=…; tactic=…; …]`: the fields ACLED has no column for."""
    date = record.get("date") or {}
    fields = {
        "id": record["id"],
        "tactic": record.get("tactic"),
        "status": record.get("status"),
        "origin_state": record.get("origin_state"),
        "attribution": (record.get("attribution") or {}).get("basis"),
        "date": f"{date['start']}..{date['end']}/{date['precision']}" if date else None,
        "fatalities": "unknown" if record.get("fatalities") is None else None,
    }
    return f"[{TAG}: " + "; ".join(f"{k}={v}" for k, v in fields.items() if v) + "]"


def acled_row(incident: IncidentRecord) -> dict[str, Any]:
    """One incident as one ACLED row."""
    flat = flat_row(incident, for_spreadsheet=False)
    record = incident.model_dump(mode="json")
    date = record.get("date") or {}
    location = record.get("location") or {}
    host = country_of(location.get("country"))
    perpetrators = record.get("perpetrators") or []
    state = any(p.get("kind") in STATE_KINDS for p in perpetrators) or not perpetrators
    origin = country_name(record["origin_state"]) if record.get("origin_state") else ""
    first = next((p["name"] for p in perpetrators if p.get("name")), None)
    inter1 = INTER["state"] if state else INTER["other"]
    event_type, sub_event_type = event_types(record.get("tactic"), record.get("status"))
    sources = record.get("sources") or []
    region = region_of(location.get("country"))
    return {
        "data_id": "",
        "iso": int(host.numeric) if host else "",
        "event_id_cnty": record["id"],
        "event_id_no_cnty": "",
        "event_date": date.get("start", ""),
        "year": date.get("start", "")[:4],
        "time_precision": TIME_PRECISION.get(date.get("precision", ""), ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": first or (f"Unidentified agents of {origin}" if origin else "Unidentified Armed Group"),
        "assoc_actor_1": flat["perpetrators"],
        "inter1": inter1,
        "actor2": f"Civilians ({country_name(location['country'])})" if location.get("country") else "Civilians",
        "assoc_actor_2": flat["victims"],
        "inter2": INTER["civilians"],
        "interaction": int(f"{min(inter1, INTER['civilians'])}{max(inter1, INTER['civilians'])}"),
        "region": REGIONS[region][0] if region else "",
        "country": country_name(location["country"]) if location.get("country") else "",
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": location.get("place") or "",
        "latitude": flat["lat"],
        "longitude": flat["lon"],
        "geo_precision": GEO_PRECISION.get(location.get("precision") or "", ""),
        "source": LIST_SEPARATOR.join(dict.fromkeys(s.get("publisher") or s.get("title") or s["id"] for s in sources)),
        "source_scale": "",
        "notes": f"{record.get('title') or ''} {tag(record)}".strip(),
        "fatalities": record.get("fatalities") or 0,
        "timestamp": "",  # ACLED's upload time; an export from the same data must give the same bytes
        "iso3": host.alpha_3 if host else "",
    }


def stream_acled(records: Iterable[IncidentRecord]) -> Iterator[str]:
    """ACLED's header and one row per incident, a row at a time (cells a spreadsheet would run are quoted)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: neutralise(v) if isinstance(v, str) else v for k, v in acled_row(record).items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


register(ExportFormat("acled", "text/csv", ".acled.csv", stream_acled))
