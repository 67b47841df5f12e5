"""ACLED and countries named as people do: Russia and Kosovo get their codes; the export writes those names."""

from __future__ import annotations

import csv

from sqlalchemy import select

from longarm.auth.permissions import operator
from longarm.exports.acled_format import COLUMNS, acled_row
from longarm.exports.acled_import import import_acled
from longarm.incidents.schemas import IncidentRecord
from longarm.review.models import Candidate
from longarm.sources.evidence import EvidenceStore
from longarm.storage.database import initialise
from longarm.storage.engine import transaction


def test_states_and_countries_named_in_common_english_get_their_codes(engine, tmp_path):  # type: ignore[no-untyped-def]
    initialise(engine, sample=False)
    row = dict.fromkeys(COLUMNS, "") | {
        "event_id_cnty": "XKX1",
        "event_date": "2020-05-09",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Military Forces of Russia (2000-)",
        "country": "Kosovo",
        "iso": "0",
        "notes": "An exiled writer was beaten.",
    }
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    with transaction(engine) as session:
        result = import_acled(
            session=session, store=EvidenceStore(tmp_path / "evidence"), path=path, principal=operator()
        )
        assert result.candidates == 1
        (payload,) = [candidate.payload for candidate in session.scalars(select(Candidate))]
    assert payload["origin_state"] == "RU" and payload["location"]["country"] == "XK"


def test_the_export_names_countries_as_the_pages_do() -> None:
    record = {"id": "INC-X", "tactic": "threat", "location": {"country": "XK"}, "origin_state": "RU"}
    row = acled_row(IncidentRecord.model_validate(record | {"perpetrators": [], "victims": [], "sources": []}))
    assert (row["actor1"], row["actor2"], row["country"]) == (
        "Unidentified agents of Russia",
        "Civilians (Kosovo)",
        "Kosovo",
    )
