"""The export formats: each module registers a writer; the core's own formats use the same door."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from longarm.incidents.schemas import IncidentRecord

# A writer yields its output piece by piece, so an export of any size streams in constant memory:
# text for the text formats, bytes for a binary one (Parquet).
Writer = Callable[[Iterable[IncidentRecord]], Iterator[Any]]


@dataclass(frozen=True)
class ExportFormat:
    """A named way to write incident records to text (or, when `binary`, to bytes)."""

    name: str
    media_type: str
    suffix: str
    stream: Writer
    binary: bool = False

    def write(self, records: Iterable[IncidentRecord]) -> str:
        """The whole text at once (for small exports and tests)."""
        return "".join(self.stream(records))

    def encoded(self, records: Iterable[IncidentRecord]) -> Iterator[bytes]:
        """The output as bytes, piece by piece (text as UTF-8)."""
        return (chunk if self.binary else chunk.encode("utf-8") for chunk in self.stream(records))


FORMATS: dict[str, ExportFormat] = {}


def register(export_format: ExportFormat) -> ExportFormat:
    """Make a format available to `longarm export`, the API and the web UI."""
    FORMATS[export_format.name] = export_format
    return export_format
