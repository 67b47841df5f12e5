"""Export incidents in any registered format, as the public or a trusted reader sees them."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.errors import BadInput
from longarm.exports import (  # noqa: F401  (they register themselves)
    acled_format,
    csv_format,
    geojson_format,
    json_format,
    parquet_format,
)
from longarm.exports.registry import FORMATS, ExportFormat
from longarm.incidents import search
from longarm.incidents import service as incidents
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.models import Claim, Incident
from longarm.incidents.schemas import IncidentRecord
from longarm.incidents.search import Audience

# Incidents loaded (with their claims and sources) per round trip: memory stays flat however many match.
BATCH = 200


def export_format(name: str) -> ExportFormat:
    """The registered format with this name, or a BadInput listing the known ones."""
    if name not in FORMATS:
        raise BadInput(f"Unknown export format {name!r}; choose one of {', '.join(sorted(FORMATS))}.")
    return FORMATS[name]


def audience_for_export(include_restricted: bool) -> Audience:
    """A trusted export holds drafts and restricted incidents; the public one neither."""
    return Audience(drafts=include_restricted, restricted=include_restricted)


def records(
    *, session: Session, filters: IncidentFilters, audience: Audience, include_restricted: bool
) -> Iterator[IncidentRecord]:
    """Every incident matching the filters, as export records, oldest first, loaded a batch at a time."""
    statement = search.filtered(session, filters, audience).with_only_columns(Incident.id)
    ids = list(session.scalars(statement.order_by(Incident.date_start.is_(None), Incident.date_start, Incident.id)))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        loaded = session.scalars(
            select(Incident)
            .where(Incident.id.in_(chunk))
            .options(selectinload(Incident.claims).selectinload(Claim.source))
        )
        by_id = {incident.id: incident for incident in loaded}
        for incident_id in chunk:
            yield incidents.to_record(by_id[incident_id], include_restricted=include_restricted)
        session.expunge_all()  # the batch is written; let it go


def export_chunks(
    *,
    session: Session,
    format_name: str,
    filters: IncidentFilters | None = None,
    include_restricted: bool = False,
    audience: Audience | None = None,
) -> Iterator[str]:
    """The matching incidents the reader may see, written in the format piece by piece."""
    chosen = audience or audience_for_export(include_restricted)
    found = records(
        session=session, filters=filters or IncidentFilters(), audience=chosen, include_restricted=include_restricted
    )
    return export_format(format_name).stream(found)


def record_export(
    *, session: Session, actor: str, format_name: str, filters: IncidentFilters, include_restricted: bool
) -> None:
    """Put an export on the audit record: who took which incidents, in which format, with restricted values or not."""
    record_event(
        session=session,
        actor=actor,
        action=AuditAction.export,
        target_type="export",
        target_id=format_name,
        after={"format": format_name, "include_restricted": include_restricted, "filters": filters.to_params()},
    )


def export_bytes(
    *, session: Session, format_name: str, include_restricted: bool = False, filters: IncidentFilters | None = None
) -> bytes:
    """All incidents the reader may see (narrowed by the filters), written in the format, as bytes.

    The public view (the default) holds published, public incidents and no restricted claim.
    """
    found = records(
        session=session,
        filters=filters or IncidentFilters(),
        audience=audience_for_export(include_restricted),
        include_restricted=include_restricted,
    )
    return b"".join(export_format(format_name).encoded(found))


def export_text(
    *, session: Session, format_name: str, include_restricted: bool = False, filters: IncidentFilters | None = None
) -> str:
    """As `export_bytes`, for the text formats."""
    if export_format(format_name).binary:
        raise BadInput(f"{format_name} is a binary format; write it to a file with --out.")
    return export_bytes(
        session=session, format_name=format_name, include_restricted=include_restricted, filters=filters
    ).decode("utf-8")
