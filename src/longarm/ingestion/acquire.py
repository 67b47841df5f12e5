"""Fetch a document over HTTP(S) without letting a URL reach this machine's own network.

The address is pinned: each hop's host is resolved once, every address it resolves to is
checked (no loopback, private, link-local, multicast, reserved or unspecified address, nor
one of those inside an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address), and the request
goes to the checked IP itself, with the Host header and TLS SNI (httpcore's `sni_hostname`
extension, which certificate verification also uses) set to the original name. DNS is not
asked again between the check and the connection, so a rebinding answer cannot swap the
address. Redirects are followed by hand, at most five, each hop checked the same way.
Proxies from the environment are ignored: a proxy would resolve names itself.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from longarm.errors import BadInput

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "longarm (+https://github.com/longarm)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# resolve(host, port) -> the addresses the host's name stands for, as strings.
Resolve = Callable[[str, int], list[str]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL and what the server said about it."""

    content: bytes
    url: str  # after redirects
    content_type: str | None
    retrieved_at: datetime  # UTC, when the final response arrived


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolve | None = None,
) -> Fetched:
    """Fetch a public http(s) URL, refusing internal addresses on every hop; BadInput on failure."""
    import httpx

    deadline = time.monotonic() + timeout
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise BadInput(f"{url}: not a valid URL ({error}).") from None
    with httpx.Client(transport=transport, timeout=timeout, trust_env=False, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            request = _pinned_request(client, current, resolve or _system_resolve)
            try:
                response = client.send(request, stream=True)
                try:
                    if not response.is_redirect:
                        return _fetched(response, str(current), max_bytes, deadline, timeout)
                    current = current.join(response.headers["location"])
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise BadInput(_timed_out(str(current), timeout)) from None
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise BadInput(f"{current}: cannot be fetched ({type(error).__name__}: {error}).") from None
    raise BadInput(f"{url}: more than {MAX_REDIRECTS} redirects.")


def address_problem(address: IPAddress) -> str | None:
    """Why longarm must not connect to an address ("loopback", "private"...), or None if public."""
    # An embedded IPv4 address is checked first: its problem is the one that names the target.
    for candidate in (*_embedded_ipv4(address), address):
        for problem, applies in (
            ("unspecified", candidate.is_unspecified),
            ("loopback", candidate.is_loopback),
            ("link-local", candidate.is_link_local),
            ("multicast", candidate.is_multicast),
            ("private", candidate.is_private),
            ("reserved", candidate.is_reserved),
            ("non-public", not candidate.is_global),
        ):
            if applies:
                return problem
    return None


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    # An IPv6 address can carry an IPv4 one that the network stack or a gateway reaches.
    if isinstance(address, ipaddress.IPv4Address):
        return []
    embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [candidate for candidate in embedded if candidate is not None]


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _checked_address(url: httpx.URL, resolve: Resolve) -> IPAddress:
    """Resolve the URL's host once and return its first address, if all are public."""
    host = url.raw_host.decode("ascii")  # IDNA-encoded, as DNS wants it
    literal = _literal(url)
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(found.split("%")[0]) for found in resolve(host, _port(url))]
        except (OSError, UnicodeError, ValueError) as error:
            raise BadInput(f"{url}: the host {host} cannot be resolved ({error}).") from None
    if not addresses:
        raise BadInput(f"{url}: the host {host} resolves to no address.")
    # One internal address is enough to refuse: a name that mixes them is not a public site.
    for address in addresses:
        if problem := address_problem(address):
            where = host if literal is not None else f"{host} ({address})"
            raise BadInput(f"{url}: {where} is a {problem} address; only public addresses are fetched.")
    return addresses[0]


def _literal(url: httpx.URL) -> IPAddress | None:
    try:
        return ipaddress.ip_address(url.host)
    except ValueError:
        return None


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def _pinned_request(client: httpx.Client, url: httpx.URL, resolve: Resolve) -> httpx.Request:
    if url.scheme not in ("http", "https"):
        raise BadInput(f"{url}: only http and https URLs are fetched.")
    if not url.host:
        raise BadInput(f"{url}: the URL names no host.")
    address = _checked_address(url, resolve)
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii"), "User-Agent": USER_AGENT},
        extensions=extensions,
    )


def _fetched(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    if response.status_code >= 400:
        raise BadInput(f"{url}: the server answered {response.status_code} {response.reason_phrase}.")
    content = _read_body(response, url, max_bytes, deadline, timeout)
    return Fetched(
        content=content,
        url=url,
        content_type=response.headers.get("content-type"),
        retrieved_at=datetime.now(UTC),
    )


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    too_big = f"{url}: the response is over the size limit of {max_bytes} bytes."
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BadInput(too_big)
    chunks: list[bytes] = []
    size = 0
    # Decoded bytes are counted, so a compressed body cannot expand past the limit.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise BadInput(too_big)
        # httpx's timeout is per read; a server dripping bytes would never trip it.
        if time.monotonic() > deadline:
            raise BadInput(_timed_out(url, timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_out(url: str, timeout: float) -> str:
    return f"{url}: the server did not answer within {timeout:g} seconds."
