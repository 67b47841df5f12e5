"""Incidents, the actors involved, what followed, and the claims behind every value."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from longarm.incidents.vocabulary import PublicationState, Sensitivity
from longarm.sources.models import Source
from longarm.storage.base import Base, Timestamped, new_public_id


class Incident(Timestamped, Base):
    """One real-world event. Its value columns are resolved from its claims (see resolve.py)."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_public_id("INC"))
    title: Mapped[str] = mapped_column(Text, default="")
    tactic: Mapped[str | None] = mapped_column(String(30), index=True)
    status: Mapped[str | None] = mapped_column(String(20))
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(10))
    origin_state: Mapped[str | None] = mapped_column(String(2), index=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    attribution_basis: Mapped[str | None] = mapped_column(String(20))
    sensitivity: Mapped[str] = mapped_column(String(12), default=Sensitivity.public.value)
    publication_state: Mapped[str] = mapped_column(String(12), default=PublicationState.published.value)

    claims: Mapped[list[Claim]] = relationship(back_populates="incident", foreign_keys="Claim.incident_id")
    involvements: Mapped[list[Involvement]] = relationship(back_populates="incident", cascade="all, delete-orphan")
    outcomes: Mapped[list[Outcome]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="Outcome.date_start"
    )


class Actor(Timestamped, Base):
    """A person, group or organisation; known agencies keep their registry id (`IR.MOIS`)."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_public_id("ACT"))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="person")
    country: Mapped[str | None] = mapped_column(String(2))
    known: Mapped[bool] = mapped_column(Boolean, default=False)  # shipped in the registry

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", cascade="all, delete-orphan")
    involvements: Mapped[list[Involvement]] = relationship(back_populates="actor")


class ActorAlias(Base):
    """Another name or transliteration of an actor, with its matching key."""

    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Involvement(Base):
    """An actor's part in an incident: victim, perpetrator (with a degree) or witness."""

    __tablename__ = "involvements"
    __table_args__ = (UniqueConstraint("incident_id", "actor_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    degree: Mapped[str | None] = mapped_column(String(20))
    affiliations: Mapped[list[str]] = mapped_column(JSON, default=list)

    incident: Mapped[Incident] = relationship(back_populates="involvements")
    actor: Mapped[Actor] = relationship(back_populates="involvements")


class Outcome(Base):
    """What followed an incident (arrest, sentence, expulsion...), resolved from outcome claims."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    years: Mapped[float | None] = mapped_column(Float)
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))

    incident: Mapped[Incident] = relationship(back_populates="outcomes")


class Claim(Timestamped, Base):
    """One source's statement of one field's value, with the quote or note that supports it."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_incident_field", "incident_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"), index=True)
    field: Mapped[str] = mapped_column(String(30))
    # For list fields (victim, perpetrator, outcome): which item this claim is about.
    item_key: Mapped[str | None] = mapped_column(String(300))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    quote: Mapped[str | None] = mapped_column(Text)
    quote_start: Mapped[int | None] = mapped_column(Integer)
    quote_end: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    made_by: Mapped[str] = mapped_column(String(100))
    credibility: Mapped[int] = mapped_column(Integer, default=6)  # Admiralty 1..6
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)  # a reviewer's choice
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    # A restricted claim's value, quote, note and item key, AES-GCM sealed (longarm.incidents.sealing);
    # those columns then hold NULL, so the database file never holds them in clear.
    sealed: Mapped[str | None] = mapped_column(Text)

    incident: Mapped[Incident | None] = relationship(back_populates="claims", foreign_keys=[incident_id])
    source: Mapped[Source | None] = relationship()

    @property
    def source_kind(self) -> str | None:
        """The kind of the cited source, which decides the claim's strength."""
        return self.source.kind if self.source else None

    @property
    def is_sealed(self) -> bool:
        """True when the claim's values are stored only in the encrypted envelope."""
        return self.sealed is not None


class Estimate(Timestamped, Base):
    """An aggregate figure a source gives (about 360 people killed abroad since 1979)."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(300))
    origin_state: Mapped[str | None] = mapped_column(String(2))
    # The rest of the scope, in the list's filter terms, so the database can count the same thing.
    tactic: Mapped[str | None] = mapped_column(String(30))
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    source_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"))
    quote: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source | None] = relationship()


# Register the flush hooks that keep each incident's linking profile in step and seal restricted
# claims, whichever module writes.
from longarm.incidents import sealing as _sealing  # noqa: E402, F401
from longarm.review import profile_store as _profile_store  # noqa: E402, F401
