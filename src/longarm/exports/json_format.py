"""`--format json`: `{"incidents": [...]}` exactly as VOCABULARY.md describes."""

from __future__ import annotations

import json
from typing import Any

from longarm.exports.registry import ExportFormat, register


def write_json(records: list[dict[str, Any]]) -> str:
    """The records as one pretty-printed JSON document."""
    return json.dumps({"incidents": records}, indent=2, ensure_ascii=False) + "\n"


register(ExportFormat("json", "application/json", ".json", write_json))
