"""A per-document budget for extraction: too long a text, or too long a run, ends that document only.

The size is checked before any work; the time with a timer signal that interrupts the
extractor wherever it is (on the main thread, where the commands run it; elsewhere only
the size is checked). Either way the caller gets BadInput with one line naming the
document and the limit, and goes on with the next document.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
from collections.abc import Iterator
from typing import Any

from longarm.config import Settings
from longarm.errors import BadInput


class _OutOfTime(BaseException):
    # A BaseException, so no `except Exception` inside the extractor swallows it.
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signal: int, _frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def _load_extractor() -> None:
    """Load the gazetteer, the actors and the models before any document's clock starts: the first document
    would pay for them otherwise, and a load its deadline cut short would be paid again by the next one."""
    from longarm.ingestion.extract import extract_text

    extract_text("Agents shot dead a journalist in Oslo on 3 May 2021.", published="2021")


def extract_within_budget(document: Any, *, published: str | None, settings: Settings) -> dict[str, Any]:
    """`extract_document` under the settings' size and time limits; BadInput naming the document past either."""
    from longarm.ingestion.extract import extract_document

    size = len(document.text)
    if size > settings.extract_max_chars:
        raise BadInput(
            f"{document.path}: {size:,} characters of text, over the {settings.extract_max_chars:,} that "
            "LONGARM_EXTRACT_MAX_CHARS allows."
        )
    _load_extractor()
    try:
        with _deadline(settings.extract_max_seconds):
            return extract_document(document, published=published)
    except _OutOfTime:
        raise BadInput(
            f"{document.path}: extraction took over {settings.extract_max_seconds:g} s (LONGARM_EXTRACT_MAX_SECONDS)."
        ) from None
