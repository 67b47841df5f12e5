"""How pages travel: compressed, assets cached by content hash, HEAD answered on every page."""

from __future__ import annotations

import re

import pytest

PAGES = [
    "/",
    "/incidents",
    "/incidents/INC-KOLAHI15",
    "/map",
    "/timeline",
    "/stats",
    "/docs",
    "/about",
    "/actors",
    "/sources",
]


@pytest.mark.parametrize("path", [*PAGES, "/api/v1/incidents", "/api/v1/openapi.json"])
def test_every_page_is_compressed(client, path):  # type: ignore[no-untyped-def]
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers.get("content-encoding") == "gzip"


def test_assets_are_cached_by_their_content_hash(client):  # type: ignore[no-untyped-def]
    html = client.get("/map").text
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\?v=[0-9a-f]{12})"', html)
    assert len(assets) >= 6
    for url in assets:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and "immutable" in response.headers["cache-control"], url
    big = client.get(next(u for u in assets if "leaflet.js" in u), headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    plain = client.get("/static/vendor/leaflet/images/marker-icon.png")
    assert plain.headers["cache-control"] == "public, max-age=86400" and plain.headers.get("etag")


@pytest.mark.parametrize("path", [*PAGES, "/static/css/app.css", "/api/v1/incidents", "/login"])
def test_head_answers_like_get_without_a_body(client, path):  # type: ignore[no-untyped-def]
    response = client.head(path)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"] == client.get(path).headers["content-type"]
