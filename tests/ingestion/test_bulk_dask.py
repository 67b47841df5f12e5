"""Bulk extraction on a local Dask cluster gives the candidates the single-process extractor gives, once per file."""

from __future__ import annotations

from pathlib import Path

from longarm.config import load_settings
from longarm.ingestion.budget import extract_within_budget
from longarm.ingestion.bulk import extract_to_parquet, read_candidates
from longarm.ingestion.documents import read_documents

TEXTS = {
    "amsterdam.txt": (
        "Iranian dissident journalist Farid Tehrani was shot dead in Amsterdam on 3 March 2019, Dutch police said."
        " Prosecutors accused Iran's Ministry of Intelligence of ordering the killing."
    ),
    "istanbul.txt": (
        "Iranian dissident Leila Karimi was shot dead in Istanbul on 12 June 2021, Turkish police said."
        " Prosecutors accused Iran's Revolutionary Guards of ordering the killing."
    ),
    "weather.txt": "Rain is expected over the coast on Tuesday, with sunny spells later in the week.",
}


def test_dask_gives_the_single_process_candidates_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "copy-of-amsterdam.txt").write_text(TEXTS["amsterdam.txt"], encoding="utf-8")
    files = sorted(folder.iterdir())
    single = {
        (str(path), index): incident
        for path in files
        if path.name != "copy-of-amsterdam.txt"
        for document in read_documents(path)
        for index, incident in enumerate(
            extract_within_budget(document, published=None, settings=load_settings())["incidents"]
        )
    }
    out = tmp_path / "candidates"
    first = extract_to_parquet(files, out=out, workers=1)
    # The copy has the same bytes: one partition for both names.
    assert (first.written, first.present, first.skipped) == (3, 0, [])
    found = {(row["path"], row["incident"]): row["candidate"] for row in read_candidates(out)}
    assert found == single and len(found) >= 2
    again = extract_to_parquet(files, out=out, workers=1)
    assert (again.written, again.present) == (0, 4)
