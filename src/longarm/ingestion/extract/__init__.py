"""Extract candidate incidents of transnational repression from a document's text, without a statistical model.

    extract_document(document, published="2020-09-01") -> {"document": ..., "incidents": [...], "estimates": [...]}

The pipeline: `reading` finds dates, places, actors, people and cue words sentence by sentence; `assemble`
gathers mentions of acts into incidents; `output` writes the JSON of VOCABULARY.md.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from longarm.ingestion.extract.assemble import assemble
from longarm.ingestion.extract.dates import parse_published
from longarm.ingestion.extract.estimates import find_estimates
from longarm.ingestion.extract.output import incident_json
from longarm.ingestion.extract.reading import read

if TYPE_CHECKING:
    from longarm.ingestion.documents import Document

__all__ = ["extract_document", "extract_text"]

_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|was|that|for|with|his|her|said)\b", re.I)


def _language(text: str) -> str | None:
    """English when its commonest words are frequent; None when the text does not say."""
    words = max(1, len(text.split()))
    return "en" if len(_ENGLISH.findall(text)) / words > 0.08 else None


def extract_text(text: str, *, published: str | None = None) -> tuple[list[dict], list[dict]]:
    """Incidents and estimates in a plain text; relative dates resolve against `published` (YYYY[-MM[-DD]])."""
    reading = read(text, parse_published(published))
    assembled = assemble(reading)
    victims = {v for incident in assembled for v in incident.victims}
    incidents = [incident_json(incident, reading, victims) for incident in assembled]
    estimates = find_estimates([f.sentence for f in reading.facts])
    return incidents, estimates


def extract_document(document: Document, *, published: str | None = None) -> dict:
    """The extract contract for one document; the document's own publication date wins over `published`."""
    when = document.published or published
    incidents, estimates = extract_text(document.text, published=when)
    return {
        "document": {
            "path": document.path,
            "sha256": document.sha256,
            "title": document.title,
            "published": when,
            "language": document.language or _language(document.text),
            "text": document.text,
        },
        "incidents": incidents,
        "estimates": estimates,
    }
