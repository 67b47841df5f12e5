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


def test_spellings_aliases_and_joined_names_find_the_incident(app, web_engine):  # type: ignore[no-untyped-def]
    assert _found(web_engine, "Colahi") == ["INC-KOLAHI15"]  # c ~ k
    assert _found(web_engine, "Rouhollah Zam") == ["INC-ZAM19"]  # ou ~ u, o ~ u
    assert "INC-VILLEPINTE18" in _found(web_engine, "Asadi")  # doubled letters
    assert _found(web_engine, "Mohammadreza") == ["INC-KOLAHI15"]  # two words written as one
    assert _found(web_engine, "Den Haag") == ["INC-MOLANISSI17"]  # a place's other name
    assert _found(web_engine, "Villpinte") == ["INC-VILLEPINTE18"]  # a letter missing
    assert _found(web_engine, "Mykonos") == ["INC-MYKONOS92"]  # the name in the incident's id


def test_arabic_letter_variants_find_persian_spellings(app, web_engine):  # type: ignore[no-untyped-def]
    persian = PERSIAN_NAME.split()[1]  # written with the Persian ی
    arabic = persian.replace("ی", "ي")
    assert arabic != persian and _found(web_engine, arabic) == ["INC-TEST-QUOTE"]
    assert search.IncidentFilters(q="ك").q  # the Arabic kaf is a word, not punctuation
    from longarm.names.folding import word_key

    assert word_key("كتاب") == word_key("کتاب") and word_key("موسى") == word_key("موسی")


def test_no_match_suggests_a_spelling_from_visible_incidents_only(app, web_engine):  # type: ignore[no-untyped-def]
    with transaction(web_engine) as session:
        page = search.search(session=session, filters=search.IncidentFilters(q="Kolhaiz"))
        assert page.total == 0 and page.suggestion == "kolahi"
        hidden = search.search(session=session, filters=search.IncidentFilters(q="unverifed"))
        assert hidden.total == 0 and hidden.suggestion != "unverified"  # a draft's word is not offered


def test_region_and_actor_filters(app, web_engine):  # type: ignore[no-untyped-def]
    with transaction(web_engine) as session:
        europe = search.search(session=session, filters=search.IncidentFilters(region=("europe",)), per_page=100)
        assert europe.total and all(search.region_of(i.country) == "europe" for i in europe.incidents)
        assert "INC-ARBABSIAR" not in [i.id for i in europe.incidents]
        by_actor = search.search(session=session, filters=search.IncidentFilters(actor=("IR.MOIS",)), per_page=100)
        assert (
            by_actor.total and by_actor.total < search.search(session=session, filters=search.IncidentFilters()).total
        )
        facets = search.facet_counts(session=session, filters=search.IncidentFilters())
        assert dict(facets["region"])["europe"] == europe.total
