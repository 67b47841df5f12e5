"""WARC (plain or .warc.gz): one document per successful HTML, text or PDF response record.

Each document's `payload`, and so its SHA-256, is the HTTP body of its record as a client
receives it: chunked transfer and Content-Encoding undone. Those are the bytes
`acquire.fetch_url` would return for the same URL, so a page hashes alike however it came.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from longarm.errors import BadInput
from longarm.ingestion.formats import Extraction, Format

_GZIP_MAGIC = b"\x1f\x8b"
_PAYLOAD_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/pdf"})
# Records are compressed one by one, so a small file can hold huge bodies (a decompression
# bomb): each body and their sum are capped (LONGARM_WARC_MAX_RECORD_BYTES and _TOTAL_BYTES),
# and each body is dropped once read and hashed, so one record at a time is in memory.


def _sniff(head: bytes, hint: str) -> bool:
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _retrieved_at(record: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(record.rec_headers.get_header("WARC-Date") or "")
    except ValueError:
        return None


def _responses(data: bytes, name: str) -> Iterator[tuple[Any, int, bytes, str]]:
    """Yield (record, offset, body, media type) for each response worth reading, within the caps."""
    from warcio.archiveiterator import ArchiveIterator

    from longarm.config import load_settings

    settings = load_settings()
    per_record, total, read = settings.warc_max_record_bytes, settings.warc_max_total_bytes, 0
    try:
        records = ArchiveIterator(io.BytesIO(data))
        for record in records:
            http = record.http_headers
            # A record cut short can lack its status line: read it as not successful.
            if record.rec_type != "response" or http is None or not (http.get_statuscode() or "").startswith("2"):
                continue
            media_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if media_type not in _PAYLOAD_TYPES:
                continue
            body = record.content_stream().read(min(per_record, total - read) + 1)
            read += len(body)
            if len(body) > per_record:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                raise BadInput(
                    f"{name}: the response for {uri} is over {per_record:,} bytes (LONGARM_WARC_MAX_RECORD_BYTES)."
                )
            if read > total:
                raise BadInput(
                    f"{name}: its responses decompress to over {total:,} bytes (LONGARM_WARC_MAX_TOTAL_BYTES)."
                )
            yield record, records.get_record_offset(), body, media_type
    except BadInput:
        raise
    except Exception as error:  # warcio raises many types (even AttributeError) on cut or corrupt files
        raise BadInput(f"{name}: not a readable WARC ({type(error).__name__}: {error}).") from None


def _read(data: bytes, *, name: str, url: str | None = None) -> list[Extraction]:
    # Imported here: this package's registry lists this module.
    from longarm.ingestion.formats import detect

    documents: list[Extraction] = []
    problems: list[str] = []
    for record, offset, body, media_type in _responses(data, name):
        uri = record.rec_headers.get_header("WARC-Target-URI")
        label = f"{name} at offset {offset} ({uri})"
        # A crawl holds pages with no text (empty bodies, script-only shells): skip them
        # rather than lose the rest of the archive, and report them only if nothing is left.
        try:
            found = detect(body, name=label, hint=media_type)
            if found.name == "warc":
                raise BadInput(f"{label}: a WARC inside a WARC is not read.")
            extractions = found.read(body, name=label, url=uri)
        except BadInput as error:
            problems.append(str(error))
            continue
        digest = hashlib.sha256(body).hexdigest()
        documents += [
            dataclasses.replace(
                extraction,
                payload=b"",
                payload_sha256=digest,
                url=uri,
                retrieved_at=_retrieved_at(record),
                record_offset=offset,
            )
            for extraction in extractions
        ]
    if not documents:
        detail = f" ({problems[0].rstrip('.')})" if problems else ""
        raise BadInput(f"{name}: the WARC holds no readable HTML, text or PDF response{detail}.")
    return documents


FORMAT = Format(name="warc", sniff=_sniff, read=_read)
