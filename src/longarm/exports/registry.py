"""The export formats: each module registers a writer; the core's own formats use the same door."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Writer = Callable[[list[dict[str, Any]]], str]


@dataclass(frozen=True)
class ExportFormat:
    """A named way to write incident records to text."""

    name: str
    media_type: str
    suffix: str
    write: Writer


FORMATS: dict[str, ExportFormat] = {}


def register(export_format: ExportFormat) -> ExportFormat:
    """Make a format available to `longarm export`, the API and the web UI."""
    FORMATS[export_format.name] = export_format
    return export_format
