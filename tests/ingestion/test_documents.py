"""Reading documents: each format, detection from content, and the errors a user can fix."""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from longarm.errors import BadInput
from longarm.ingestion.documents import (
    Document,
    document_from_bytes,
    documents_from_bytes,
    read_document,
    read_documents,
)

ARTICLE = " ".join(
    f"Sentence {n} of a report on the harassment of a journalist, told at length for the extractor." for n in range(8)
)
HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Page title | Example News</title>
<meta property="article:published_time" content="2021-03-04">
<link rel="canonical" href="https://news.example/story"></head>
<body><nav>Home · World · Sport</nav><script>var tracking = 1;</script>
<article><h1>Journalist harassed abroad</h1><p>{ARTICLE}</p>
<p>A second paragraph closes the story.</p></article>
<footer>Copyright footer</footer></body></html>""".encode()


def make_pdf(pages: list[list[str]], *, info: str = "<< /Title (Court ruling) /CreationDate (D:20230415) >>") -> bytes:
    """A minimal valid PDF with a Helvetica text line per entry, built object by object."""
    page_refs = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(pages)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        f"<< /Type /Pages /Kids [{page_refs}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, lines in enumerate(pages):
        stream = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * index} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append(info)
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>"
    return pdf + f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()


def make_warc(responses: list[tuple[str, str, str, bytes]], *, compress: bool = False) -> bytes:
    """A WARC of response records: (target URI, HTTP status line, Content-Type, body)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for uri, status, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # a known length spares warcio a temporary file
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
        )
        writer.write_record(record)
    return out.getvalue()


PDF = make_pdf([["Page one says hello.", "Its second line."], ["Page two ends it."]])


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# Plain text


def test_utf8_text_with_a_bom_reads_without_the_bom() -> None:
    data = "\ufeff\n  Titre de l'article  \r\nDeuxième ligne.\r\n".encode()
    document = document_from_bytes(data, name="note.txt", url="https://news.example/a")
    assert document.text == "\n  Titre de l'article  \nDeuxième ligne.\n"
    assert document.title == "Titre de l'article"
    assert document.media_type == "text/plain"
    assert document.url == "https://news.example/a"
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_cp1252_text_falls_back_when_not_utf8() -> None:
    document = document_from_bytes("Café “quoted” – dash\n".encode("cp1252"), name="old.txt")
    assert document.text == "Café “quoted” – dash\n"


def test_utf16_text_with_a_bom_is_text() -> None:
    assert document_from_bytes("Hello UTF-16".encode("utf-16"), name="wide.txt").text == "Hello UTF-16"


def test_read_document_keeps_the_public_shape(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.txt", b"One line."))
    assert isinstance(document, Document)
    assert (document.path, document.text, document.published, document.language) == (
        str(tmp_path / "a.txt"),
        "One line.",
        None,
        None,
    )


# HTML


def test_html_gives_main_text_and_metadata() -> None:
    document = document_from_bytes(HTML_PAGE, name="story.html")
    assert document.media_type == "text/html"
    assert "Sentence 3 of a report" in document.text
    assert "A second paragraph closes the story." in document.text
    assert "tracking" not in document.text and "Copyright footer" not in document.text
    assert document.title == "Journalist harassed abroad"
    assert document.published == "2021-03-04"
    assert document.language == "en"
    assert document.url == "https://news.example/story"
    assert document.sha256 == hashlib.sha256(HTML_PAGE).hexdigest()


def test_the_url_a_page_was_fetched_from_wins_over_its_canonical_link() -> None:
    document = document_from_bytes(HTML_PAGE, name="story", url="https://mirror.example/s")
    assert document.url == "https://mirror.example/s"


def test_a_truncated_html_page_still_gives_its_text() -> None:
    document = document_from_bytes(HTML_PAGE[: HTML_PAGE.index(b"Sentence 2")], name="cut.html")
    assert "Sentence 1 of a report" in document.text


def test_an_html_fragment_gives_its_visible_text() -> None:
    document = document_from_bytes(b"<div><p>Only a line</p><p>and another", name="frag.html")
    assert document.text == "Only a line\nand another"


def test_html_declaring_a_legacy_charset_is_decoded_with_it() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Москва, 2019</p></body></html>'
    assert document_from_bytes(page.encode("cp1251"), name="ru.html").text == "Москва, 2019"


def test_html_without_visible_text_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^empty\.html: the HTML holds no visible text\.$"):
        document_from_bytes(b"<html><head><script>x()</script></head><body></body></html>", name="empty.html")


# PDF


def test_pdf_gives_the_text_of_every_page_and_its_metadata() -> None:
    document = document_from_bytes(PDF, name="ruling.pdf")
    assert document.media_type == "application/pdf"
    assert document.text == "Page one says hello.\nIts second line.\n\nPage two ends it."
    assert (document.title, document.published, document.language) == ("Court ruling", "2023-04-15", "en")


def test_a_pdf_without_metadata_takes_its_first_line_as_title() -> None:
    document = document_from_bytes(make_pdf([["First words."]], info="<< >>"), name="bare.pdf")
    assert (document.title, document.published) == ("First words.", None)


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    assert "Page two ends it." in document_from_bytes(encrypted(PDF, ""), name="locked.pdf").text


def test_a_password_protected_pdf_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^secret\.pdf: the PDF is protected by a password\.$"):
        document_from_bytes(encrypted(PDF, "secret"), name="secret.pdf")


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_a_truncated_pdf_is_bad_input(keep: float) -> None:
    with pytest.raises(BadInput, match=r"^cut\.pdf: not a readable PDF \("):
        document_from_bytes(PDF[: int(len(PDF) * keep)], name="cut.pdf")


def test_a_pdf_without_a_text_layer_is_bad_input() -> None:
    with pytest.raises(BadInput, match="no text layer"):
        document_from_bytes(make_pdf([[]]), name="scan.pdf")


# WARC

RESPONSES = [
    ("https://news.example/one", "200 OK", "text/html; charset=utf-8", HTML_PAGE),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n..."),
    ("https://news.example/gone", "404 Not Found", "text/html", b"<p>Not found</p>"),
    ("https://news.example/two.txt", "200 OK", "text/plain", b"A plain statement."),
    ("https://court.example/ruling.pdf", "200 OK", "application/pdf", PDF),
]


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_a_warc_gives_one_document_per_readable_response(tmp_path: Path, name: str, compress: bool) -> None:
    path = write(tmp_path, name, make_warc(RESPONSES, compress=compress))
    documents = read_documents(path)
    assert [document.url for document in documents] == [
        "https://news.example/one",
        "https://news.example/two.txt",
        "https://court.example/ruling.pdf",
    ]
    assert [document.media_type for document in documents] == ["text/html", "text/plain", "application/pdf"]
    assert documents[1].text == "A plain statement."
    assert "Sentence 3 of a report" in documents[0].text
    # The hash is of each record's HTTP body, not of the archive.
    assert documents[0].sha256 == hashlib.sha256(HTML_PAGE).hexdigest()
    assert documents[2].sha256 == hashlib.sha256(PDF).hexdigest()
    assert {document.retrieved_at for document in documents} == {datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)}
    assert all(document.path == str(path) for document in documents)
    offsets = [document.record_offset for document in documents]
    assert offsets[0] == 0 and offsets == sorted(set(offsets))


