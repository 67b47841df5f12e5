"""Citations of an incident: a footnote, BibTeX, RIS and CSL-JSON, each with the incident's last change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from longarm.incidents.values import DateJson
from longarm.web.rendering import date_text

STYLES = {"text": "Footnote", "bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@dataclass(frozen=True)
class Cited:
    """What every style needs: the incident, where it is, when it last changed and when it was read."""

    id: str
    title: str
    url: str
    event_date: DateJson | None
    modified: datetime
    accessed: date


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + c if c in "{}%&$#_" else c for c in text)


def footnote(cited: Cited) -> str:
    """A citation for a footnote."""
    return (
        f"longarm, “{cited.title}” ({date_text(cited.event_date)}), incident {cited.id}, last changed "
        f"{cited.modified:%d %B %Y}, {cited.url} (accessed {cited.accessed:%d %B %Y})."
    )


def bibtex(cited: Cited) -> str:
    """A BibTeX @misc entry."""
    key = "longarm-" + "".join(c for c in cited.id.lower() if c.isalnum())
    return (
        f"@misc{{{key},\n"
        f"  author = {{{{longarm}}}},\n"
        f"  title = {{{_bibtex_escape(cited.title)}}},\n"
        f"  howpublished = {{\\url{{{cited.url}}}}},\n"
        f"  year = {{{cited.modified:%Y}}},\n"
        f"  date = {{{cited.modified:%Y-%m-%d}}},\n"
        f"  note = {{Incident {_bibtex_escape(cited.id)}, last changed {cited.modified:%Y-%m-%d}, "
        f"accessed {cited.accessed:%Y-%m-%d}}},\n"
        f"  urldate = {{{cited.accessed:%Y-%m-%d}}}\n"
        "}\n"
    )


def ris(cited: Cited) -> str:
    """An RIS record (reference managers: Zotero, EndNote)."""
    lines = [
        ("TY", "DBASE"),
        ("AU", "longarm"),
        ("TI", cited.title),
        ("ID", cited.id),
        ("UR", cited.url),
        ("DA", f"{cited.modified:%Y/%m/%d}"),
        ("Y2", f"{cited.accessed:%Y/%m/%d}"),
        ("N1", f"Last changed {cited.modified:%Y-%m-%d}"),
        ("ER", ""),
    ]
    return "\r\n".join(f"{tag}  - {value}" for tag, value in lines) + "\r\n"


def csl_json(cited: Cited) -> str:
    """A CSL-JSON item (citeproc, Zotero, pandoc)."""

    def parts(moment: date) -> dict[str, Any]:
        return {"date-parts": [[moment.year, moment.month, moment.day]]}

    item = {
        "id": cited.id,
        "type": "dataset",
        "title": cited.title,
        "author": [{"literal": "longarm"}],
        "URL": cited.url,
        "issued": parts(cited.modified),
        "accessed": parts(cited.accessed),
        "note": f"Incident {cited.id}, last changed {cited.modified:%Y-%m-%d}",
    }
    return json.dumps([item], indent=2, ensure_ascii=False) + "\n"


WRITERS = {"text": footnote, "bibtex": bibtex, "ris": ris, "csl-json": csl_json}
MEDIA_TYPES = {
    "text": "text/plain",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "csl-json": "application/vnd.citationstyles.csl+json",
}


def all_styles(cited: Cited) -> dict[str, str]:
    """The citation in every style, keyed like STYLES."""
    return {style: WRITERS[style](cited) for style in STYLES}
