"""The public statistics API: counts by dimension, the yearly trend and the sources' estimates, for the filters."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends

from longarm.analytics.overview import Overview, overview
from longarm.auth.permissions import Permission
from longarm.auth.web import require
from longarm.web.access import DbSession, Filters, ReaderAudience

router = APIRouter(prefix="/api/v1/stats", tags=["public"], dependencies=[Depends(require(Permission.read_public))])


@router.get(
    "/analysis",
    summary="Counts by year, tactic, status, origin, host and attribution; trend; estimates",
    response_model=Overview,
)
def analysis(session: DbSession, audience: ReaderAudience, filters: Filters) -> Overview:
    """What `longarm stats --json` prints, for the incidents the caller may see that match the filters."""
    return overview(session=session, filters=filters, audience=audience, this_year=datetime.now(UTC).year)
