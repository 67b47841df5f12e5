"""Readers of document formats, chosen by what the bytes are rather than what the name says.

Each format is a module with a `FORMAT`; add a format by writing a module and listing its
`FORMAT` in `FORMATS`. Order is precedence: binary signatures first, plain text last, so a
file is read as text only when nothing more specific recognises it. Readers import their
heavy libraries (trafilatura, pypdf, warcio) inside `read`, to keep the CLI's start fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from longarm.errors import BadInput

SNIFF_BYTES = 4096  # enough for every signature and for judging whether bytes are text


@dataclass(frozen=True)
class Extraction:
    """What a reader found in one document of a file, before it becomes a `Document`."""

    payload: bytes  # the bytes this document was read from; its SHA-256 identifies it
    text: str
    media_type: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    retrieved_at: datetime | None = None
    record_offset: int | None = None
    # Set by readers that drop `payload` once hashed (WARC records), so a file's bodies are not all held at once.
    payload_sha256: str | None = None


@dataclass(frozen=True)
class Format:
    """A readable format: how to recognise its bytes and how to read them."""

    name: str
    # sniff(head, hint): does this format claim these leading bytes? `hint` is the file's
    # lower-cased suffix (".html") or a declared media type ("text/html"), possibly "".
    sniff: Callable[[bytes, str], bool]
    # read(data, name=..., url=...): the documents in the bytes; raises BadInput naming `name`.
    read: Callable[..., list[Extraction]]


def _formats() -> tuple[Format, ...]:
    # Imported here because the format modules import `Extraction` from this package.
    from longarm.ingestion.formats import html, pdf, text, warc

    return (pdf.FORMAT, warc.FORMAT, html.FORMAT, text.FORMAT)


def detect(data: bytes, *, name: str, hint: str = "") -> Format:
    """Return the format of `data`, judged from its content, or raise BadInput."""
    head = data[:SNIFF_BYTES]
    for candidate in _formats():
        if candidate.sniff(head, hint.lower()):
            return candidate
    raise BadInput(f"{name}: not a readable document (neither text, HTML, PDF nor WARC).")


def read(data: bytes, *, name: str, url: str | None = None, hint: str = "") -> list[Extraction]:
    """Detect the format of `data` and read every document it holds."""
    return detect(data, name=name, hint=hint).read(data, name=name, url=url)
