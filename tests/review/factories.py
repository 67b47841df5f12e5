"""Short extracted incidents, written for the tests, in the `longarm extract` shape."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from longarm.auth.permissions import SYSTEM
from longarm.incidents.schemas import ExtractedIncident
from longarm.review import service
from longarm.review.models import Candidate
from longarm.sources.models import Source


def extracted(
    *,
    victim: str | None = None,
    aliases: tuple[str, ...] = (),
    date: tuple[str, str, str] | None = None,
    place: str | None = None,
    country: str | None = None,
    tactic: str = "killing",
    perpetrator: str | None = None,
) -> dict[str, Any]:
    """An extracted incident with the given values and nothing else."""
    return {
        "tactic": tactic,
        "status": "completed",
        "date": {"start": date[0], "end": date[1], "precision": date[2]} if date else None,
        "location": {"place": place, "country": country, "precision": "city" if place else "country"}
        if country
        else None,
        "origin_state": "IR",
        "victims": [{"name": victim, "aliases": list(aliases), "affiliations": []}] if victim else [],
        "perpetrators": [{"id": None, "name": perpetrator, "kind": "individual"}] if perpetrator else [],
        "outcomes": [],
        "fatalities": 1 if tactic == "killing" else None,
        "attribution": {"basis": "reporting"},
        "evidence": [],
    }


def extracted_incident(**values: Any) -> ExtractedIncident:
    """As `extracted`, read the way the queue reads it."""
    return ExtractedIncident.model_validate(extracted(**values))


def queued(session: Session, incident: dict[str, Any], *, source_id: str, kind: str = "news_report") -> Candidate:
    """A candidate from a new source of the given kind."""
    source = session.get(Source, source_id) or Source(id=source_id, title=f"Source {source_id}", kind=kind)
    session.add(source)
    session.flush()
    index = len(session.query(Candidate).filter_by(source_id=source_id).all())
    extracted = ExtractedIncident.model_validate(incident)
    candidate = service.queue(session=session, source=source, incident=extracted, index=index, made_by="test extractor")
    service.link(session=session, principal=SYSTEM, auto_merge=False)
    return candidate
