"""Log lines never carry tokens, passwords, cookies, SQL parameters, sealed values or search words."""

from __future__ import annotations

import logging

from longarm.security import redaction


def test_secrets_are_replaced():  # type: ignore[no-untyped-def]
    line = (
        "Authorization: Bearer lat_abcdefghijklmnop password=hunter2 longarm_session=abc123 "
        "value v1.k0011aabb.QUJDREVGR0g="
    )
    cleaned = redaction.redact(line)
    for secret in ("lat_abcdefghijklmnop", "hunter2", "abc123", "QUJDREVGR0g"):
        assert secret not in cleaned


def test_sql_parameters_are_hidden():  # type: ignore[no-untyped-def]
    message = (
        "(sqlite3.IntegrityError) UNIQUE constraint failed\n[SQL: INSERT INTO users VALUES (?)]\n"
        "[parameters: ('Hidden Lane 7',)]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    assert "Hidden Lane" not in redaction.redact(message)


def test_installed_redaction_covers_every_logger_and_access_queries(caplog):  # type: ignore[no-untyped-def]
    redaction.install()
    caplog.set_level(logging.INFO)
    logging.getLogger("anything").info("token=%s", "lat_secretsecretsecret")
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d', "1.2.3.4", "GET", "/incidents?q=witness+name", "1.1", 200
    )
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "lat_secretsecretsecret" not in text and "witness" not in text
    assert "/incidents?[query]" in text
