"""The errors longarm raises for a user's mistake, each with a full-sentence message.

LongarmError            anything the CLI prints as one line and the web maps to 4xx
├── BadInput            a file, row, field or argument that cannot be used
├── NotFound            a record that does not exist (or that the caller may not see)
├── Conflict            a state that forbids the action (already merged, duplicate)
├── PermissionDenied    the caller's role does not allow the action
└── IntegrityError      stored data that fails a check (audit chain, backup hashes)
"""

from __future__ import annotations

from typing import Any


class LongarmError(Exception):
    """Base of every error that is the user's to fix; its message is shown as is."""

    status_code = 400


class BadInput(LongarmError):
    """Input that cannot be used: the message names the input and the problem."""

    status_code = 422


class NotFound(LongarmError):
    """The record does not exist, or the caller may not know that it does."""

    status_code = 404


class Conflict(LongarmError):
    """The action clashes with the record's current state."""

    status_code = 409


class PermissionDenied(LongarmError):
    """The caller is not allowed to do this."""

    status_code = 403


class IntegrityError(LongarmError):
    """Stored data failed a verification."""

    status_code = 500


# Every JSON error answer, the security middleware's included, is `{"error": error_document(...)}`.
ERROR_TYPES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "bad_input",
    500: "integrity_error",
}


def error_document(
    status: int, message: str, fields: dict[str, str] | None = None, *, kind: str | None = None
) -> dict[str, Any]:
    """The body of a JSON error: `{"error": {"status", "type", "message"}}`, plus `fields` when some are named."""
    body: dict[str, Any] = {"status": status, "type": kind or ERROR_TYPES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}
