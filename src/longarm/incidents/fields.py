"""The claim fields of an incident, declared once: every other place reads this list.

A field is what a source can claim about an incident (its tactic, its date, a victim).
Each declaration says what one value looks like and how it is checked, where it goes in
the published record, and how it lies flat: in the incidents table's columns, in the CSV
export's columns and in the edit form's inputs (a date is three of each). Adding a field
is one declaration here and a migration for its columns; resolution, the records, the
CSV, the importer, the edit form, candidates, labels and facets follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from longarm.incidents.list_codes import outcome_code, outcome_item, perpetrator_item, victim_item
from longarm.incidents.values import (
    AttributionValue,
    DateValue,
    LocationValue,
    OutcomeValue,
    PerpetratorValue,
    VictimValue,
    country_value,
    model_value,
    scalar_value,
)
from longarm.incidents.vocabulary import AttributionBasis, DatePrecision, GeoPrecision, Status, Tactic
from longarm.names.countries import check_country

Widget = Literal["text", "number", "choice"]
# Form inputs gather into these groups, in this order, on the edit page.
Group = Literal["what", "when", "where"]


@dataclass(frozen=True)
class Cell:
    """One flat part of a value: a column of the incidents table, a CSV column, an edit-form input.

    `key` is the part's key inside a structured value (a date's `start`); None for a plain value.
    """

    key: str | None
    column: str | None
    csv: str
    form: str | None
    label: str
    meaning: str  # the codebook's sentence about the CSV column
    widget: Widget = "text"
    choices: type[StrEnum] | None = None
    hint: str = ""
    whole: bool = False  # a number input that takes whole numbers only
    facet: bool = False  # a facet and filter of the incident list, counted on `column`
    country: bool = False  # its values are ISO 3166-1 alpha-2 codes, which people read as country names


@dataclass(frozen=True)
class ClaimField:
    """One thing a source can claim about an incident, and every place it appears."""

    name: str  # the claim's `field` ("victim")
    label: str
    description: str
    value_type: Any  # the type of one value in the published record
    check: Callable[[Any], Any]  # validates a claim's value, returning its stored JSON form
    record_type: Any = None  # its type in the published record when not `value_type | None`
    record_key: str = ""  # its key in the published record; the name when empty
    many: bool = False  # a list field: every item any claim names is kept
    wrap: str | None = None  # the record holds {wrap: value} (attribution: {"basis": ...})
    cells: tuple[Cell, ...] = ()
    group: Group | None = None  # its place on the edit form; None: not edited there
    required: bool = False  # the edit form refuses an empty value
    default: Any = None  # the record's value when no claim gives one
    csv_code: Callable[[Any], str] | None = None  # a list field's item as a CSV code
    csv_item: Callable[[str], Any] | None = None  # and back

    @property
    def key(self) -> str:
        """The field's key in the published record (`victims` for `victim`)."""
        return self.record_key or self.name

    def record_value(self, value: Any) -> Any:
        """A claim's value as the record holds it (attribution's basis inside its object)."""
        return {self.wrap: value} if self.wrap and value is not None else value

    def claim_values(self, stated: Any) -> list[Any]:
        """The values a record's (JSON) entry for this field states, in claim form."""
        items = (stated or []) if self.many else [stated]
        if self.wrap:
            items = [item.get(self.wrap) if isinstance(item, Mapping) else None for item in items]
        return [item for item in items if item not in (None, "")]

    def columns(self, value: Any) -> dict[str, Any]:
        """The incidents table's columns for a shown value (None in each when there is none)."""
        return {cell.column: _part(value, cell.key) for cell in self.cells if cell.column}

    def from_columns(self, row: Any) -> Any:
        """The shown value rebuilt from an incident's columns, or a mapping of them (None when they are empty)."""
        parts = {cell.key: _column(row, cell.column) for cell in self.cells if cell.column}
        if None in parts:
            return parts[None]
        return parts if any(v is not None for v in parts.values()) else None

    def csv_cells(self, stated: Any) -> dict[str, Any]:
        """The CSV columns of a record's (JSON) entry for this field."""
        if self.many:
            codes = [self.csv_code(item) for item in stated or []] if self.csv_code else []
            return {self.cells[0].csv: codes}
        value = stated.get(self.wrap) if self.wrap and stated else stated
        return {cell.csv: _part(value, cell.key) for cell in self.cells}

    def from_csv(self, row: Mapping[str, Any]) -> Any:
        """The record's entry for this field from a CSV row's cells (items split already for a list)."""
        if self.many:
            assert self.csv_item is not None
            return [self.csv_item(item) for item in row.get(self.cells[0].csv) or []]
        parts = {cell.key: row.get(cell.csv) or None for cell in self.cells}
        if None in parts:
            return self.record_value(parts[None])
        return parts if any(v is not None for v in parts.values()) else None


