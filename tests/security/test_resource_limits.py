"""Bounded resources: oversized bodies refused before they are read, WARC bombs, folder links, extraction budgets."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from longarm.errors import BadInput
from longarm.ingestion import formats
from longarm.ingestion.documents import documents_from_bytes
from longarm.ingestion.extract.sentences import LONGEST_SENTENCE, split_sentences
from longarm.ingestion.pipeline import expand_inputs
from tests.cli_runner import longarm
from tests.ingestion.test_documents import make_warc
from tests.security.helpers import client_for


@pytest.fixture
def small_app(engine, settings):  # type: ignore[no-untyped-def]
    """The web app with a 1,000-byte body limit."""
    from longarm.web.app import create_app

    return create_app(replace(settings, max_body_bytes=1000), engine=engine)


def test_a_declared_oversized_body_is_refused_before_it_is_read(small_app):  # type: ignore[no-untyped-def]
    client = client_for(small_app)
    answer = client.post("/login", content=b"x" * 5000, headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413
    assert answer.headers["x-content-type-options"] == "nosniff"
    api = client.post("/api/v1/review/1/accept", content=b"{}" * 3000, headers={"content-type": "application/json"})
    assert api.status_code == 413 and "over the limit" in api.json()["error"]


def test_a_streamed_body_without_length_stops_at_the_limit(small_app):  # type: ignore[no-untyped-def]
    client = client_for(small_app)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(100):
            yield b"y" * 500

    answer = client.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413


def test_a_warc_bomb_is_refused_at_the_total_cap(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_WARC_MAX_TOTAL_BYTES", "3000000")
    body = b"<html><body>" + b"<p>The same line again and again.</p>" * 30_000 + b"</body></html>"
    warc = make_warc([(f"https://news.example/{n}", "200 OK", "text/html", body) for n in range(5)], compress=True)
    assert len(warc) < len(body) // 20  # a small file that decompresses to much more
    with pytest.raises(BadInput, match="LONGARM_WARC_MAX_TOTAL_BYTES"):
        documents_from_bytes(warc, name="bomb.warc.gz")


def test_a_warc_record_over_its_cap_is_refused(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_WARC_MAX_RECORD_BYTES", "100000")
    body = b"<html><body>" + b"<p>Many words in one page.</p>" * 10_000 + b"</body></html>"
    warc = make_warc([("https://news.example/big", "200 OK", "text/html", body)], compress=True)
    with pytest.raises(BadInput, match="LONGARM_WARC_MAX_RECORD_BYTES"):
        documents_from_bytes(warc, name="big.warc.gz")


def test_warc_documents_keep_their_body_hash_without_holding_the_body():  # type: ignore[no-untyped-def]
    body = b"<html><body><p>A short report on a threat made in Oslo.</p></body></html>"
    warc = make_warc([("https://news.example/a", "200 OK", "text/html", body)])
    found = formats.read(warc, name="one.warc")
    assert found[0].payload == b"" and found[0].payload_sha256 == hashlib.sha256(body).hexdigest()
    assert documents_from_bytes(warc, name="one.warc")[0].sha256 == hashlib.sha256(body).hexdigest()


def test_a_walked_folder_reads_regular_files_only(tmp_path):  # type: ignore[no-untyped-def]
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "longarm.key").write_text("secret key material")
    (outside / "notes.txt").write_text("private notes")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "report.txt").write_text("A report.")
    (folder / "key.txt").symlink_to(outside / "longarm.key")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    assert list(expand_inputs([str(folder)])) == [str(folder / "report.txt")]
    assert list(expand_inputs([str(folder / "*.txt")])) == [str(folder / "report.txt")]


def _write(tmp_path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text)
    return path


def test_extract_skips_a_document_over_the_size_budget_and_goes_on(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_EXTRACT_MAX_CHARS", "200")
    short = _write(tmp_path, "short.txt", "Agents threatened a journalist in Oslo in 2021.")
    long = _write(tmp_path, "long.txt", "A journalist was threatened in Oslo. " * 20)
    run = longarm("extract", "--format", "jsonl", str(long), str(short))
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) == 1
    assert run.stderr.strip() == (
        f"skipped: {long}: 740 characters of text, over the 200 that LONGARM_EXTRACT_MAX_CHARS allows."
    )


def test_extract_skips_a_document_over_the_time_budget(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_EXTRACT_MAX_SECONDS", "0.000001")
    path = _write(tmp_path, "slow.txt", "Agents of the state threatened a journalist in Oslo in 2021. " * 50)
    run = longarm("extract", "--format", "jsonl", str(path))
    assert run.code == 2
    assert f"skipped: {path}: extraction took over 1e-06 s (LONGARM_EXTRACT_MAX_SECONDS)." in run.stderr
    assert "Traceback" not in run.stderr


def test_loading_the_extractor_is_not_charged_to_the_first_document(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    # loading the gazetteer and the models takes longer than this budget; extracting one sentence, far less
    monkeypatch.setenv("LONGARM_EXTRACT_MAX_SECONDS", "0.3")
    first = _write(tmp_path, "first.txt", "Agents threatened a journalist in Oslo in 2021.")
    second = _write(tmp_path, "second.txt", "A dissident was shot dead in Lille in 2020.")
    run = longarm("extract", "--format", "jsonl", str(first), str(second))
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) == 2 and not run.stderr


def test_a_text_without_sentence_ends_is_read_in_bounded_pieces():  # type: ignore[no-untyped-def]
    # the work within one sentence grows faster than its length: an unpunctuated run must not be one sentence
    text = "agents shot dead a dissident in Istanbul and police arrested suspects " * 300
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= LONGEST_SENTENCE
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert " ".join(s.text for s in sentences).split() == text.split()
    assert len(split_sentences("x" * 2500)) == 3  # no space to cut at: cut anyway


def test_ingest_skips_a_document_over_the_budget_and_goes_on(engine, cli_env, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LONGARM_EXTRACT_MAX_CHARS", "200")
    folder = tmp_path / "batch"
    folder.mkdir()
    _write(folder, "a.txt", "Agents threatened a journalist in Oslo in 2021.")
    _write(folder, "b.txt", "A journalist was threatened in Oslo. " * 20)
    run = longarm("ingest", str(folder))
    assert run.code == 0, run.stderr
    assert "1 document(s) ingested" in run.stdout
    assert "LONGARM_EXTRACT_MAX_CHARS" in run.stderr and "b.txt" in run.stderr
