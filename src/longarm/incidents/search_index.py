"""Bulk loads and the search index: its triggers held off while rows go in, then one rebuild.

The triggers of migration 0003 rebuild an incident's document on every claim or involvement
written; a bulk load of an incident with sixteen claims would rebuild it seventeen times.
On SQLite the data version's triggers (0006, one per row there) are held off too: the rebuild,
an update of each incident, moves the version on once the rows are in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, bindparam, text

from longarm.storage.bulk_load import analyze


@contextmanager
def suspended(connection: Connection, ids: list[str]) -> Iterator[None]:
    """Hold the search triggers off in this transaction; then index the incidents whose ids `ids` holds.

    The caller appends the ids of the incidents it writes to `ids` inside the block. On
    PostgreSQL the triggers return at once while the transaction's `longarm.search_held` is on
    (migration 0008): no lock, and other transactions' writes are indexed as ever.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT set_config('longarm.search_held', 'on', true)"))
        yield
        connection.execute(text("SELECT set_config('longarm.search_held', 'off', true)"))
    else:
        saved = connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND (name LIKE 'incident_search_%' OR name LIKE 'data_version_%')"
            )
        ).all()
        for name, _sql in saved:
            connection.execute(text(f'DROP TRIGGER "{name}"'))
        yield
        for _name, sql in saved:
            connection.execute(text(sql))
    reindex(connection, ids)


_MANY = 1000


def reindex(connection: Connection, ids: Sequence[str]) -> None:
    """Rebuild the search documents of these incidents, through the index's own refresh code."""
    if connection.dialect.name == "postgresql":
        if len(ids) > _MANY:
            # Rows a bulk load has just written are not in the planner's statistics yet: it then hashed every
            # actor for each incident's document (50 ms an incident at 100,000).
            analyze(connection)
        statement = text("SELECT incident_search_refresh(id) FROM incidents WHERE id IN :ids")
    else:
        # The update trigger runs the same refresh a write would, so the document is built one way only.
        statement = text("UPDATE incidents SET id = id WHERE id IN :ids")
    statement = statement.bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(ids), 500):
        connection.execute(statement, {"ids": list(ids[start : start + 500])})
