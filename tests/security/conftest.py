"""Fixtures shared by the safety tests (see tests/security/helpers.py)."""

from tests.security.helpers import bind_key, web_app  # noqa: F401
