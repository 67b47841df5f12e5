"""Fixtures shared by the safety tests (see tests/security/helpers.py)."""

from tests.security.helpers import web_app  # noqa: F401
