"""The map's markers at a zoom: incidents counted in a grid of cells by the database, a sparse cell sent whole.

At 100,000 incidents the map cannot receive every point; it asks for what its view shows at its
zoom. The grid's cells are about `CELL_PIXELS` wide on screen; a cell holding more than `SPARSE`
incidents comes back as one cluster (its count, centre and extent), a cell of one as that
incident. At `MAX_ZOOM`, the map's deepest, every incident in view comes back as itself (the
page fans out those at one spot).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, func, select
from sqlalchemy.orm import Session

from longarm.incidents import search
from longarm.incidents.filters import BadFilter, IncidentFilters
from longarm.incidents.models import Incident

CELL_PIXELS = 60
SPARSE = 1
MAX_ZOOM = 12


@dataclass(frozen=True)
class Box:
    """A view's bounds in degrees; a view that wraps round the world has no west or east."""

    south: float
    north: float
    west: float | None = None
    east: float | None = None

    @classmethod
    def parse(cls, text: str, *, zoom: int) -> Box:
        """`west,south,east,north` (Leaflet's `toBBoxString`), widened to whole cells: nearby views share an answer."""
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise BadFilter("bbox", "bbox is four numbers: west,south,east,north in degrees.") from None
        if not all(math.isfinite(v) for v in (west, south, east, north)) or south > north or west > east:
            raise BadFilter("bbox", "bbox is west,south,east,north with west ≤ east and south ≤ north.")
        size = cell_degrees(zoom)
        south, north = max(-90.0, math.floor(south / size) * size), min(90.0, math.ceil(north / size) * size)
        if west < -180 or east > 180:
            return cls(south, north)  # a view across the date line: every longitude
        return cls(south, north, math.floor(west / size) * size, math.ceil(east / size) * size)


@dataclass(frozen=True)
class Cluster:
    """A cell's incidents as one marker: how many, their mean position and their extent (west, south, east, north)."""

    count: int
    lat: float
    lon: float
    bounds: tuple[float, float, float, float]


def cell_degrees(zoom: int) -> float:
    """The width of a cell at this zoom, in degrees (a 256-pixel tile spans 360 / 2^zoom)."""
    return 360.0 / float(2**zoom) * CELL_PIXELS / 256


def grid(
    *, session: Session, filters: IncidentFilters, audience: search.Audience, zoom: int, box: Box | None, limit: int
) -> tuple[list[Cluster], list[Incident]]:
    """The clusters of the view's crowded cells, and (at most `limit`) the incidents of its sparse ones."""
    located = search.filtered(session, filters, audience).where(Incident.lat.is_not(None), Incident.lon.is_not(None))
    if box is not None:
        located = located.where(Incident.lat.between(box.south, box.north))
        if box.west is not None and box.east is not None:
            located = located.where(Incident.lon.between(box.west, box.east))
    size = cell_degrees(zoom)
    # Shifted to be positive, a cast is a floor on SQLite; PostgreSQL's rounds, which moves its grid by half
    # a cell: either way a grid, in SQL both understand.
    placed = located.with_only_columns(
        Incident.id,
        Incident.lat,
        Incident.lon,
        cast((Incident.lon + 180) / size, Integer).label("x"),
        cast((Incident.lat + 90) / size, Integer).label("y"),
    ).subquery()
    cells = (
        select(
            placed.c.x,
            placed.c.y,
            func.count().label("n"),
            func.avg(placed.c.lat).label("lat"),
            func.avg(placed.c.lon).label("lon"),
            func.min(placed.c.lon).label("west"),
            func.min(placed.c.lat).label("south"),
            func.max(placed.c.lon).label("east"),
            func.max(placed.c.lat).label("north"),
        )
        .group_by(placed.c.x, placed.c.y)
        .subquery()
    )
    sparse = limit if zoom >= MAX_ZOOM else SPARSE
    counted = session.execute(select(cells).order_by(cells.c.x, cells.c.y)).all()
    clusters = [
        Cluster(int(row.n), float(row.lat), float(row.lon), (row.west, row.south, row.east, row.north))
        for row in counted
        if row.n > sparse
    ]
    if len(clusters) == len(counted):  # no cell sparse enough to send its incidents: no second pass
        return clusters, []
    alone = (
        select(Incident)
        .join(placed, placed.c.id == Incident.id)
        .join(cells, and_(cells.c.x == placed.c.x, cells.c.y == placed.c.y))
        .where(cells.c.n <= sparse)
        .order_by(Incident.date_start, Incident.id)
        .limit(limit)
    )
    return clusters, list(session.scalars(alone))
