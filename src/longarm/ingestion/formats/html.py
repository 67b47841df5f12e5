"""HTML: the main text and metadata of a page, through trafilatura; visible text as a fallback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from longarm.errors import BadInput
from longarm.ingestion.formats import Extraction, Format
from longarm.ingestion.formats.text import decode_text, first_line, looks_like_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The tags that open an HTML document in the WHATWG MIME sniffing algorithm.
_OPENING = re.compile(
    rb"\s*(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]",
    re.IGNORECASE,
)
_HINTS = frozenset({".html", ".htm", ".xhtml", "text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_INVISIBLE = ("script", "style", "noscript", "template", "head")
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "td")


def _sniff(head: bytes, hint: str) -> bool:
    if _OPENING.match(head):
        return True
    # Text that a name or Content-Type calls HTML is HTML if it holds any markup at all.
    return hint in _HINTS and b"<" in head and looks_like_text(head)


def _parse(markup: str, name: str) -> HtmlElement:
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(markup)
    except (ParserError, ValueError) as error:
        raise BadInput(f"{name}: the HTML cannot be parsed ({error}).") from None


def _language(tree: HtmlElement) -> str | None:
    # trafilatura guesses the language only with an optional model; the page's own
    # declaration is offline and usually right. Keep the primary subtag ("en" of "en-GB").
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return declared.split("-")[0].strip().lower() or None


def _visible_text(tree: HtmlElement) -> str:
    # For pages trafilatura finds no article in (fragments, truncated files): every
    # visible string, with a line break after each block so words do not run together.
    for element in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        element.drop_tree()
    for element in tree.xpath("|".join(f"//{tag}" for tag in _BLOCKS)):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _read(data: bytes, *, name: str, url: str | None = None) -> list[Extraction]:
    import trafilatura

    charset = _META_CHARSET.search(data[:4096])
    markup = decode_text(data, declared=charset.group(1).decode("ascii") if charset else None)
    if not markup.strip():
        raise BadInput(f"{name}: the file holds no text.")
    tree = _parse(markup, name)
    page_title = (tree.findtext(".//title") or "").strip() or None
    language = _language(tree)
    found = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    # Typed as a union because of the deprecated `as_dict=True`, which is not used here.
    metadata = found.as_dict() if found is not None and not isinstance(found, dict) else {}
    text = metadata.get("text") or _visible_text(tree)
    if not text.strip():
        raise BadInput(f"{name}: the HTML holds no visible text.")
    return [
        Extraction(
            payload=data,
            text=text,
            media_type="text/html",
            title=metadata.get("title") or page_title or first_line(text),
            published=metadata.get("date"),
            language=metadata.get("language") or language,
            url=url or metadata.get("url"),
        )
    ]


FORMAT = Format(name="html", sniff=_sniff, read=_read)
