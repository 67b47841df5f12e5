"""The map's data at a zoom: crowded places as clusters counted by the database, sparse ones as incidents."""

from __future__ import annotations

from typing import Any


def _drawn(features: list[dict[str, Any]]) -> int:
    return sum(f["properties"]["count"] if f["properties"].get("cluster") else 1 for f in features)


def test_clusters_count_every_located_incident_and_split_as_the_map_zooms_in(client):  # type: ignore[no-untyped-def]
    every = client.get("/api/v1/incidents.geojson").json()["features"]
    world = client.get("/api/v1/incidents.geojson", params={"zoom": 0}).json()["features"]
    deepest = client.get("/api/v1/incidents.geojson", params={"zoom": 12}).json()["features"]
    assert _drawn(world) == _drawn(deepest) == len(every)
    clusters = [f for f in world if f["properties"].get("cluster")]
    assert clusters and len(world) < len(every)  # the sample's European incidents share a cell at zoom 0
    west, south, east, north = clusters[0]["properties"]["bounds"]
    lon, lat = clusters[0]["geometry"]["coordinates"]
    assert west <= lon <= east and south <= lat <= north
    assert not any(f["properties"].get("cluster") for f in deepest)
    assert {f["id"] for f in deepest} == {f["id"] for f in every}


def test_a_view_gets_only_what_it_shows_and_the_filters_still_apply(client):  # type: ignore[no-untyped-def]
    every = client.get("/api/v1/incidents.geojson").json()["features"]
    view = {"zoom": 12, "bbox": "-10,35,30,60"}  # western and central Europe
    shown = client.get("/api/v1/incidents.geojson", params=view).json()["features"]
    inside = [
        f for f in every if -10 <= f["geometry"]["coordinates"][0] <= 30 and 35 <= f["geometry"]["coordinates"][1] <= 60
    ]
    assert {f["id"] for f in shown} == {f["id"] for f in inside} and 0 < len(shown) < len(every)
    narrowed = client.get("/api/v1/incidents.geojson", params={**view, "country": "DE"}).json()["features"]
    assert narrowed and all(f["properties"]["location"]["country"] == "DE" for f in narrowed)


def test_a_view_across_the_date_line_takes_every_longitude(client):  # type: ignore[no-untyped-def]
    wrapped = client.get("/api/v1/incidents.geojson", params={"zoom": 1, "bbox": "-250,-85,110,85"}).json()
    world = client.get("/api/v1/incidents.geojson", params={"zoom": 1}).json()
    assert _drawn(wrapped["features"]) == _drawn(world["features"])


def test_a_bbox_that_is_not_four_numbers_is_named(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/incidents.geojson", params={"zoom": 3, "bbox": "west,0,1,2"})
    assert response.status_code == 422 and "bbox" in response.text
    assert client.get("/api/v1/incidents.geojson", params={"zoom": 13}).status_code == 422
