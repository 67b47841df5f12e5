"""PDF: the text layer of every page, through pypdf, with the title and date it declares."""

from __future__ import annotations

import io
from typing import Any

from longarm.errors import BadInput
from longarm.ingestion.formats import Extraction, Format
from longarm.ingestion.formats.text import first_line

# A page break in `text`: a blank line, so that sentences and paragraphs never span pages.
PAGE_BREAK = "\n\n"


def _sniff(head: bytes, hint: str) -> bool:
    # Readers accept the signature anywhere in the first kilobyte (after junk some servers prepend).
    return b"%PDF-" in head[:1024]


def _metadata(reader: Any) -> tuple[str | None, str | None, str | None]:
    # Malformed metadata is common and never a reason to drop the text.
    try:
        info = reader.metadata
        title = str(info.title or "").strip() if info else ""
        created = info.creation_date if info else None
        lang = str(reader.trailer["/Root"].get("/Lang") or "")
    except Exception:  # pypdf raises many types on malformed metadata
        return None, None, None
    published = created.date().isoformat() if created else None
    return title or None, published, lang.split("-")[0].strip().lower() or None


def _read(data: bytes, *, name: str, url: str | None = None) -> list[Extraction]:
    from pypdf import PasswordType, PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted with an empty user password (only editing is locked):
        # every viewer opens them, and so do we. A real password is the user's to remove.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise BadInput(f"{name}: the PDF is protected by a password.")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except BadInput:
        raise
    except Exception as error:  # pypdf raises many types on corrupt files
        raise BadInput(f"{name}: not a readable PDF ({type(error).__name__}: {error}).") from None
    text = PAGE_BREAK.join(page for page in pages if page)
    if not text:
        raise BadInput(f"{name}: the PDF has no text layer (a scan needs OCR first).")
    title, published, language = _metadata(reader)
    return [
        Extraction(
            payload=data,
            text=text,
            media_type="application/pdf",
            title=title or first_line(text),
            published=published,
            language=language,
            url=url,
        )
    ]


FORMAT = Format(name="pdf", sniff=_sniff, read=_read)
