"""`--format json`: `{"incidents": [...]}`, each an IncidentRecord (docs/vocabulary.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from longarm.exports.registry import ExportFormat, register
from longarm.incidents.schemas import IncidentRecord


def stream_json(records: Iterable[IncidentRecord]) -> Iterator[str]:
    """One JSON document, written a record at a time."""
    yield '{\n  "incidents": ['
    separator = "\n    "
    for record in records:
        yield separator + json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False).replace(
            "\n", "\n    "
        )
        separator = ",\n    "
    yield "\n  ]\n}\n"


register(ExportFormat("json", "application/json", ".json", stream_json))
