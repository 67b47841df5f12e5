"""Log redaction: secrets, query strings and SQL parameters never reach a log line.

Installed as a log-record factory, so it covers every logger and handler (uvicorn's
included) without depending on how logging was configured.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?bearer\s+)[^\s\"',]+"), r"\1[secret]"),
    (re.compile(r"\blat_[A-Za-z0-9_-]{6,}"), "lat_[secret]"),
    (
        re.compile(r"(?i)\b(password|passwd|secret|token|csrf_token|longarm_session|longarm_visitor)=[^&\s;,'\"]+"),
        r"\1=[secret]",
    ),
    # SQLAlchemy puts the statement's parameters (names, notes, values) into its error messages.
    (re.compile(r"\[parameters: .*?\](?=\s*(\(Background|$))", re.S), "[parameters: hidden]"),
    (re.compile(r"v[12]\.[ke][0-9a-f]{8}\.[A-Za-z0-9_=-]+"), "[sealed]"),
]
_previous_factory: Any = None


def redact(text: str) -> str:
    """The text with tokens, passwords, cookies and SQL parameters replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _strip_query(path: Any) -> Any:
    # Search words in a query string can be exactly what must stay private.
    return path.split("?", 1)[0] + "?[query]" if isinstance(path, str) and "?" in path else path


def _redact_record(record: logging.LogRecord) -> None:
    if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
        client, method, path, version, status = record.args
        record.args = (client, method, _strip_query(path), version, status)
        return
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        return
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))


def install() -> None:
    """Redact every log record from now on (idempotent)."""
    global _previous_factory
    if _previous_factory is not None:
        return
    previous = logging.getLogRecordFactory()
    _previous_factory = previous

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
