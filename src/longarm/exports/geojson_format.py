"""`--format geojson`: a FeatureCollection of the incidents that have coordinates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from longarm.exports.csv_format import flat_row
from longarm.exports.registry import ExportFormat, register
from longarm.incidents.schemas import IncidentRecord


def stream_geojson(records: Iterable[IncidentRecord]) -> Iterator[str]:
    """One Point feature per located incident, its flat fields as properties, a feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for record in records:
        row = flat_row(record, for_spreadsheet=False)
        if row["lat"] == "" or row["lon"] == "":
            continue
        feature = {
            "type": "Feature",
            "id": record.id,
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": row,
        }
        yield separator + json.dumps(feature, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


register(ExportFormat("geojson", "application/geo+json", ".geojson", stream_geojson))
