"""`--format json`: `{"incidents": [...]}` exactly as VOCABULARY.md describes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from longarm.exports.registry import ExportFormat, register


def stream_json(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON document, written a record at a time."""
    yield '{\n  "incidents": ['
    separator = "\n    "
    for record in records:
        yield separator + json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        separator = ",\n    "
    yield "\n  ]\n}\n"


register(ExportFormat("json", "application/json", ".json", stream_json))
