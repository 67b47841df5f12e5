"""Candidates: extracted incidents waiting in the review queue."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from longarm.incidents.schemas import ExtractedIncident
from longarm.sources.models import Source
from longarm.storage.base import Base, Timestamped


class CandidateStatus(StrEnum):
    """Where a candidate stands in review."""

    pending = "pending"
    accepted = "accepted"
    merged = "merged"
    rejected = "rejected"


class MatchRecord(BaseModel):
    """A ranked match as a candidate keeps it and the queue, the CLI and the API show it."""

    incident_id: str | None  # a known incident, or
    candidate_id: int | None  # another pending candidate
    score: float  # the match probability
    certain: bool
    possible: bool
    identifying: bool
    reasons: list[str]  # each comparison in words, with its match weight


class Candidate(Timestamped, Base):
    """An incident as one document reports it, before a person (or auto-merge) decides."""

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    # sha256 of the document plus the incident's position: re-ingesting creates nothing new.
    content_key: Mapped[str] = mapped_column(String(80), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default=CandidateStatus.pending.value, index=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    matches: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extractor: Mapped[str] = mapped_column(String(50), default="")
    # Blocking keys, so linking compares a candidate only with plausible pending ones.
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    name_keys: Mapped[str] = mapped_column(Text, default="")
    # Split off its cluster by a reviewer: its certain matches no longer pull it into one.
    separate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    source: Mapped[Source] = relationship()

    @property
    def extracted(self) -> ExtractedIncident:
        """The incident as the extractor wrote it (`payload` is its stored JSON)."""
        return ExtractedIncident.model_validate(self.payload)

    @property
    def ranked(self) -> list[MatchRecord]:
        """Its matches, best first (`matches` is their stored JSON)."""
        return [MatchRecord.model_validate(match) for match in self.matches or []]
