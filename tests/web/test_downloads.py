"""Downloads of the list's current filter: every row, in CSV, JSON and GeoJSON, with a codebook."""

from __future__ import annotations

import csv
import io

from longarm.exports.codebook import CODEBOOK
from longarm.exports.csv_format import COLUMNS


def test_the_list_links_its_filter_to_each_download(client):  # type: ignore[no-untyped-def]
    html = client.get("/incidents?tactic=killing&region=europe").text
    for fmt in ("csv", "json", "geojson"):
        assert f"/api/v1/export/{fmt}?tactic=killing&amp;region=europe" in html


def test_downloads_hold_every_matching_row_not_a_page(client):  # type: ignore[no-untyped-def]
    listed = client.get("/api/v1/incidents", params={"region": "europe", "per_page": 1}).json()
    assert listed["total"] > 1
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/csv?region=europe").text)))
    assert len(rows) == listed["total"] and {r["country"] for r in rows} <= {"NL", "DE", "FR", "DK", "GB"}
    response = client.get("/api/v1/export/json?region=europe")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert [i["id"] for i in response.json()["incidents"]] == [r["id"] for r in rows]
    features = client.get("/api/v1/export/geojson?region=europe").json()["features"]
    assert {f["id"] for f in features} == {r["id"] for r in rows if r["lat"]}
    assert "INC-TEST-DRAFT" not in client.get("/api/v1/export/csv").text  # the public view


def test_acled_and_parquet_download_with_the_lists_filter(client):  # type: ignore[no-untyped-def]
    import pandas as pd

    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/csv?region=europe").text)))
    acled = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/acled?region=europe").text)))
    assert [r["event_id_cnty"] for r in acled] == [r["id"] for r in rows]
    response = client.get("/api/v1/export/parquet?region=europe")
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    assert list(pd.read_parquet(io.BytesIO(response.content))["id"]) == [r["id"] for r in rows]


def test_a_bad_format_or_filter_is_one_error(client):  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/export/xlsx").status_code == 422
    assert client.get("/api/v1/export/csv?region=atlantis").json()["error"]["fields"] == {
        "region": "region 'atlantis' is not one of: europe, asia, africa, north_america, south_america, oceania."
    }


def test_the_codebook_explains_every_column(client):  # type: ignore[no-untyped-def]
    assert tuple(CODEBOOK) == COLUMNS
    names = [c["name"] for c in client.get("/api/v1/codebook").json()["columns"]]
    assert names == list(COLUMNS)
