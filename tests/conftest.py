"""Test harness: every database test runs on SQLite and on a throwaway PostgreSQL 15 server.

Each test gets its own database, copied from a migrated template (a file copy on SQLite,
CREATE DATABASE ... TEMPLATE on PostgreSQL), so tests see real commits and stay isolated.
`LONGARM_TEST_BACKENDS=sqlite` runs only SQLite (for a quick loop).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from longarm.config import Settings
from longarm.incidents import sealing
from longarm.storage.database import initialise
from longarm.storage.engine import create_database_engine
from tests.support.postgres import postgres_server

REPOSITORY = Path(__file__).resolve().parent.parent
# What a run may leave in the repository: interpreter and tool caches, the virtualenvs, git itself, and
# the browser tests' screenshots (test-artifacts/, ignored by git), kept for people to look at.
_NOT_WATCHED = {
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "node_modules",
    "test-artifacts",
}
BACKENDS = [b for b in os.environ.get("LONGARM_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]
_counter = itertools.count()


def _repository_files() -> dict[str, int]:
    """Every file in the repository (caches and virtualenvs aside) with its modification time."""
    found: dict[str, int] = {}
    for folder, subfolders, files in os.walk(REPOSITORY):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in _NOT_WATCHED and not name.startswith(".venv") and not name.endswith(".egg-info")
        ]
        for name in files:
            path = Path(folder, name)
            found[path.relative_to(REPOSITORY).as_posix()] = path.lstat().st_mtime_ns
    return found


def pytest_sessionstart(session: pytest.Session) -> None:
    """Note the repository's files, to find any the run writes (a key or an anchor in ./data)."""
    session.config.stash[_BEFORE] = _repository_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when it created or changed a file in the repository: tests write in their own folders."""
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = _repository_files()
    written = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    if written:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            reporter.write_sep("=", "the tests wrote into the repository", red=True)
            reporter.write_line(", ".join(written))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[dict[str, int]]()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with the actor registry, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "longarm.db"
    engine = create_database_engine(f"sqlite:///{path}")
    initialise(engine, sample=False)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A PostgreSQL server with a migrated template database; yields the server's admin URL."""
    with postgres_server() as admin_url:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE longarm_template"))
        engine = create_database_engine(make_url(admin_url).set(database="longarm_template").render_as_string(False))
        initialise(engine, sample=False)
        engine.dispose()
        admin.dispose()
        yield admin_url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database for this test, on each backend in turn."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "longarm.db")
        return f"sqlite:///{tmp_path / 'longarm.db'}"
    admin_url: str = request.getfixturevalue("postgres_template")
    name = f"test_{os.getpid()}_{next(_counter)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE longarm_template"))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings pointing at this test's database and a private home folder."""
    return Settings(home=tmp_path, database_url=database_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """An engine on this test's database, sealing with a key in the test's own home folder."""
    engine = sealing.install(create_database_engine(settings.effective_database_url), settings)
    yield engine
    engine.dispose()


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point the CLI (run in-process or as a subprocess) at this test's database."""
    monkeypatch.setenv("LONGARM_HOME", str(settings.home))
    monkeypatch.setenv("LONGARM_DATABASE_URL", settings.effective_database_url)
    return settings
