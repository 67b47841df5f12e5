"""Engines and sessions for SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from longarm.errors import BadInput

# One connection for each thread of the server's threadpool (anyio's default of 40), each request
# holding one at a time: a request waits for a connection rather than failing with `QueuePool limit`.
POOL_SIZE = 40


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets the web app read while an ingest writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_database_engine(url: str) -> Engine:
    """An engine for the URL; SQLite files get WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadInput(f"LONGARM_DATABASE_URL {url!r} is not a database URL.") from None
    pool = {"pool_size": POOL_SIZE, "max_overflow": 0, "pool_timeout": 60}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        else:
            pool = {}  # one in-memory database per connection: SQLAlchemy keeps a single one
        engine = create_engine(parsed, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, **pool)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One shared engine per URL."""
    return create_database_engine(url)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so services can return them."""
    # Every model must be mapped before the first flush, or a foreign key to a table whose model
    # this process never imported (claims -> candidates in `longarm import`) cannot resolve.
    from longarm.storage import tables  # noqa: F401

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together, or rolled back on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session


def database_problem(error: Exception) -> str | None:
    """A one-line account of a database failure (unreachable, not initialised), or None for other errors."""
    if not isinstance(error, DBAPIError):
        return None
    reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
    hint = (
        " Run `longarm init` to create or upgrade it."
        if "no such table" in reason or "does not exist" in reason
        else ""
    )
    return f"The database cannot be used: {reason}.{hint}"
