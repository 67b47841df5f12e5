"""`--format geojson`: a FeatureCollection of the incidents that have coordinates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from longarm.exports.csv_format import flat_row
from longarm.exports.registry import ExportFormat, register


def stream_geojson(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One Point feature per located incident, its flat fields as properties, a feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for record in records:
        location = record.get("location") or {}
        if location.get("lat") is None or location.get("lon") is None:
            continue
        feature = {
            "type": "Feature",
            "id": record["id"],
            "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
            "properties": flat_row(record, for_spreadsheet=False),
        }
        yield separator + json.dumps(feature, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


register(ExportFormat("geojson", "application/geo+json", ".geojson", stream_geojson))
