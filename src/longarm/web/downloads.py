"""Downloads of the current filter: every matching incident (not a page) in any export format, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import StreamingResponse

from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.exports.codebook import CODEBOOK
from longarm.exports.registry import FORMATS
from longarm.exports.service import export_format, record_export, records
from longarm.incidents.filters import IncidentFilters
from longarm.incidents.search import Audience
from longarm.storage.engine import transaction
from longarm.web.access import CurrentPrincipal, DbSession, Filters, ReaderAudience
from longarm.web.api_models import Codebook, Column

router = APIRouter(prefix="/api/v1", tags=["public"], dependencies=[Depends(require(Permission.read_public))])

FormatName = Annotated[str, Path(description="One of: " + ", ".join(sorted(FORMATS)) + ".")]


def _stream(
    engine: Any, format_name: str, filters: IncidentFilters, audience: Audience, trusted: bool
) -> Iterator[bytes]:
    # The response outlives the request handler, so the rows are read in the stream's own transaction.
    with transaction(engine) as session:
        found = records(session=session, filters=filters, audience=audience, include_restricted=trusted)
        yield from export_format(format_name).encoded(found)


@router.get("/export/{format_name}", summary="Every incident matching the filters, in any export format")
def export(
    request: Request,
    format_name: FormatName,
    filters: Filters,
    session: DbSession,
    principal: CurrentPrincipal,
    audience: ReaderAudience,
) -> StreamingResponse:
    """The list's filters applied to all incidents the reader may see, streamed as a file (see /api/v1/codebook)."""
    writer = export_format(format_name)
    trusted = principal.can(Permission.read_restricted)
    if trusted:
        # Restricted values leave the system: who took them, with which filters, stays on record.
        record_export(
            session=session, actor=principal.label, format_name=format_name, filters=filters, include_restricted=True
        )
    name = f"longarm-incidents-{date.today():%Y-%m-%d}{writer.suffix}"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Link": '</api/v1/codebook>; rel="describedby"',
        "Cache-Control": "no-store" if trusted else "no-cache",
    }
    charset = "; charset=utf-8" if writer.media_type.startswith("text/") else ""
    return StreamingResponse(
        _stream(request.app.state.engine, format_name, filters, audience, trusted),
        media_type=writer.media_type + charset,
        headers=headers,
    )


@router.get("/codebook", summary="What each exported column means", response_model=Codebook)
def codebook() -> Codebook:
    """The meaning of every CSV column and GeoJSON property; the JSON export adds claims and conflicts."""
    return Codebook(columns=[Column(name=name, meaning=meaning) for name, meaning in CODEBOOK.items()])
