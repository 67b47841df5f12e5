"""Imports every model so that `Base.metadata` knows all tables (Alembic and tests use it)."""

from __future__ import annotations

from longarm.audit.models import AuditEvent, AuditHead
from longarm.auth.models import ApiToken, User, UserSession
from longarm.incidents.models import Actor, ActorAlias, Claim, Estimate, Incident, Involvement, Outcome
from longarm.review.models import Candidate
from longarm.sources.models import Source
from longarm.storage.base import Base

__all__ = [
    "Actor",
    "ActorAlias",
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Candidate",
    "Claim",
    "Estimate",
    "Incident",
    "Involvement",
    "Outcome",
    "Source",
    "User",
    "UserSession",
]
