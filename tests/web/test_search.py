"""Full-text search behind one function: the index follows the data on both backends."""

from __future__ import annotations

from sqlalchemy import delete

from longarm.incidents import search
from longarm.incidents.models import Incident
from longarm.storage.engine import transaction
from tests.web.fixtures import PERSIAN_NAME


def _found(engine, query: str, audience=search.PUBLIC) -> list[str]:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        page = search.search(session=session, filters=search.IncidentFilters(q=query), audience=audience)
        return [i.id for i in page.incidents]


def test_prefixes_scripts_and_operators(app, web_engine):  # type: ignore[no-untyped-def]
    assert "INC-KOLAHI15" in _found(web_engine, "kola")
    assert _found(web_engine, PERSIAN_NAME.split()[0]) == ["INC-TEST-QUOTE"]
    assert "INC-KOLAHI15" in _found(web_engine, 'kolahi" * (^')  # FTS syntax is dropped, never an error
    assert _found(web_engine, "...") == _found(web_engine, "")  # nothing to search: everything listed
    assert "INC-TEST-DRAFT" not in _found(web_engine, "unverified")
    assert _found(web_engine, "unverified", search.Audience(drafts=True)) == ["INC-TEST-DRAFT"]


def test_the_index_follows_deletions(app, web_engine):  # type: ignore[no-untyped-def]
    with transaction(web_engine) as session:
        session.execute(delete(Incident).where(Incident.id == "INC-TEST-QUOTE"))
    assert _found(web_engine, "journalist") == []


def test_snippets_mark_the_words_and_escape_the_rest():  # type: ignore[no-untyped-def]
    text = "before <b>bold</b> then Kolahi was shot in Almere"
    marked = search.snippet(text, ["kol"], width=60)
    assert "<mark>Kolahi</mark>" in marked and "&lt;b&gt;" in marked and "<b>" not in marked
    assert search.snippet("nothing here", ["kol"]) == ""
