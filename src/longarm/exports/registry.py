"""The export formats: each module registers a writer; the core's own formats use the same door."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# A writer yields its text piece by piece, so an export of any size streams in constant memory.
Writer = Callable[[Iterable[dict[str, Any]]], Iterator[str]]


@dataclass(frozen=True)
class ExportFormat:
    """A named way to write incident records to text."""

    name: str
    media_type: str
    suffix: str
    stream: Writer

    def write(self, records: Iterable[dict[str, Any]]) -> str:
        """The whole text at once (for small exports and tests)."""
        return "".join(self.stream(records))


FORMATS: dict[str, ExportFormat] = {}


def register(export_format: ExportFormat) -> ExportFormat:
    """Make a format available to `longarm export`, the API and the web UI."""
    FORMATS[export_format.name] = export_format
    return export_format
