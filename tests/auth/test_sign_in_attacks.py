"""Sign-in under attack: equal work for every refusal, parallel guesses, floods, strangers locking out an admin."""

from __future__ import annotations

import threading
from dataclasses import replace

import anyio
import pytest

from longarm.auth import service, throttle
from longarm.config import Settings
from longarm.storage.engine import transaction
from tests.security.helpers import PASSWORD, add_user, client_for, sign_in


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every argon2 check made from now on, named by the hash it checked against."""
    seen: list[str] = []
    real = service.verify_password

    def counted(stored_hash: str | None, password: str) -> bool:
        seen.append(stored_hash or "")
        return real(stored_hash, password)

    monkeypatch.setattr(service, "verify_password", counted)
    return seen


def _try(engine, name: str, password: str, attempts: int = 3) -> bool:  # type: ignore[no-untyped-def]
    return service.authenticate(engine=engine, name=name, password=password, max_attempts=attempts) is not None


def test_every_refusal_costs_one_argon2_check(engine, checks):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    add_user(engine, "dora", "viewer")
    with transaction(engine) as session:
        service.set_active(session=session, user=service.get_by_name(session=session, name="dora"), active=False)  # type: ignore[arg-type]
    for _ in range(3):
        _try(engine, "ana", "wrong password!")
    checks.clear()
    for name in ("ana", "nobody", "dora", "x" * 300):  # locked, unknown, disabled, malformed
        assert _try(engine, name, "wrong password!") is False
        assert len(checks) == 1, f"{name[:10]}: {len(checks)} argon2 checks"
        checks.clear()


def test_parallel_guesses_never_exceed_the_limit(engine, checks):  # type: ignore[no-untyped-def]
    add_user(engine, "ana", "analyst")
    with transaction(engine) as session:
        real_hash = service.get_by_name(session=session, name="ana").password_hash  # type: ignore[union-attr]
    start = threading.Barrier(20)

    def guess(n: int) -> None:
        start.wait()
        _try(engine, "ana", f"wrong guess {n:02d}", attempts=5)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert checks.count(real_hash) <= 5
    assert _try(engine, "ana", PASSWORD, attempts=5) is False  # locked now


def test_an_address_over_its_rate_is_refused_before_any_check(engine, settings, checks):  # type: ignore[no-untyped-def]
    from longarm.web.app import create_app

    add_user(engine, "ana", "analyst")
    app = create_app(replace(settings, login_rate="3/minute"), engine=engine)
    client = client_for(app)
    statuses = [sign_in(client, "nobody", "wrong password!").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 429, 429]
    assert len(checks) == 3


def test_strangers_cannot_lock_out_a_browser_that_signed_in_before(engine, web_app):  # type: ignore[no-untyped-def]
    add_user(engine, "admin", "admin")
    own = client_for(web_app)
    assert sign_in(own, "admin").status_code == 303
    stranger = client_for(web_app)
    for _ in range(6):
        assert sign_in(stranger, "admin", "wrong password!").status_code == 400
    assert sign_in(stranger, "admin").status_code == 400  # the account is locked for strangers
    assert sign_in(own, "admin").status_code == 303  # not for the browser its owner uses


def test_password_checks_run_on_a_bounded_pool_with_a_bounded_queue():  # type: ignore[no-untyped-def]
    limits = throttle.SignInThrottle(Settings(login_workers=2, login_queue=3))
    running, peak, refused = 0, 0, 0
    lock = threading.Lock()
    release = threading.Event()

    def work() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        release.wait(5)
        with lock:
            running -= 1

    async def attempt() -> None:
        nonlocal refused
        try:
            await limits.run(work)
        except throttle.Busy:
            refused += 1

    async def flood() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(10):
                group.start_soon(attempt)
            await anyio.sleep(0.2)
            release.set()

    anyio.run(flood)
    assert peak == 2
    assert refused == 5  # 2 running + 3 waiting; the rest refused at once
