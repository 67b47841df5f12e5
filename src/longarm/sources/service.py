"""Sources: find, create and describe the documents claims cite."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.errors import Conflict, NotFound
from longarm.incidents.schemas import SourceRecord
from longarm.sources.models import Source

_RECORD_FIELDS = ("url", "title", "publisher", "published", "sha256", "kind", "reliability", "stance", "note")


def get_or_raise(*, session: Session, source_id: str) -> Source:
    """The source with this id, or NotFound."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"There is no source {source_id!r}.")
    return source


def by_sha256(*, session: Session, sha256: str) -> Source | None:
    """The source whose stored bytes have this hash, or None."""
    return session.scalars(select(Source).where(Source.sha256 == sha256)).first()


def _url_variants(url: str) -> list[str]:
    """The spellings one address is stored under: http or https, with or without `www.` and a final slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return [
        f"{scheme}://{www}{host}{path}{slash}{query}"
        for scheme in ("https", "http")
        for www in ("", "www.")
        for slash in ("", "/")
    ]


def already_stored(*, session: Session, sha256: str, url: str | None) -> Source | None:
    """The source holding this document already: the same bytes (SHA-256) or the same address, else None."""
    if (same := by_sha256(session=session, sha256=sha256)) is not None:
        return same
    if not url or not url.startswith(("http://", "https://")):
        return None
    return session.scalars(select(Source).where(Source.url.in_(_url_variants(url))).order_by(Source.id)).first()


def upsert_from_record(*, session: Session, record: SourceRecord) -> Source:
    """The source with the record's id, created from the record when new.

    An existing source is kept as it is: an import never rewrites what a source says.
    """
    source = session.get(Source, record.id)
    if source is not None:
        if record.sha256 and source.sha256 and record.sha256 != source.sha256:
            raise Conflict(f"Source {record.id!r} exists with other content (sha256 {source.sha256[:12]}…).")
        return source
    if record.sha256 and (same := by_sha256(session=session, sha256=record.sha256)) is not None:
        raise Conflict(f"Source {record.id!r} has the same sha256 as existing source {same.id!r}.")
    source = Source(**new_row(record))
    session.add(source)
    session.flush()
    return source


def new_row(record: SourceRecord) -> dict[str, Any]:
    """The column values of a new source made from a record."""
    return {"id": record.id, **record.model_dump(mode="json", include=set(_RECORD_FIELDS))}


def to_record(source: Source) -> dict[str, Any]:
    """The source in the export's shape (id, url, title, publisher, published, sha256, and grading)."""
    record: dict[str, Any] = {"id": source.id}
    record.update({name: getattr(source, name) for name in _RECORD_FIELDS})
    return record
