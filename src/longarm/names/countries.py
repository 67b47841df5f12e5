"""Countries by ISO 3166-1 alpha-2 code: the one English name shown everywhere, and the code of a name.

pycountry supplies the codes and names; `data/places.json` adds the names people use
(Russia, Turkey, Ivory Coast) and the user-assigned code in wide use, Kosovo's XK (EU,
geonames, passports of Kosovo). The extractor, the web, exports, reports and statistics
all name a country here, so one country never reads two ways.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _common_names() -> dict[str, list[str]]:
    """The shipped table: code → the names people use, the one to show first."""
    data = json.loads(resources.files("longarm.data").joinpath("places.json").read_text(encoding="utf-8"))
    countries: dict[str, list[str]] = data["countries"]
    return countries


@cache
def country_display_names() -> dict[str, str]:
    """A short English name for each ISO code (`RU` → `Russia`, `XK` → `Kosovo`)."""
    import pycountry  # loaded on first use: most commands never name a country

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for code, aliases in _common_names().items():
        names[code] = aliases[0]
    return names


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
    for code, aliases in _common_names().items():
        for alias in aliases:
            names[alias.lower()] = code
    return names


def country_name(code: str | None) -> str:
    """The English name of an alpha-2 code; the code itself when unknown, `—` when there is none."""
    if not code:
        return "—"
    return country_display_names().get(code.upper(), code)


def country_code(name: str) -> str | None:
    """The alpha-2 code of a country's name, alias, alpha-2, alpha-3 or numeric code (`Russia` → `RU`), or None."""
    import pycountry

    text = name.strip()
    if not text:
        return None
    if code := country_names().get(text.lower()):
        return code
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def check_country(code: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case, or an error naming the bad code."""
    if code is None or code == "":
        return None
    if code.upper() not in country_display_names():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code.upper()


@cache
def country_numbers() -> dict[str, str]:
    """ISO numeric code → alpha-2 code (`528` → `NL`), as world maps number their shapes."""
    import pycountry

    return {c.numeric: c.alpha_2 for c in pycountry.countries}
