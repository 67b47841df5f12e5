"""Commands for turning documents into candidate incidents."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from longarm.ingestion.ingest_command import ingest


class ExtractFormat(StrEnum):
    """How `longarm extract` prints its results."""

    json = "json"
    jsonl = "jsonl"
    table = "table"


def register(app: typer.Typer) -> None:
    """Add `extract` and `ingest` to the CLI."""
    app.command("ingest")(ingest)

    @app.command("extract")
    def extract(
        files: list[Path] = typer.Argument(..., help="Text, HTML, PDF or WARC files.", show_default=False),
        published: str | None = typer.Option(
            None, "--published", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) when a file carries none."
        ),
        output: ExtractFormat = typer.Option(ExtractFormat.json, "--format", help="json, jsonl or table."),
        parquet: Path | None = typer.Option(
            None, "--parquet", help="Extract on Dask into this folder, one Parquet partition per file (by SHA-256)."
        ),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="With --parquet: a Dask scheduler's address (default: a local cluster)."
        ),
        workers: int = typer.Option(2, "--workers", min=1, help="With --parquet: local worker processes."),
    ) -> None:
        """Print the candidate incidents in FILE... (touches no database); with --parquet, write them on Dask."""
        # imported here so that `longarm --help` and other commands do not pay for the extractor
        import json

        from longarm.config import load_settings
        from longarm.errors import BadInput
        from longarm.ingestion.budget import extract_within_budget
        from longarm.ingestion.documents import read_documents
        from longarm.ingestion.extract.dates import parse_published

        try:
            parse_published(published)
        except ValueError as error:
            raise BadInput(f"--published: {error}.") from None
        if parquet is not None:
            from longarm.ingestion.bulk import extract_to_parquet

            paths = [p for f in files for p in (sorted(x for x in f.rglob("*") if x.is_file()) if f.is_dir() else [f])]
            done = extract_to_parquet(paths, out=parquet, scheduler=scheduler, workers=workers, published=published)
            for message in done.skipped:
                typer.echo(f"skipped: {message}", err=True)
            typer.echo(f"{parquet}: {done.written} partition(s) written, {done.present} file(s) already extracted")
            return
        if output is ExtractFormat.json and len(files) > 1:
            raise BadInput(f"--format json prints one file, {len(files)} were given; use --format jsonl.")
        settings, printed, skipped = load_settings(), 0, 0
        for path in files:
            documents = read_documents(path)
            if output is ExtractFormat.json and len(documents) > 1:
                raise BadInput(f"{path}: holds {len(documents)} documents; use --format jsonl for one object each.")
            for document in documents:
                if "\x00" in document.text:
                    raise BadInput(f"{path}: binary data, not text.")
                try:
                    result = extract_within_budget(document, published=published, settings=settings)
                except BadInput as error:  # over the budget: this document only, the others go on
                    typer.echo(f"skipped: {error}", err=True)
                    skipped += 1
                    continue
                printed += 1
                if output is ExtractFormat.table:
                    typer.echo(_table(result))
                else:
                    indent = 1 if output is ExtractFormat.json else None
                    typer.echo(json.dumps(result, ensure_ascii=False, indent=indent))
        if skipped and not printed:
            raise typer.Exit(2)


def _table(result: dict) -> str:
    """A readable summary: one line per incident."""
    lines = [f"{result['document']['path']}  ({len(result['incidents'])} incidents)"]
    for incident in result["incidents"]:
        date = (incident["date"] or {}).get("start", "?")
        location = incident["location"] or {}
        place = ", ".join(x for x in (location.get("place"), location.get("country")) if x) or "?"
        victims = "; ".join(v["name"] or "/".join(v["affiliations"]) or "?" for v in incident["victims"]) or "-"
        perpetrators = "; ".join(p["id"] or p["name"] for p in incident["perpetrators"]) or "-"
        outcomes = ",".join(o["type"] for o in incident["outcomes"]) or "-"
        lines.append(
            f"  {incident['tactic']:<12} {incident['status']:<9} {date:<10} {place:<22} "
            f"origin={incident['origin_state'] or '-'} victims={victims} perps={perpetrators} "
            f"outcomes={outcomes}"
        )
    for estimate in result["estimates"]:
        lines.append(f"  estimate: {estimate['value']} {estimate['unit']} (by {estimate['by'] or '?'})")
    return "\n".join(lines)
