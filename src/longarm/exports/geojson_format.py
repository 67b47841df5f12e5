"""`--format geojson`: a FeatureCollection of the incidents that have coordinates."""

from __future__ import annotations

import json
from typing import Any

from longarm.exports.csv_format import flat_row
from longarm.exports.registry import ExportFormat, register


def write_geojson(records: list[dict[str, Any]]) -> str:
    """One Point feature per located incident, its flat fields as properties."""
    features = []
    for record in records:
        location = record.get("location") or {}
        if location.get("lat") is None or location.get("lon") is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": record["id"],
                "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
                "properties": flat_row(record, for_spreadsheet=False),
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, indent=2, ensure_ascii=False) + "\n"


register(ExportFormat("geojson", "application/geo+json", ".geojson", write_geojson))
