"""The codebook: what each column of a CSV (and each GeoJSON property) means, for people reusing an export."""

from __future__ import annotations

from longarm.incidents import fields

CODEBOOK: dict[str, str] = {
    "id": "The incident's stable identifier; /incidents/{id} shows it with every source.",
    **{cell.csv: cell.meaning for _field, cell in fields.cells()},
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