def test_read_document_refuses_a_warc_of_several_documents(tmp_path: Path) -> None:
    path = write(tmp_path, "crawl.warc", make_warc(RESPONSES))
    with pytest.raises(BadInput, match=r"holds 3 documents, where one was expected\.$"):
        read_document(path)


def test_read_document_accepts_a_warc_of_one_document(tmp_path: Path) -> None:
    path = write(tmp_path, "one.warc", make_warc(RESPONSES[3:4]))
    assert read_document(path).text == "A plain statement."


def test_a_warc_without_readable_responses_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^images\.warc: the WARC holds no readable HTML, text or PDF response"):
        documents_from_bytes(make_warc(RESPONSES[1:3]), name="images.warc")


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("keep", [30, 100, 200])
def test_a_warc_cut_before_its_body_is_bad_input(compress: bool, keep: int) -> None:
    data = make_warc(RESPONSES[:1], compress=compress)
    with pytest.raises(BadInput, match=r"^cut\.warc: "):
        documents_from_bytes(data[:keep], name="cut.warc")


def test_a_warc_cut_inside_a_body_gives_the_text_received() -> None:
    data = make_warc(RESPONSES[:1])
    (document,) = documents_from_bytes(data[: data.index(b"Sentence 5")], name="cut.warc")
    assert "Sentence 4 of a report" in document.text


# Detection from content


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("story.txt", HTML_PAGE, "text/html"),
        ("ruling.html", PDF, "application/pdf"),
        ("notes.pdf", b"Just some notes.", "text/plain"),
        ("download", make_warc(RESPONSES[3:4], compress=True), "text/plain"),
        ("tagged.txt", b"Hi <b>there</b>", "text/plain"),
        ("tagged.html", b"Hi <b>there</b>", "text/html"),
    ],
)
def test_the_format_comes_from_the_content(name: str, data: bytes, media_type: str) -> None:
    assert document_from_bytes(data, name=name).media_type == media_type


def test_a_declared_media_type_settles_text_that_could_be_html() -> None:
    document = document_from_bytes(
        b"Hi <b>there</b>", name="https://x.example/a", media_type="text/html; charset=utf-8"
    )
    assert (document.media_type, document.text) == ("text/html", "Hi there")


# Bad input


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"missing\.txt: cannot be read \(No such file or directory\)\.$"):
        read_documents(tmp_path / "missing.txt")


def test_a_directory_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot be read"):
        read_document(tmp_path)


def test_an_empty_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"empty\.txt: the file is empty\.$"):
        read_document(write(tmp_path, "empty.txt", b""))


def test_whitespace_only_text_is_bad_input() -> None:
    with pytest.raises(BadInput, match=r"^blank\.txt: the file holds no text\.$"):
        document_from_bytes(b" \r\n\t\n", name="blank.txt")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x00\x01\x02\x03" * 100,
        gzip.compress(b"not a warc at all"),
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_binary_garbage_is_bad_input(data: bytes) -> None:
    with pytest.raises(BadInput, match=r"^blob\.txt: not a readable document \(neither text, HTML, PDF nor WARC\)\.$"):
        document_from_bytes(data, name="blob.txt")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"word " * 100)
    with pytest.raises(BadInput, match=r"big\.txt: the file is over the size limit \(500 > 100 bytes\)\.$"):
        read_documents(path, max_bytes=100)
    assert read_document(path, max_bytes=500).text.startswith("word")


def test_bytes_over_the_size_limit_are_refused() -> None:
    with pytest.raises(BadInput, match="over the size limit"):
        document_from_bytes(b"x" * 11, name="big.txt", max_bytes=10)


def test_importing_the_readers_loads_no_parser() -> None:
    # The CLI imports these modules on start; the parsers must wait until a file is read.
    probe = (
        "import sys, longarm.ingestion.documents, longarm.ingestion.acquire;"
        "print(sorted({'trafilatura', 'pypdf', 'warcio', 'httpx', 'lxml'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
