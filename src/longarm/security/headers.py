"""The security headers every response carries."""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}

# A signed-in reader's pages may hold restricted values: no shared or back-button cache keeps them.
PRIVATE_CACHE_CONTROL = "no-store"


def apply(headers: list[tuple[bytes, bytes]], *, private: bool) -> list[tuple[bytes, bytes]]:
    """The raw ASGI headers with the security headers set (replacing any the app set itself)."""
    ours = {name.lower().encode("latin-1") for name in SECURITY_HEADERS}
    if private:
        ours.add(b"cache-control")
    kept = [(name, value) for name, value in headers if name.lower() not in ours]
    kept.extend((name.encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items())
    if private:
        kept.append((b"cache-control", PRIVATE_CACHE_CONTROL.encode("latin-1")))
    return kept
