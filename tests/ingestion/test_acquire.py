"""Fetching URLs: public hosts are fetched, internal addresses refused on every hop."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest

from longarm.errors import BadInput
from longarm.ingestion.acquire import fetch_url

PUBLIC_IP = "93.184.215.14"  # a global address; the mock transport never connects to it
NAMES = {
    "news.example": [PUBLIC_IP],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": [PUBLIC_IP, "127.0.0.1"],
}


def fake_resolve(host: str, port: int) -> list[str]:
    return NAMES[host]


def fetch(url: str, handler: Callable[[httpx.Request], httpx.Response], **options: object):
    return fetch_url(
        url,
        transport=httpx.MockTransport(handler),
        resolve=fake_resolve,
        **{"max_bytes": 10_000, "timeout": 5.0, **options},
    )


def never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request may be sent, got {request.url}")


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"internal")

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def local_server() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_real_local_server_is_refused_and_never_contacted(local_server: int) -> None:
    CountingHandler.hits = 0
    for url in (f"http://127.0.0.1:{local_server}/", f"http://localhost:{local_server}/"):
        with pytest.raises(BadInput, match="loopback"):
            fetch_url(url, max_bytes=1000, timeout=2.0)
    assert CountingHandler.hits == 0


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://100.64.0.1/", "non-public"),
        ("http://intranet.example/", "private"),
        ("http://mixed.example/", "loopback"),
    ],
)
def test_internal_addresses_are_refused(url: str, problem: str) -> None:
    with pytest.raises(BadInput, match=problem):
        fetch(url, never_called)


def test_a_public_host_is_fetched_through_its_pinned_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=b"<p>Hi</p>")

    fetched = fetch("https://news.example/story?id=1", handler)
    assert fetched.content == b"<p>Hi</p>"
    assert fetched.url == "https://news.example/story?id=1"
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.retrieved_at.tzinfo is not None
    (request,) = seen
    assert request.url.host == PUBLIC_IP
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_redirects_are_followed_and_checked() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        return httpx.Response(200, content=b"moved here")

    fetched = fetch("http://news.example/old", handler)
    assert (fetched.url, fetched.content) == ("http://news.example/new", b"moved here")


@pytest.mark.parametrize(
    ("location", "problem"),
    [
        ("http://127.0.0.1/admin", "loopback"),
        ("http://10.20.30.40/", "private"),
        ("http://intranet.example/wiki", "private"),
        ("file:///etc/passwd", "only http and https"),
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(location: str, problem: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == PUBLIC_IP, "only the public hop may be contacted"
        return httpx.Response(302, headers={"location": location})

    with pytest.raises(BadInput, match=problem):
        fetch("http://news.example/", handler)


def test_too_many_redirects_are_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": f"/hop{len(request.url.path)}"})

    with pytest.raises(BadInput, match="more than 5 redirects"):
        fetch("http://news.example/", handler)


def test_a_body_over_the_limit_is_refused_while_streaming() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        # A generator body carries no Content-Length, so the streamed count must catch it.
        return httpx.Response(200, content=(b"x" * 1000 for _ in range(20)))

    with pytest.raises(BadInput, match="over the size limit of 10000 bytes"):
        fetch("http://news.example/big", handler)


def test_a_declared_length_over_the_limit_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 20_000)

    with pytest.raises(BadInput, match="over the size limit"):
        fetch("http://news.example/big", handler)


def test_a_timeout_is_a_clear_sentence() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(BadInput, match=r"did not answer within 5 seconds\.$"):
        fetch("http://news.example/slow", handler)


def test_an_error_status_is_bad_input() -> None:
    with pytest.raises(BadInput, match="answered 404 Not Found"):
        fetch("http://news.example/gone", lambda request: httpx.Response(404))


@pytest.mark.parametrize("url", ["ftp://news.example/file", "file:///etc/passwd", "news.example/no-scheme"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(BadInput, match="only http and https"):
        fetch(url, never_called)


def test_an_unresolvable_host_is_bad_input() -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(BadInput, match="cannot be resolved"):
        fetch_url(
            "http://nowhere.example/",
            max_bytes=10,
            timeout=1.0,
            resolve=resolve,
            transport=httpx.MockTransport(never_called),
        )
