"""Read a file's bytes into Documents: the plain text analysed and its metadata.

The format is judged from the content (see `longarm.ingestion.formats`); a file's suffix
or a declared Content-Type only decides between text and HTML when the bytes allow both.
A WARC holds many documents: `read_documents` returns them all, while `read_document`
(for callers that expect one) refuses a file that holds more than one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from longarm.errors import BadInput
from longarm.ingestion import formats

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A document's text and metadata; `text` is what evidence offsets point into."""

    path: str
    sha256: str  # of the raw input bytes; for a WARC record, of its HTTP body (see formats.warc)
    text: str
    title: str | None = None
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD as the document gives it
    language: str | None = None
    url: str | None = None
    media_type: str = "text/plain"
    retrieved_at: datetime | None = None  # WARC-Date, or when acquire fetched it
    record_offset: int | None = None  # byte offset of the WARC record in `path`, as CDX indexes give it


def documents_from_bytes(
    data: bytes,
    *,
    name: str,
    url: str | None = None,
    media_type: str | None = None,
    retrieved_at: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Document]:
    """Read every document in `data`; `media_type` is a declared type, a hint only."""
    if len(data) > max_bytes:
        raise BadInput(f"{name}: the file is over the size limit ({len(data)} > {max_bytes} bytes).")
    if not data:
        raise BadInput(f"{name}: the file is empty.")
    hint = (media_type or "").split(";")[0].strip() or PurePosixPath(name).suffix
    return [
        Document(
            path=name,
            sha256=found.payload_sha256 or hashlib.sha256(found.payload).hexdigest(),
            text=found.text,
            title=found.title,
            published=found.published,
            language=found.language,
            url=found.url,
            media_type=found.media_type,
            retrieved_at=found.retrieved_at or retrieved_at,
            record_offset=found.record_offset,
        )
        for found in formats.read(data, name=name, url=url, hint=hint)
    ]


def document_from_bytes(
    data: bytes,
    *,
    name: str,
    url: str | None = None,
    media_type: str | None = None,
    retrieved_at: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read bytes that hold one document; BadInput if they hold several (use `documents_from_bytes`)."""
    documents = documents_from_bytes(
        data, name=name, url=url, media_type=media_type, retrieved_at=retrieved_at, max_bytes=max_bytes
    )
    return _single(documents, name)


def read_documents(path: Path, *, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read every document in a file: one for text, HTML or PDF, one per record for a WARC."""
    return documents_from_bytes(_read_bytes(path, max_bytes), name=str(path), max_bytes=max_bytes)


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read a file that holds one document; BadInput if it holds several (use `read_documents`)."""
    return _single(read_documents(path, max_bytes=max_bytes), str(path))


def _single(documents: list[Document], name: str) -> Document:
    if len(documents) > 1:
        raise BadInput(f"{name}: holds {len(documents)} documents, where one was expected.")
    return documents[0]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    # Check the size before reading, so an oversized file is never loaded into memory.
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"{path}: the file is over the size limit ({size} > {max_bytes} bytes).")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror or error}).") from None
