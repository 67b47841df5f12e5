"""The audit log's actions: one list for every writer and the history view."""

from __future__ import annotations

import pytest

from longarm.audit.actions import AuditAction, history_words
from longarm.auth.models import User
from longarm.auth.permissions import ANONYMOUS, Principal, operator
from longarm.review.models import CandidateStatus


def test_every_review_decision_and_its_undoing_has_an_action() -> None:
    for status in CandidateStatus:
        if status is not CandidateStatus.pending:
            assert AuditAction.candidate(status.value) == f"candidate.{status.value}"
            assert AuditAction.candidate(f"undo_{status.value}") == f"candidate.undo_{status.value}"
    with pytest.raises(ValueError):
        AuditAction.candidate("pending")


def test_the_history_tells_actions_in_words_and_keeps_unknown_ones() -> None:
    assert history_words("create") == "created the incident"
    assert history_words(AuditAction.candidate_undo_merged) == "undid a merge"
    assert history_words("login") == "login"  # no words: the stored text
    assert history_words("retired.action") == "retired.action"  # an action no longer written


def test_who_acts_is_named_one_way() -> None:
    assert ANONYMOUS.label == "anonymous"
    signed_in = Principal.for_user(User(id=3, name="ana", role="editor"))
    assert (signed_in.label, signed_in.role, signed_in.user_id, signed_in.scopes) == ("ana", "editor", 3, None)
    assert operator().label.startswith("cli")
