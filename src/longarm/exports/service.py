"""Export incidents in any registered format, as the public or a trusted reader sees them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from longarm.errors import BadInput
from longarm.exports import csv_format, geojson_format, json_format  # noqa: F401  (they register themselves)
from longarm.exports.registry import FORMATS, ExportFormat
from longarm.incidents import service as incidents


def export_format(name: str) -> ExportFormat:
    """The registered format with this name, or a BadInput listing the known ones."""
    if name not in FORMATS:
        raise BadInput(f"Unknown export format {name!r}; choose one of {', '.join(sorted(FORMATS))}.")
    return FORMATS[name]


def export_text(*, session: Session, format_name: str, include_restricted: bool = False) -> str:
    """All incidents the reader may see, written in the format.

    The public view (the default) holds published, public incidents and no restricted claim.
    """
    writer = export_format(format_name)
    chosen = incidents.list_for_export(session=session, include_unpublished=include_restricted)
    return writer.write([incidents.to_record(i, include_restricted=include_restricted) for i in chosen])