def _column(row: Any, column: str) -> Any:
    return row.get(column) if isinstance(row, Mapping) else getattr(row, column, None)


def _part(value: Any, key: str | None) -> Any:
    if key is None:
        return value
    return value.get(key) if isinstance(value, Mapping) else None


def _code_cell(name: str, label: str, vocabulary: type[StrEnum], meaning: str, **more: Any) -> Cell:
    return Cell(None, name, name, name, label, meaning, widget="choice", choices=vocabulary, **more)


FIELDS: list[ClaimField] = [
    ClaimField(
        "title",
        "Title",
        "A short description of the incident.",
        str,
        scalar_value(str),
        cells=(
            Cell(
                None,
                "title",
                "title",
                "title",
                "Title",
                "A short description chosen from the claims (wording, never a factual conflict).",
            ),
        ),
        group="what",
        required=True,
        default="",
    ),
    ClaimField(
        "tactic",
        "Tactic",
        "What was done to the target (Freedom House codebook).",
        Tactic,
        scalar_value(Tactic),
        cells=(
            _code_cell(
                "tactic",
                "Tactic",
                Tactic,
                "What was done: killing, assault, abduction, detention, deportation, surveillance, threat, "
                "coercion_by_proxy, digital_attack, legal_harassment or other (docs/model.md).",
                facet=True,
            ),
        ),
        group="what",
    ),
    ClaimField(
        "status",
        "Status",
        "Whether the act happened.",
        Status,
        scalar_value(Status),
        cells=(_code_cell("status", "Status", Status, "completed, attempted, foiled or alleged.", facet=True),),
        group="what",
    ),
    ClaimField(
        "date",
        "Date",
        "When it happened: a range of days at a stated precision.",
        DateValue,
        model_value(DateValue),
        cells=(
            Cell(
                "start",
                "date_start",
                "date_start",
                "date_start",
                "Start",
                "First day the date can be (YYYY-MM-DD).",
                hint="YYYY-MM-DD",
            ),
            Cell(
                "end",
                "date_end",
                "date_end",
                "date_end",
                "End",
                "Last day the date can be; a year-only date runs from 1 January to 31 December.",
                hint="YYYY-MM-DD; the start when empty",
            ),
            Cell(
                "precision",
                "date_precision",
                "date_precision",
                "date_precision",
                "Precision",
                "day, month or year: how precisely the sources date it. Read 1992-01-01/year as '1992'.",
                "choice",
                DatePrecision,
            ),
        ),
        group="when",
    ),
    ClaimField(
        "location",
        "Place",
        "Where it happened (not where the victim lived).",
        LocationValue,
        model_value(LocationValue),
        cells=(
            Cell(
                "place",
                "place",
                "place",
                "place",
                "Place",
                "Town or city where it happened (not where the victim lived).",
            ),
            Cell(
                "country",
                "country",
                "country",
                "country",
                "Host country",
                "ISO 3166-1 alpha-2 code of the host country, where it happened.",
                hint="ISO code, e.g. NL",
                facet=True,
                country=True,
            ),
            Cell(
                "lat",
                "lat",
                "lat",
                "lat",
                "Latitude",
                "Latitude (WGS 84) at the precision below; empty when no source places it.",
                "number",
            ),
            Cell("lon", "lon", "lon", "lon", "Longitude", "Longitude (WGS 84) at the precision below.", "number"),
            Cell(
                "precision",
                "geo_precision",
                "location_precision",
                "geo_precision",
                "Precision",
                "city, region or country: how precisely the coordinates place it.",
                "choice",
                GeoPrecision,
            ),
        ),
        group="where",
    ),
    ClaimField(
        "origin_state",
        "Origin state",
        "The state the sources hold responsible (ISO 3166-1 alpha-2).",
        str,
        country_value,
        record_type=Annotated[str | None, AfterValidator(check_country)],
        cells=(
            Cell(
                None,
                "origin_state",
                "origin_state",
                "origin_state",
                "Origin state",
                "ISO 3166-1 alpha-2 code of the state the sources hold responsible.",
                hint="ISO code of the state held responsible, e.g. IR",
                facet=True,
                country=True,
            ),
        ),
        group="what",
    ),
    ClaimField(
        "fatalities",
        "Fatalities",
        "People killed.",
        Annotated[int, Field(ge=0)],
        scalar_value(Annotated[int, Field(ge=0)]),
        cells=(
            Cell(
                None,
                "fatalities",
                "fatalities",
                "fatalities",
                "Fatalities",
                "People killed; empty when no source gives a number.",
                "number",
                whole=True,
            ),
        ),
        group="what",
    ),
    ClaimField(
        "attribution",
        "Attribution",
        "How strongly the origin state's responsibility is established.",
        AttributionValue,
        scalar_value(AttributionBasis),
        wrap="basis",
        cells=(
            Cell(
                None,
                "attribution_basis",
                "attribution_basis",
                "attribution",
                "Attribution basis",
                "What the "
                "attribution to the origin state rests on, strongest first: court_ruling, official, indictment, "
                "reporting, allegation or none.",
                "choice",
                AttributionBasis,
                facet=True,
            ),
        ),
        group="what",
    ),
    ClaimField(
        "victim",
        "Victim",
        "A person targeted (or an unnamed group with its affiliations).",
        VictimValue,
        model_value(VictimValue),
        record_key="victims",
        many=True,
        cells=(
            Cell(
                None,
                None,
                "victims",
                None,
                "Victims",
                "People targeted, '; '-separated: Name [affiliation, affiliation].",
            ),
        ),
        csv_code=lambda v: f"{v.get('name') or ''} [{', '.join(v.get('affiliations') or [])}]",
        csv_item=victim_item,
    ),
    ClaimField(
        "perpetrator",
        "Perpetrator",
        "An agency or person held responsible, with a known actor's id when there is one.",
        PerpetratorValue,
        model_value(PerpetratorValue),
        record_key="perpetrators",
        many=True,
        cells=(
            Cell(
                None,
                None,
                "perpetrators",
                None,
                "Perpetrators",
                "Those held responsible, '; '-separated: Name [actor id, kind].",
            ),
        ),
        csv_code=lambda p: f"{p.get('name') or ''} [{p.get('id') or ''}, {p.get('kind')}]",
        csv_item=perpetrator_item,
    ),
    ClaimField(
        "outcome",
        "Outcome",
        "What followed: an arrest, a charge, a sentence (with years)...",
        OutcomeValue,
        model_value(OutcomeValue),
        record_key="outcomes",
        many=True,
        cells=(
            Cell(
                None,
                None,
                "outcomes",
                None,
                "Outcomes",
                "What followed, '; '-separated: type [years=N, date=start..end/precision].",
            ),
        ),
        csv_code=outcome_code,
        csv_item=outcome_item,
    ),
]
"""Every claim field: single values first, then lists (the order of claims made from a record and of CSV columns)."""

