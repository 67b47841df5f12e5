"""Extracted incidents become claims; a value the store cannot hold is left out, not the document."""

from __future__ import annotations

from longarm.incidents.schemas import ExtractedIncident
from longarm.review.candidates import claims_for_extracted, title_for
from tests.review.factories import extracted, extracted_incident


def test_every_extracted_value_becomes_a_claim_with_its_quote():
    written = extracted(victim="Nadia Karimova", date=("2020-02-03", "2020-02-03", "day"), place="Vienna", country="AT")
    written["evidence"] = [{"field": "date", "quote": "3 February 2020", "start": 10, "end": 25}]
    incident = ExtractedIncident.model_validate(written)
    claims = {c.field: c for c in claims_for_extracted(incident, source_id="SRC-1", made_by="test")}
    assert set(claims) >= {"title", "tactic", "status", "date", "location", "origin_state", "victim", "attribution"}
    assert (claims["date"].quote, claims["date"].quote_start, claims["date"].quote_end) == ("3 February 2020", 10, 25)
    assert claims["location"].note == "stated in the document"
    assert claims["title"].value == "Killing of Nadia Karimova, Vienna, 2020" == title_for(incident)


def test_a_value_the_store_cannot_hold_is_left_out():
    incident = extracted_incident(victim="Nadia Karimova", country="ZZ")
    fields = [c.field for c in claims_for_extracted(incident, source_id="SRC-1", made_by="test")]
    assert "location" not in fields and "victim" in fields and "tactic" in fields
