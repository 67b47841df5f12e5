"""Settings that shape the process itself: LONGARM_LOG_LEVEL."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from longarm.config import Settings, configure_logging
from longarm.errors import BadInput
from tests.cli_runner import longarm


@pytest.fixture
def longarm_logger() -> Iterator[logging.Logger]:
    """The `longarm` logger, its level put back after the test."""
    logger = logging.getLogger("longarm")
    level = logger.level
    yield logger
    logger.setLevel(level)


def test_the_log_level_decides_which_records_pass(longarm_logger, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    assert configure_logging(Settings(log_level="warning")) == logging.WARNING
    logging.getLogger("longarm.web").info("an ordinary request")
    logging.getLogger("longarm.web").warning("something to look at")
    assert [r.getMessage() for r in caplog.records] == ["something to look at"]
    configure_logging(Settings(log_level="DEBUG"))
    logging.getLogger("longarm.auth").debug("a detail")
    assert caplog.records[-1].getMessage() == "a detail"


def test_an_unknown_log_level_is_a_one_line_mistake(longarm_logger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadInput, match="LONGARM_LOG_LEVEL 'loud' is not one of"):
        configure_logging(Settings(log_level="loud"))
    monkeypatch.setenv("LONGARM_LOG_LEVEL", "loud")
    run = longarm("extract", "--help")
    assert run.code == 2 and run.stderr.strip().count("\n") == 0 and "LONGARM_LOG_LEVEL" in run.stderr
