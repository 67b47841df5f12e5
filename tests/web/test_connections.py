"""Each request takes one database connection, however many dependencies (session, reader, incident) it declares."""

from __future__ import annotations

import pytest
from sqlalchemy import event


@pytest.mark.parametrize(
    ("path", "connections"),
    [
        ("/incidents?tactic=killing", 1),
        ("/incidents/INC-KOLAHI15", 1),
        ("/api/v1/incidents/INC-KOLAHI15", 1),
        ("/api/v1/incidents?country=NL", 1),
        ("/map", 1),
        ("/api/v1/nothing-here", 0),  # no route: no transaction
    ],
)
def test_an_anonymous_request_takes_one_connection(client, web_engine, path, connections):  # type: ignore[no-untyped-def]
    taken: list[object] = []

    def checkout(*_args: object) -> None:
        taken.append(path)

    event.listen(web_engine.pool, "checkout", checkout)
    try:
        answer = client.get(path)
    finally:
        event.remove(web_engine.pool, "checkout", checkout)
    assert answer.status_code in (200, 404)
    assert len(taken) == connections
