"""SQLite's page cache for one large write transaction (`longarm import`), put back when it ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

# 256 MB (negative: KiB). With SQLite's 2 MB default a bulk load spills index pages to the WAL
# and writes the same pages there again and again; this keeps the hot pages in memory.
_CACHE_KIB = 262_144


@contextmanager
def sqlite_bulk_load(connection: Connection) -> Iterator[None]:
    """A large page cache on this connection while the block runs (nothing on other databases).

    Only the cache: the journal and `synchronous` cannot change inside a transaction, and the
    import is one. The connection's own size is put back after, as it returns to the pool.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    cache = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size={-_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={cache}")
