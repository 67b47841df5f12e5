"""What an audit event records: the one list of actions every writer uses and the history view reads."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """An audit event's action, as stored (the stored text of older events is the same)."""

    login = "login"
    login_failed = "login_failed"
    logout = "logout"
    user_add = "user_add"
    user_change = "user_change"
    token_create = "token_create"
    token_revoke = "token_revoke"
    key_rotate = "key_rotate"
    backup = "backup"
    restore = "restore"
    export = "export"
    source_ingest = "source.ingest"
    source_import_acled = "source.import_acled"
    incident_create = "create"
    incident_edit = "incident.edit"
    candidate_accepted = "candidate.accepted"
    candidate_merged = "candidate.merged"
    candidate_rejected = "candidate.rejected"
    candidate_split = "candidate.split"
    candidate_undo_accepted = "candidate.undo_accepted"
    candidate_undo_merged = "candidate.undo_merged"
    candidate_undo_rejected = "candidate.undo_rejected"
    candidate_undo_split = "candidate.undo_split"

    @classmethod
    def candidate(cls, decision: str) -> AuditAction:
        """The action of a candidate decision or its undoing (`merged` → candidate.merged, `undo_merged`)."""
        return cls(f"candidate.{decision}")


# What an incident's history says each action did to it.
HISTORY_WORDS: dict[str, str] = {
    AuditAction.incident_create: "created the incident",
    AuditAction.incident_edit: "edited",
    AuditAction.candidate_merged: "merged a candidate into it",
    AuditAction.candidate_accepted: "accepted a candidate as this incident",
    AuditAction.candidate_undo_merged: "undid a merge",
}


def history_words(action: str) -> str:
    """An action as an incident's history tells it (the stored text for an action it has no words for)."""
    return HISTORY_WORDS.get(action, action)  # members are str: a stored text finds its member's words
