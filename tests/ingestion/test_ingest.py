"""`longarm ingest`: documents stored once, candidates queued and linked, bad files skipped."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from longarm.auth.permissions import SYSTEM
from longarm.ingestion.pipeline import ingest
from longarm.review.models import Candidate
from longarm.sources.evidence import EvidenceStore
from longarm.sources.models import Source
from longarm.storage.engine import transaction
from tests.cli_runner import longarm

FIRST = (
    "Chechen blogger shot dead in Lille\n\n"
    "Exiled blogger Tamerlan Usupov was shot dead outside his flat in Lille on 4 May 2021. "
    "French police said Chechen security agents working for Moscow were behind the killing.\n"
)
SECOND = (
    "Two men charged over murder of Chechen blogger in Lille\n\n"
    "Two men were charged in France over the murder of Chechen blogger Tamerlan Oussoupov in Lille in May 2021. "
    "Investigators blame the Russian state.\n"
)


def _count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_folder_is_ingested_once_and_a_bad_file_is_skipped(engine, settings, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)
    store = EvidenceStore(settings.evidence_dir)
    report = ingest(engine=engine, store=store, inputs=[str(folder)], principal=SYSTEM, published="2021-06-01")
    assert report.documents == 2 and report.candidates >= 2
    assert len(report.failures) == 1 and "junk.txt" in report.failures[0]
    again = ingest(engine=engine, store=store, inputs=[str(folder)], principal=SYSTEM, published="2021-06-01")
    assert again.documents == 0 and again.skipped == 2
    assert _count(engine, Source) == 2 and _count(engine, Candidate) == report.candidates
    with transaction(engine) as session:
        for source in session.scalars(select(Source)):
            assert store.get(source.snapshot_sha256)  # the stored bytes match their hash


def test_auto_merge_links_two_reports_of_one_killing(engine, settings, tmp_path):  # type: ignore[no-untyped-def]
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = EvidenceStore(settings.evidence_dir)
    report = ingest(
        engine=engine,
        store=store,
        inputs=[str(tmp_path / "*.txt")],
        principal=SYSTEM,
        published="2021-06-01",
        auto_merge=True,
    )
    assert report.decisions.get("merged") == 1 and report.decisions.get("accepted") == 1
    from longarm.exports.service import export_text

    with transaction(engine) as session:
        incidents = json.loads(export_text(session=session, format_name="json"))["incidents"]
    assert len(incidents) == 1 and len(incidents[0]["sources"]) == 2
    assert incidents[0]["location"]["place"] == "Lille"
    assert all(claim.get("quote") or claim.get("note") for claim in incidents[0]["claims"])


def test_urls_to_internal_addresses_are_refused(engine, settings):  # type: ignore[no-untyped-def]
    store = EvidenceStore(settings.evidence_dir)
    urls = ["http://127.0.0.1:9/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data"]
    report = ingest(engine=engine, store=store, inputs=urls, principal=SYSTEM)
    assert report.documents == 0 and len(report.failures) == 3
    assert all("loopback" in f or "private" in f or "link-local" in f for f in report.failures), report.failures


def test_cli_ingest_reports_and_exits_non_zero_when_nothing_could_be_read(cli_env, tmp_path):  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = longarm("ingest", str(empty))
    assert run.code == 2 and "empty.txt" in run.stderr and "Traceback" not in run.stderr
    good = tmp_path / "good.txt"
    good.write_text(FIRST, encoding="utf-8")
    run = longarm("ingest", str(good), "--published", "2021-06")
    assert run.code == 0 and "1 document(s) ingested" in run.stdout
    run = longarm("ingest", str(good), "--published", "June 2021")
    assert run.code == 2 and "--published" in run.stderr


def test_a_folder_manifest_gives_each_file_its_date_url_and_title(engine, settings, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "story.txt").write_text(
        "Exiled blogger Tamerlan Usupov was shot dead outside his flat in Lille on Tuesday.\n", encoding="utf-8"
    )
    (tmp_path / "manifest.tsv").write_text(
        "file\tpublished\turl\ttitle\nstory.txt\t2021-05-06\thttps://news.example/usupov\tBlogger shot in Lille\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.json").write_text('{"not": "an article"}', encoding="utf-8")
    report = ingest(engine=engine, store=EvidenceStore(settings.evidence_dir), inputs=[str(tmp_path)], principal=SYSTEM)
    assert report.documents == 1 and report.failures == []  # the manifest and the JSON are not articles
    with transaction(engine) as session:
        source = session.scalars(select(Source)).one()
        candidate = session.scalars(select(Candidate)).one()
    assert (source.url, source.title, source.published) == (
        "https://news.example/usupov",
        "Blogger shot in Lille",
        "2021-05-06",
    )
    assert candidate.payload["date"]["start"] == "2021-05-04"  # "on Tuesday" before Thursday 6 May 2021


def test_a_document_already_cited_by_its_address_is_not_a_second_source(engine, settings, tmp_path):  # type: ignore[no-untyped-def]
    store = EvidenceStore(settings.evidence_dir)
    for folder, text, url in (
        ("first", FIRST, "https://news.example/usupov"),
        ("again", FIRST + "Updated with a correction.\n", "http://www.news.example/usupov/"),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
        (tmp_path / folder / "manifest.tsv").write_text(
            f"file\tpublished\turl\ttitle\nstory.txt\t2021-05-06\t{url}\tBlogger shot in Lille\n", encoding="utf-8"
        )
    first = ingest(engine=engine, store=store, inputs=[str(tmp_path / "first")], principal=SYSTEM, auto_merge=True)
    again = ingest(engine=engine, store=store, inputs=[str(tmp_path / "again")], principal=SYSTEM, auto_merge=True)
    assert first.documents == 1 and again.documents == 0 and again.skipped == 1
    assert _count(engine, Source) == 1
