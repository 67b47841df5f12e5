"""A folder's `manifest.tsv`: publication date, URL and title for the files an archive holds.

News archives and corpora keep this metadata beside plain-text files that cannot carry it
themselves. The file is tab-separated with a header naming at least `file`; `published`
(YYYY, YYYY-MM or YYYY-MM-DD), `url` and `title` are used when present.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from longarm.errors import BadInput

MANIFEST_NAME = "manifest.tsv"


@dataclass(frozen=True)
class Listing:
    """What a manifest says of one file."""

    published: str | None = None
    url: str | None = None
    title: str | None = None


@lru_cache(maxsize=256)
def _manifest(folder: Path) -> dict[str, Listing]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise BadInput(f"{path}: cannot be read as a tab-separated manifest ({error}).") from None
    if rows and "file" not in rows[0]:
        raise BadInput(f"{path}: the header has no 'file' column.")
    return {
        row["file"]: Listing(row.get("published") or None, row.get("url") or None, row.get("title") or None)
        for row in rows
        if row.get("file")
    }


def listing_for(path: Path) -> Listing | None:
    """The manifest entry for a file, from `manifest.tsv` in the file's own folder, if any."""
    return _manifest(path.parent.resolve()).get(path.name)
