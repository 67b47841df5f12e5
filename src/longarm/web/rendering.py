"""Templates and what they share: labels for codes, country names, links that keep the filters."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from longarm.auth import web as auth_web
from longarm.auth.permissions import Permission
from longarm.incidents import fields
from longarm.incidents.filters import REGIONS, IncidentFilters
from longarm.incidents.values import DateJson, DateValue, LocationJson, LocationValue
from longarm.names.countries import country_name
from longarm.names.labels import label

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = Jinja2Templates(directory=HERE / "templates")

FIELD_LABELS = {f.name: f.label for f in fields.FIELDS}
# The facets, and the claim fields whose whole value is one, that hold country codes (Cell.country).
COUNTRY_CODED = frozenset(
    name
    for claim_field, cell in fields.cells()
    if cell.country
    for name in (cell.form or cell.csv, *([claim_field.name] if cell.key is None else []))
)


def _facet_titles() -> dict[str, str]:
    """The filter form's facets and their titles, in order: the declared facets, with the region before
    the first country and the people involved after the last."""
    declared = fields.facets()
    countries = [name for name, cell in declared.items() if cell.country]
    titles: dict[str, str] = {}
    for name, cell in declared.items():
        if name == countries[0]:
            titles["region"] = "Region"
        titles[name] = cell.label
        if name == countries[-1]:
            titles["actor"] = "People and agencies involved"
    return titles


FACET_TITLES = _facet_titles()


def date_text(value: DateValue | DateJson | None) -> str:
    """A date value at its precision: `15 December 2015`, `December 2015`, `2015`."""
    if isinstance(value, DateValue):
        value = value.as_json()
    if not value or not value.get("start"):
        return "—"
    start, end, precision = value["start"], value.get("end") or value["start"], value.get("precision") or "day"
    year, month, day = start.split("-")
    months = ("January February March April May June July August September October November December").split()
    if precision == "year":
        return year if start[:4] == end[:4] else f"{year}–{end[:4]}"
    if precision == "month":
        return f"{months[int(month) - 1]} {year}"
    text = f"{int(day)} {months[int(month) - 1]} {year}"
    if end == start:
        return text
    if end[:7] == start[:7]:
        return f"{int(day)}–{int(end[8:10])} {months[int(month) - 1]} {year}"
    return f"{text} – {date_text({'start': end, 'end': end, 'precision': 'day'})}"


def column_date(start: str | None, end: str | None, precision: str | None) -> str:
    """An incident's date columns as text."""
    return date_text({"start": start, "end": end or start, "precision": precision or "day"} if start else None)


def place_text(value: LocationValue | LocationJson | None) -> str:
    """A location value as `Almere, Netherlands`."""
    if not value:
        return "—"
    place, country = (
        (value.place, value.country) if isinstance(value, LocationValue) else (value.get("place"), value.get("country"))
    )
    parts = [place, country_name(country) if country else None]
    return ", ".join(p for p in parts if p) or "—"


def value_text(field: str, value: Any) -> str:
    """Any claim value as one line of text."""
    if value is None:
        return "—"
    if field == "date":
        return date_text(value)
    if field == "location":
        return place_text(value)
    if field in COUNTRY_CODED:
        return country_name(value)
    if field == "victim":
        names = value.get("name") or "unnamed"
        return names + (f" ({', '.join(value['affiliations'])})" if value.get("affiliations") else "")
    if field == "perpetrator":
        return (value.get("name") or value.get("id") or "unknown") + (
            f" — {label(value['degree'])}" if value.get("degree") else ""
        )
    if field == "outcome":
        years = f", {value['years']:g} years" if value.get("years") is not None else ""
        return label(value.get("type")) + years + (f" ({date_text(value['date'])})" if value.get("date") else "")
    return label(value) if field in ("tactic", "status", "attribution") else str(value)


def facet_value(name: str, value: str) -> str:
    """A facet's value as people read it: a country's name, a region's name, a code's label."""
    if name in COUNTRY_CODED:
        return country_name(value)
    if name == "region":
        return REGIONS[value][0] if value in REGIONS else value
    return label(value)


_PERSIAN_LETTERS = frozenset("پچژگکی")


def script_lang(text: Any) -> str:
    """`fa` or `ar` for text in Arabic script (Persian when it uses Persian letters), else empty."""
    value = str(text or "")
    if not any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in value):
        return ""
    return "fa" if _PERSIAN_LETTERS & set(value) else "ar"


def lang_attribute(text: Any) -> Markup:
    """` lang="fa"` (or ar) for a name in Arabic script, so readers and speech pick the right language."""
    code = script_lang(text)
    return Markup(f' lang="{code}"') if code else Markup("")


def claim_value_lang(field: str, value: Any) -> Markup:
    """The lang attribute for a claim value's text."""
    return lang_attribute(value_text(field, value))


@cache
def _digest(relative: str) -> str:
    return hashlib.sha256((STATIC / relative).read_bytes()).hexdigest()[:12]


def asset(path: str) -> str:
    """The URL of a static file with its content hash (`/static/css/app.css?v=1a2b…`), cacheable for a year."""
    relative = path.removeprefix("/static/")
    return f"/static/{relative}?v={_digest(relative)}"


def query_url(path: str, params: list[tuple[str, str]]) -> str:
    """A path with query parameters."""
    return path + ("?" + urlencode(params) if params else "")


def filters_url(path: str, filters: IncidentFilters, **changes: Any) -> str:
    """A link to `path` with the current filters, some changed."""
    return query_url(path, filters.to_params(**changes))


def web_url(url: str | None) -> bool:
    """Whether a stored URL may be a link: http(s) only, never `javascript:` or `data:`."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page, with the principal, permissions and CSRF token every template may use."""
    principal = auth_web.current_principal(request)
    shared = {
        "principal": principal,
        "Permission": Permission,
        "csrf_token": auth_web.csrf_token(request),
        "path": request.url.path,
    }
    return TEMPLATES.TemplateResponse(request, template, {**shared, **context}, status_code=status_code)


TEMPLATES.env.filters.update(
    label=label,
    country=country_name,
    date_text=date_text,
    place=place_text,
    value_text=value_text,
    lang=lang_attribute,
)
TEMPLATES.env.tests["web_url"] = web_url
TEMPLATES.env.globals.update(
    label=label,
    country_name=country_name,
    column_date=column_date,
    field_label=lambda name: FIELD_LABELS.get(name, label(name)),
    filters_url=filters_url,
    facet_value=facet_value,
    facet_titles=FACET_TITLES,
    asset=asset,
    claim_value_lang=claim_value_lang,
    query_url=query_url,
    show=value_text,
)
