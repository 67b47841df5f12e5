"""`longarm ingest`: documents into the evidence store and the review queue."""

from __future__ import annotations

import sys

import typer


def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, folders, globs or http(s) URLs.", show_default=False),  # noqa: B008
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) when a document carries none.",
    ),
    auto_merge: bool = typer.Option(
        False, "--auto-merge", help="Merge certain matches, create incidents when nothing matches."
    ),
) -> None:
    """Store each document once by SHA-256, extract its incidents and queue them as linked candidates."""
    from longarm.auth.permissions import operator
    from longarm.config import load_settings
    from longarm.errors import BadInput
    from longarm.ingestion.extract.dates import parse_published
    from longarm.ingestion.pipeline import expand_inputs
    from longarm.ingestion.pipeline import ingest as run
    from longarm.sources.evidence import EvidenceStore
    from longarm.storage.database import open_engine

    try:
        parse_published(published)
    except ValueError as error:
        raise BadInput(f"--published: {error}.") from None
    settings = load_settings()
    items = list(expand_inputs(inputs))
    with typer.progressbar(
        length=len(items), label="ingesting", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar:
        report = run(
            engine=open_engine(settings),
            store=EvidenceStore(settings.evidence_dir),
            inputs=items,
            principal=operator(),
            published=published,
            auto_merge=auto_merge,
            progress=lambda item: bar.update(1),
            settings=settings,
        )
    for failure in report.failures:
        typer.echo(f"skipped: {failure}", err=True)
    decided = ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.decisions.items()))
    typer.echo(
        f"{report.documents} document(s) ingested, {report.skipped} already stored, {report.candidates} candidate(s)"
        + (f" ({decided})" if decided else "")
        + (f", {len(report.failures)} failed" if report.failures else "")
    )
    if report.failures and not report.documents and not report.skipped:
        raise typer.Exit(2)
