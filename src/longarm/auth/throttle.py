"""Limits on sign-in attempts: per address, overall, and how many argon2 checks run at once.

A flood of sign-ins must not take the server's memory (argon2 uses 64 MiB per check) or
its threads from public pages: attempts over the address or overall rate are refused
before any work, at most `login_workers` passwords are checked at once, and no more than
`login_queue` sign-ins wait for a worker. The counters live in this process (the `limits`
library's moving windows); the address is the connecting peer's, never a header the
client can set.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import TypeVar

import anyio
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from longarm.config import Settings
from longarm.errors import BadInput

T = TypeVar("T")
DEVICE_COOKIE = "longarm_device"
DEVICE_DAYS = 365


def _parse(setting: str, text: str) -> list[RateLimitItem]:
    try:
        return parse_many(text)
    except ValueError:
        raise BadInput(f"{setting} {text!r} is not a rate such as 10/minute;60/hour.") from None


class Busy(Exception):
    """Too many sign-ins from this address, overall, or waiting for a worker."""


class SignInThrottle:
    """The rate limits and the bounded worker pool for one app."""

    def __init__(self, settings: Settings) -> None:
        self.per_address = _parse("LONGARM_LOGIN_RATE", settings.login_rate)
        self.overall = _parse("LONGARM_LOGIN_RATE_TOTAL", settings.login_rate_total)
        self.window = MovingWindowRateLimiter(MemoryStorage())
        self.workers = anyio.CapacityLimiter(max(1, settings.login_workers))
        self.queue = max(0, settings.login_queue)
        self.waiting = 0

    def admit(self, address: str) -> None:
        """Count an attempt from this address; Busy when the address or everyone is over the rate."""
        # Test every limit before spending any: a refused attempt must not use up the others.
        checks = [(item, "address", address) for item in self.per_address] + [
            (item, "all", "") for item in self.overall
        ]
        if not all(self.window.test(item, scope, key) for item, scope, key in checks):
            raise Busy
        for item, scope, key in checks:
            self.window.hit(item, scope, key)

    async def run(self, work: Callable[[], T]) -> T:
        """Run a password check on a bounded worker; Busy when too many are already waiting."""
        if self.waiting >= self.queue + self.workers.total_tokens:
            raise Busy
        self.waiting += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self.workers)
        finally:
            self.waiting -= 1


def device_mark(integrity: bytes, name: str) -> str:
    """The cookie value that says this browser signed in as `name` before."""
    return hmac.new(integrity, b"device:" + name.encode("utf-8"), hashlib.sha256).hexdigest()


def is_known_device(integrity: bytes, name: str, cookie: str | None) -> bool:
    """Whether the browser's device cookie was set by a sign-in as `name`."""
    return bool(cookie) and hmac.compare_digest(device_mark(integrity, name).encode(), (cookie or "").encode())
