"""Bulk loads (`longarm import`, the benchmarks' generator): rows inserted without per-row overhead, SQLite's cache.

SQLAlchemy's executemany binds each row's parameters one by one, which at 1.6 million claims
cost more than SQLite's own insert; psycopg runs an executemany as one statement per row, and
each fired the data version's statement trigger (migration 0006), each update of that one row
slower than the last inside one transaction. Here each value goes through the column type's own
bind processor (what SQLAlchemy would send), then one `executemany` on the driver for SQLite, one
COPY for PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table

# 256 MB (negative: KiB). With SQLite's 2 MB default a bulk load spills index pages and reads them back.
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


# What a bulk load's own queries read (ids already stored, actors, sources, the rows profiles are built from).
_READ = "incidents, claims, involvements, actors, actor_aliases, sources, incident_profiles, incident_blocks"
_FIRST = 1000


def keep_statistics(connection: Connection, *, before: int, after: int) -> None:
    """On PostgreSQL, ANALYZE the tables a bulk load reads each time it has written four times as many incidents.

    Rows written in the load's own transaction are not in the planner's statistics: at 100,000
    incidents it read every claim for each batch's profiles. ANALYZE counts the transaction's own
    rows; at 1,000, 4,000, 16,000… incidents it costs a few seconds in all.
    """
    mark = _FIRST
    while mark <= before:
        mark *= 4
    if after >= mark:
        analyze(connection)


def analyze(connection: Connection) -> None:
    """On PostgreSQL, fresh statistics for the tables a bulk load writes and reads (its own rows counted)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"ANALYZE {_READ}")


def insert_rows(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows of a model or table, each with the same keys; a column they leave out gets its default."""
    if not rows:
        return
    table = getattr(table, "__table__", table)
    columns, values = _bound(connection, table, rows)
    quote = connection.dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in columns)
    if connection.dialect.name != "postgresql":
        marks = ", ".join("?" * len(columns))
        connection.exec_driver_sql(f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({marks})", list(values))
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def _bound(
    connection: Connection, table: Table, rows: list[dict[str, Any]]
) -> tuple[list[Column[Any]], Iterator[tuple[Any, ...]]]:
    """The columns written and each row's values as the driver takes them (defaults evaluated once for all rows)."""
    dialect, given = connection.dialect, list(rows[0])
    missing = [column for column in table.columns if column.key not in given and column.default is not None]
    columns = [table.c[key] for key in given] + missing
    process = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    defaults = [
        column.default.arg(None) if column.default.is_callable else column.default.arg  # type: ignore[union-attr]
        for column in missing
    ]
    fixed = zip(process[len(given) :], defaults, strict=True)
    constant = tuple(bind(value) if bind else value for bind, value in fixed)
    # The rows' values read together; only the columns with a processor (JSON, dates) are touched one by one.
    read = itemgetter(*given)
    touched = [(n, bind) for n, bind in enumerate(process[: len(given)]) if bind]

    def values() -> Iterator[tuple[Any, ...]]:
        for row in rows:
            found = read(row)
            ordered = list(found) if len(given) > 1 else [found]
            for n, bind in touched:
                ordered[n] = bind(ordered[n])
            yield (*ordered, *constant)

    return columns, values()
