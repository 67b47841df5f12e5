"""`longarm key rotate`: a new field key, every sealed value re-sealed under it, the old key retired.

The old key stays in the key file, sealed under the new one: backups made before the
rotation and audit events sealed before it still open (restoring one would otherwise
lose every restricted value in it).
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.config import Settings
from longarm.errors import BadInput
from longarm.incidents import sealing
from longarm.security import keys
from longarm.storage.engine import transaction


def rotate(*, engine: Engine, settings: Settings, actor: str) -> tuple[str, int]:
    """Re-seal every restricted value under a fresh key; the new key id and how many values moved."""
    from longarm.incidents.models import Claim

    old = keys.load_keyring(settings, create=True)
    if old.origin == "environment":
        raise BadInput("LONGARM_SECRET_KEY is set: rotation writes the key file; unset it to use the file instead.")
    new = old.with_new_key()
    # Written before re-sealing, with the old key retired in it: a crash loses nothing.
    keys.write_key_file(settings.key_file, new)
    with transaction(engine) as session:
        moved = 0
        for claim in session.scalars(select(Claim).where(Claim.restricted.is_(True))):
            # Also the way older envelopes, bound only to the field, become bound to their claim.
            sealing.seal_claim(claim, new)
            moved += 1
        record_event(
            session=session,
            actor=actor,
            action=AuditAction.key_rotate,
            target_type="key",
            target_id=new.current,
            before={"key_id": old.current},
            after={"key_id": new.current, "resealed": moved},
        )
    return new.current, moved
