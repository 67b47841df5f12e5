"""Hypothesis throws arbitrary input at the readers, the extractor and the importer: no crash, only clear errors."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from longarm.errors import BadInput
from longarm.exports.importing import read_records
from longarm.ingestion.documents import documents_from_bytes
from longarm.ingestion.extract import extract_text

WORDS = st.sampled_from(
    "was shot dead in Paris Berlin on 3 March 2019 Iranian agents kidnapped the exile . , ; "
    "sentenced to 20 years MOIS Revolutionary Guards Mohammad Reza Kolahi last Tuesday 1990s plot foiled".split()
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_fail_clearly(data: bytes) -> None:
    try:
        documents = documents_from_bytes(data, name="fuzz.bin")
    except BadInput as error:
        assert str(error).startswith("fuzz.bin")
    else:
        assert all(document.text for document in documents)


@FUZZ
@given(st.lists(WORDS, max_size=80).map(" ".join) | st.text(max_size=500))
def test_extraction_never_crashes_and_offsets_stay_exact(text: str) -> None:
    incidents, _ = extract_text(text, published="2020-05-01")
    for incident in incidents:
        for evidence in incident["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "tactic", "date", "location", "victims", "claims", "sources", "outcomes", "fatalities"]
        ),
        JSON_VALUES,
        max_size=6,
    )
)
def test_the_json_importer_validates_any_incident(record: dict) -> None:
    data = json.dumps({"incidents": [record]}).encode()
    try:
        read_records(data, name="fuzz.json")
    except BadInput as error:
        assert str(error).startswith("fuzz.json")


@FUZZ
@given(st.text(max_size=400))
def test_the_csv_importer_validates_any_text(body: str) -> None:
    data = ("id,title,tactic,date_start,date_end,date_precision,victims\n" + body).encode()
    try:
        read_records(data, name="fuzz.csv")
    except BadInput as error:
        assert str(error).startswith("fuzz.csv")
