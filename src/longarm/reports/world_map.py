"""A world map as inline SVG from the vendored world-atlas shapes: host countries shaded, incidents as dots."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from markupsafe import Markup, escape

from longarm.names.countries import country_code, country_name, country_numbers
from longarm.web.rendering import HERE

ATLAS = HERE / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH, HEIGHT = 720, 360
SHADES = ("#e2e8f0", "#bcd3ea", "#90b4da", "#5b8ec4", "#2b6cb0")
"""No incidents, then four steps up to the country with the most."""


def _point(lon: float, lat: float) -> str:
    """Equirectangular: simple, and every shape of the atlas stays inside the frame."""
    return f"{(lon + 180) * WIDTH / 360:.1f},{(90 - lat) * HEIGHT / 180:.1f}"


@cache
def _countries() -> tuple[tuple[str, str, str], ...]:
    """(ISO numeric code, name, SVG path) for every country of the atlas."""
    topology = json.loads(ATLAS.read_text("utf-8"))
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantised positions
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)

    def ring(indices: list[int]) -> str:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)  # consecutive arcs share their joining point
        drawn = [_point(lon, lat) for lon, lat in points]
        kept = [p for i, p in enumerate(drawn) if i == 0 or p != drawn[i - 1]]
        return "M" + "L".join(kept) + "Z"

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], []
        )
        path = "".join(ring(r) for polygon in polygons for r in polygon)
        found.append((str(geometry.get("id", "")), geometry["properties"]["name"], path))
    return tuple(found)


@cache
def atlas_countries() -> dict[str, tuple[str, str]]:
    """Each atlas shape's key (ISO numeric code, else its name) → (alpha-2 code, the name longarm shows)."""
    found = {}
    for numeric, shape_name, _path in _countries():
        # The atlas numbers its shapes by ISO numeric code; Kosovo has none and is found by its name.
        if code := country_numbers().get(numeric) or country_code(shape_name):
            found[numeric or shape_name] = (code, country_name(code))
    return found


def world_map(*, hosts: dict[str, int], points: Iterable[tuple[float, float, str]], title: str) -> Markup:
    """Countries shaded by how many incidents they host (alpha-2 code → count); a dot per located incident."""
    most = max(hosts.values(), default=0)
    parts = [
        f'<svg class="svg-map" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f7fafc"/>',
    ]
    for numeric, shape_name, path in _countries():
        code, name = atlas_countries().get(numeric or shape_name, ("", shape_name))
        n = hosts.get(code, 0)
        shade = SHADES[0] if not n else SHADES[1 + min(3, (n * 4 - 1) // most)]
        tip = f"{name}: {n} incident(s)" if n else name
        parts.append(
            f'<path d="{path}" fill="{shade}" stroke="#ffffff" stroke-width="0.4"><title>{escape(tip)}</title></path>'
        )
    for lat, lon, label in points:
        x, y = _point(lon, lat).split(",")
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="2.6" fill="#c53030" stroke="#ffffff" stroke-width="0.6">'
            f"<title>{escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
