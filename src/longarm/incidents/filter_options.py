"""The web list's filters as command-line options, declared once for `export`, `stats` and `report`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from longarm.incidents.filters import IncidentFilters

Words = Annotated[str, typer.Option("--q", help="Words to find, as in the web list's search box.")]
Tactics = Annotated[list[str], typer.Option("--tactic", help="A tactic code; repeat for several.")]
Statuses = Annotated[list[str], typer.Option("--status", help="completed, attempted, foiled or alleged.")]
Countries = Annotated[list[str], typer.Option("--country", help="ISO code of the host country.")]
Regions = Annotated[list[str], typer.Option("--region", help="Region of the host country, e.g. europe.")]
Origins = Annotated[list[str], typer.Option("--origin-state", help="ISO code of the state held responsible.")]
Attributions = Annotated[list[str], typer.Option("--attribution", help="Attribution basis, e.g. court_ruling.")]
Actors = Annotated[list[str], typer.Option("--actor", help="An actor id: incidents it took part in.")]
YearFrom = Annotated[str, typer.Option("--year-from", help="First year, inclusive.")]
YearTo = Annotated[str, typer.Option("--year-to", help="Last year, inclusive.")]


def list_filters(options: Mapping[str, object]) -> IncidentFilters:
    """The list's filters from a command's options (its `locals()`, named as IncidentFilters; others are ignored)."""
    from longarm.incidents.filters import IncidentFilters

    return IncidentFilters.parse({k: v if isinstance(v, list) else [str(v)] for k, v in options.items()})
