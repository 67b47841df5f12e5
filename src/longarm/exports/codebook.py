"""The codebook: what each column of a CSV (and each GeoJSON property) means, for people reusing an export."""

from __future__ import annotations

CODEBOOK: dict[str, str] = {
    "id": "The incident's stable identifier; /incidents/{id} shows it with every source.",
    "title": "A short description chosen from the claims (wording, never a factual conflict).",
    "tactic": "What was done: killing, assault, abduction, detention, deportation, surveillance, threat, "
    "coercion_by_proxy, digital_attack, legal_harassment or other (docs/model.md).",
    "status": "completed, attempted, foiled or alleged.",
    "date_start": "First day the date can be (YYYY-MM-DD).",
    "date_end": "Last day the date can be; a year-only date runs from 1 January to 31 December.",
    "date_precision": "day, month or year: how precisely the sources date it. Read 1992-01-01/year as '1992'.",
    "place": "Town or city where it happened (not where the victim lived).",
    "country": "ISO 3166-1 alpha-2 code of the host country, where it happened.",
    "lat": "Latitude (WGS 84) at the precision below; empty when no source places it.",
    "lon": "Longitude (WGS 84) at the precision below.",
    "location_precision": "city, region or country: how precisely the coordinates place it.",
    "origin_state": "ISO 3166-1 alpha-2 code of the state the sources hold responsible.",
    "fatalities": "People killed; empty when no source gives a number.",
    "attribution_basis": "What the attribution to the origin state rests on, strongest first: court_ruling, "
    "official, indictment, reporting, allegation or none.",
    "victims": "People targeted, '; '-separated: Name [affiliation, affiliation].",
    "perpetrators": "Those held responsible, '; '-separated: Name [actor id, kind].",
    "outcomes": "What followed, '; '-separated: type [years=N, date=start..end/precision].",
    "sensitivity": "public, or restricted (only in exports made by a trusted role).",
    "publication_state": "published, or draft (only in exports made by a trusted role).",
    "source_ids": "The cited sources' identifiers, '; '-separated; /sources/{id} describes each.",
    "source_urls": "Their addresses, in the same order.",
    "source_titles": "Their titles, in the same order.",
    "source_publishers": "Their publishers, in the same order.",
    "source_published": "Their publication dates, in the same order.",
    "source_sha256": "SHA-256 of each stored snapshot, so a reader can check the document cited.",
}


def codebook_csv() -> str:
    """The codebook itself as a two-column CSV (column, meaning)."""
    lines = ["column,meaning"]
    lines += [f'{name},"{text.replace(chr(34), chr(34) * 2)}"' for name, text in CODEBOOK.items()]
    return "\r\n".join(lines) + "\r\n"
