"""Browser tests: uvicorn serving the app on the sample data in a thread, driven by Debian's Chromium.

One server and one browser for the whole session keep these fast; they run on SQLite only
(the API tests cover both backends). Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn

from longarm.config import Settings
from longarm.incidents import sealing
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine
from longarm.web.app import create_app
from tests.web.fixtures import add_quoted_incident, add_review_candidate, add_team_user

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EDITOR = ("ed.itor", "a long enough password")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The settings (home folder, database) of the app the browser tests use."""
    home = tmp_path_factory.mktemp("e2e")
    return Settings(home=home, database_url=f"sqlite:///{home / 'longarm.db'}")


@pytest.fixture(scope="session")
def live_server(live_settings: Settings) -> Iterator[str]:
    """The base URL of the app serving the sample incidents, a team user and a review candidate."""
    settings = live_settings
    engine = sealing.install(create_database_engine(settings.effective_database_url), settings)
    initialise(engine, sample=True)
    app = create_app(settings, engine=engine)
    add_team_user(engine, *EDITOR, role="editor")
    add_review_candidate(engine)
    add_quoted_incident(engine)
    port = _free_port()
    # log_config=None: uvicorn would otherwise reconfigure the process's loggers for every later test.
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("The test server did not start.")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session (Debian's, never a downloaded build)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (scripts/system-deps.sh installs it).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def requested_hosts() -> set[str]:
    """Every host any page asked for during the session."""
    return set()


@pytest.fixture
def page(browser, live_server: str, requested_hosts: set[str]) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context and page; records requests, console errors and CSP violations."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).netloc or request.url[:20]))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))  # type: ignore[attr-defined]
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot as test-artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # caret="initial": hiding the caret injects a <style>, which the CSP (rightly) refuses.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    return path
