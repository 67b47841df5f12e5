"""The audit log. (Interface; the safety work stores hash-chained events.)"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def record_event(
    *,
    session: Session,
    actor: str,
    action: str,
    target_type: str,
    target_id: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append an event to the audit log in the caller's transaction."""
