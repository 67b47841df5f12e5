"""Plain text: UTF-8 (or UTF-16 with a BOM), falling back to cp1252 only for bytes that read as text."""

from __future__ import annotations

import codecs

from longarm.errors import BadInput
from longarm.ingestion.formats import Extraction, Format

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")
# Share of control characters above which decoded bytes are binary, not text: real text
# has none, but a stray control byte in a long file should not reject it.
_MAX_CONTROL_SHARE = 0.01
_TITLE_LENGTH = 200


def _bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _control_share(text: str) -> float:
    controls = sum(1 for char in text if (char < " " and char not in _WHITESPACE_CONTROLS) or "\x7f" <= char <= "\x9f")
    return controls / max(len(text), 1)


def _single_byte(data: bytes) -> str:
    # cp1252 is what unlabelled non-UTF-8 Western text almost always is; latin-1 takes the
    # five bytes cp1252 leaves undefined, and those then count as control characters.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_like_text(head: bytes) -> bool:
    """Whether leading bytes are text in a BOM-marked encoding, UTF-8 or cp1252."""
    if not head:
        return False
    if _bom_encoding(head):
        return True
    if b"\x00" in head:
        return False
    # The sample may end inside a multi-byte character, so decode incrementally.
    try:
        sample = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        sample = _single_byte(head)
    return _control_share(sample) <= _MAX_CONTROL_SHARE


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then UTF-8, then a declared charset, then cp1252 or latin-1."""
    bom = _bom_encoding(data)
    if bom:
        text = data.decode(bom, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_declared(data, declared) or _single_byte(data)
    # Offsets index this text, so line ends are made uniform once, here.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def first_line(text: str) -> str | None:
    """The first non-empty line of a text, shortened to a title's length."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return line[:_TITLE_LENGTH] if line else None


def _read(data: bytes, *, name: str, url: str | None = None) -> list[Extraction]:
    text = decode_text(data)
    if not text.strip():
        raise BadInput(f"{name}: the file holds no text.")
    return [Extraction(payload=data, text=text, media_type="text/plain", title=first_line(text), url=url)]


FORMAT = Format(name="text", sniff=lambda head, hint: looks_like_text(head), read=_read)