# The published record has always listed its people and outcomes right after the origin state.
_LISTS_AFTER = "origin_state"


def record_order() -> list[ClaimField]:
    """The claim fields in the published record's order."""
    scalars, lists = scalar_fields(), list_fields()
    cut = next((n + 1 for n, f in enumerate(scalars) if f.name == _LISTS_AFTER), len(scalars))
    return [*scalars[:cut], *lists, *scalars[cut:]]


def scalar_fields() -> list[ClaimField]:
    """The single-valued fields, in order."""
    return [f for f in FIELDS if not f.many]


def list_fields() -> list[ClaimField]:
    """The list fields (victims, perpetrators, outcomes), in order."""
    return [f for f in FIELDS if f.many]


# Every claim of every record is checked through its field: a lookup, not a walk of the list.
_BY_NAME: dict[str, ClaimField] = {}


def by_name(name: str) -> ClaimField | None:
    """The field a claim names, or None."""
    if len(_BY_NAME) != len(FIELDS):  # first use, or a field declared since
        _BY_NAME.clear()
        _BY_NAME.update((f.name, f) for f in FIELDS)
    return _BY_NAME.get(name)


def cells() -> Iterator[tuple[ClaimField, Cell]]:
    """Every field's cells, in order."""
    return ((f, cell) for f in FIELDS for cell in f.cells)


def facets() -> dict[str, Cell]:
    """Facet (and filter) name → its cell, in order."""
    return {cell.form or cell.csv: cell for _f, cell in cells() if cell.facet}


def facet_columns() -> dict[str, str]:
    """Facet (and filter) name → the incidents table's column it counts."""
    return {name: cell.column for name, cell in facets().items() if cell.column}
