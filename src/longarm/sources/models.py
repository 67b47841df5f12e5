"""Sources: the documents every claim cites."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from longarm.storage.base import Base, Timestamped, new_public_id


class SourceKind(StrEnum):
    """What sort of document a source is; its order is its strength as evidence."""

    court_record = "court_record"
    official_statement = "official_statement"
    indictment = "indictment"
    news_report = "news_report"
    interested_party = "interested_party"
    other = "other"


SOURCE_STRENGTH = {
    SourceKind.court_record: 5,
    SourceKind.official_statement: 4,
    SourceKind.indictment: 3,
    SourceKind.news_report: 2,
    SourceKind.interested_party: 1,
    SourceKind.other: 0,
}
"""Court ruling > official statement > indictment > reporting > allegation."""


class Source(Timestamped, Base):
    """A document: where it came from, when, and the hash of its stored bytes."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_public_id("SRC"))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(10))  # YYYY, YYYY-MM or YYYY-MM-DD
    retrieved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The stored file holding the document: its own bytes, or the WARC it came in.
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    media_type: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30), default=SourceKind.news_report.value)
    reliability: Mapped[str] = mapped_column(String(1), default="F")  # Admiralty A..F
    stance: Mapped[str | None] = mapped_column(String(30))  # independent, state_media, interested_party
    ingested_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
