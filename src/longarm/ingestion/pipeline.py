"""`longarm ingest`: store each document once, extract its incidents, queue them as linked candidates.

Each document is one transaction: its source, candidates and claims commit together or
not at all, so a crash or kill leaves no half-ingested document; the bytes are stored
first, by hash, which a re-run simply finds again. A document whose SHA-256 or URL is
already a source is skipped. Once the batch is in, one more transaction links it: every
pending candidate is ranked against the store and, with --auto-merge, clustered and
decided together (`review/clusters.py`), so the order of the files does not matter.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine

from longarm import __version__
from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.auth.permissions import Permission, Principal
from longarm.config import Settings, load_settings
from longarm.errors import BadInput, LongarmError
from longarm.incidents.schemas import ExtractedIncident
from longarm.ingestion.budget import extract_within_budget
from longarm.ingestion.documents import MAX_BYTES, Document, documents_from_bytes
from longarm.ingestion.manifest import listing_for
from longarm.review import service as review
from longarm.sources import service as sources
from longarm.sources.evidence import EvidenceStore
from longarm.sources.models import Source
from longarm.storage.engine import transaction

EXTRACTOR = f"longarm-extract {__version__}"


@dataclass
class IngestReport:
    """What a batch did, document by document."""

    documents: int = 0
    skipped: int = 0
    candidates: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """URLs as given; folders walked and globs expanded into files, in a stable order."""
    for item in inputs:
        if item.startswith(("http://", "https://")):
            yield item
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise BadInput(f"{item}: the pattern matches no file.")
            yield from (m for m in matches if _is_regular_file(Path(m)))
        elif Path(item).is_dir():
            yield from (str(p) for p in _regular_files(Path(item)) if _is_document_name(p.name))
        else:
            yield item


def _is_regular_file(path: Path) -> bool:
    # A link in a walked folder could point anywhere (the key file): only regular files are read.
    return path.is_file() and not path.is_symlink()


def _regular_files(folder: Path) -> list[Path]:
    """The regular files inside the folder, in a stable order; links to files or folders are not followed."""
    found = []
    for root, _folders, files in os.walk(folder):  # os.walk does not enter linked folders
        found += [Path(root) / name for name in files if _is_regular_file(Path(root) / name)]
    return sorted(found)


# A walked folder yields the files that hold documents, not manifests, annotations or notes beside them.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".warc", ".warc.gz", ".arc")


def _is_document_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(DOCUMENT_SUFFIXES)


def _with_listing(document: Document, item: str) -> tuple[Document, str | None]:
    """The document with what its folder's manifest.tsv says of it, and that publication date."""
    if item.startswith(("http://", "https://")):
        return document, None
    listing = listing_for(Path(item))
    if listing is None:
        return document, None
    changed = replace(
        document,
        url=document.url or listing.url,
        title=listing.title or document.title,
        published=document.published or listing.published,
    )
    return changed, listing.published


def _read(item: str, *, fetch: Callable[[str], tuple[bytes, list[Document]]] | None) -> tuple[bytes, list[Document]]:
    if item.startswith(("http://", "https://")):
        if fetch is None:
            raise BadInput(f"{item}: fetching URLs is not enabled here.")
        return fetch(item)
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(f"{item}: the file has {size:,} bytes, over the {MAX_BYTES:,}-byte limit.")
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"{item}: cannot be read ({error.strerror}).") from None
    return data, documents_from_bytes(data, name=item)


def fetch_document(url: str) -> tuple[bytes, list[Document]]:
    """Fetch a URL within the configured limits, refusing internal addresses."""
    from longarm.config import load_settings
    from longarm.ingestion.acquire import fetch_url

    settings = load_settings()
    fetched = fetch_url(url, max_bytes=settings.fetch_max_bytes, timeout=settings.fetch_timeout_seconds)
    documents = documents_from_bytes(
        fetched.content,
        name=fetched.url,
        url=fetched.url,
        media_type=fetched.content_type,
        retrieved_at=fetched.retrieved_at,
    )
    return fetched.content, documents


def ingest_document(
    *,
    engine: Engine,
    store: EvidenceStore,
    document: Document,
    snapshot_sha256: str,
    principal: Principal,
    published: str | None,
    settings: Settings,
) -> int | None:
    """Extract one document into candidates in one transaction; None when it was ingested before."""
    with transaction(engine) as session:
        if sources.already_stored(session=session, sha256=document.sha256, url=document.url) is not None:
            return None
        extracted = extract_within_budget(document, published=published, settings=settings)
        source = Source(
            url=document.url,
            title=document.title or Path(document.path).name,
            published=document.published or published,
            retrieved_at=document.retrieved_at,
            sha256=document.sha256,
            snapshot_sha256=snapshot_sha256,
            media_type=document.media_type,
            language=document.language,
            ingested_by=principal.label,
        )
        session.add(source)
        session.flush()
        # the acts told in passing after the incidents: they join an incident another report tells, never found one
        for index, incident in enumerate([*extracted["incidents"], *extracted["in_passing"]]):
            extracted_incident = ExtractedIncident.model_validate(incident)
            review.queue(session=session, source=source, incident=extracted_incident, index=index, made_by=EXTRACTOR)
        record_event(
            session=session,
            actor=principal.label,
            action=AuditAction.source_ingest,
            target_type="source",
            target_id=source.id,
            after={
                "sha256": source.sha256,
                "candidates": len(extracted["incidents"]),
                "in_passing": len(extracted["in_passing"]),
            },
        )
        return len(extracted["incidents"])


def ingest(
    *,
    engine: Engine,
    store: EvidenceStore,
    inputs: list[str],
    principal: Principal,
    published: str | None = None,
    auto_merge: bool = False,
    fetch: Callable[[str], tuple[bytes, list[Document]]] | None = fetch_document,
    progress: Callable[[str], None] = lambda item: None,
    settings: Settings | None = None,
) -> IngestReport:
    """Ingest files, folders, globs and URLs; a bad one is reported and skipped, never aborting the batch."""
    principal.require(Permission.review)
    settings = settings or load_settings()
    report = IngestReport()
    for item in expand_inputs(inputs):
        progress(item)
        try:
            data, documents = _read(item, fetch=fetch)
            snapshot = store.put(data)
            for read_document in documents:
                document, listed = _with_listing(read_document, item)
                try:
                    result = ingest_document(
                        engine=engine,
                        store=store,
                        document=document,
                        snapshot_sha256=snapshot,
                        principal=principal,
                        published=listed or published,
                        settings=settings,
                    )
                except LongarmError as error:  # this document only: the others in the file go on
                    report.failures.append(str(error))
                    continue
                if result is None:
                    report.skipped += 1
                    continue
                report.documents += 1
                report.candidates += result
        except LongarmError as error:
            report.failures.append(str(error))
    with transaction(engine) as session:
        report.decisions = review.link(session=session, principal=principal, auto_merge=auto_merge)
    return report
