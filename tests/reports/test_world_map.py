"""The report's world map names and shades countries as the rest of longarm does."""

from __future__ import annotations

from longarm.reports.world_map import atlas_countries, world_map


def test_shapes_carry_longarm_names_and_kosovo_is_found_by_name() -> None:
    shapes = atlas_countries()
    assert shapes["643"] == ("RU", "Russia")
    assert shapes["Kosovo"] == ("XK", "Kosovo")  # the atlas gives Kosovo no numeric code


def test_a_host_country_is_shaded_and_named() -> None:
    svg = str(world_map(hosts={"XK": 2, "CZ": 1}, points=[], title="Hosts"))
    assert "<title>Kosovo: 2 incident(s)</title>" in svg
    assert "<title>Czech Republic: 1 incident(s)</title>" in svg
    assert "Czechia" not in svg
