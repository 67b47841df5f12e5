"""The report as one self-contained HTML file (styles and drawings inline), and as PDF through Chromium's print."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from longarm.errors import BadInput
from longarm.web.rendering import TEMPLATES, web_url

CHROMIUM = "/usr/bin/chromium"
_ENV = Environment(
    loader=PackageLoader("longarm.reports", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
# The web pages' wording of codes, dates, places and scripts, so a report reads like the site.
_ENV.filters.update(TEMPLATES.env.filters)
_ENV.tests["web_url"] = web_url
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID \[<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>\]")


def report_html(content: dict[str, Any]) -> str:
    """The report as HTML; the same content gives the same text."""
    return _ENV.get_template("report.html").render(**content)


def report_pdf(html: str, *, updated: str | None) -> bytes:
    """Print the HTML with headless Chromium (A4, backgrounds on) and pin what the printer stamps.

    Chromium writes the time of printing and a random document id into every PDF; both are
    replaced, byte for byte, by the record's last change and a hash of the HTML, so the same
    data gives the same file.
    """
    if not Path(CHROMIUM).exists():
        raise BadInput(f"{CHROMIUM} is missing; install Chromium (scripts/system-deps.sh) to write PDF reports.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            pdf = page.pdf(format="A4", print_background=True, margin={"top": "16mm", "bottom": "16mm"})
        finally:
            browser.close()
    stamp = (updated or "1970-01-01").replace("-", "").encode() + b"000000"
    pdf = _PDF_DATE.sub(lambda m: b"/" + m[1] + b" (D:" + stamp, pdf)
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest().upper().encode()
    return _PDF_ID.sub(lambda m: b"/ID [<" + digest[: len(m[1])] + b"> <" + digest[: len(m[2])] + b">]", pdf)
