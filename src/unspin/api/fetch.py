"""Fetching an article URL for the API without letting a caller reach internal services (SSRF).

Only http(s) to hosts whose EVERY resolved address is public is fetched; redirects are followed
by hand (at most ``MAX_REDIRECTS``) and each hop is checked the same way; the address actually
connected to is checked again before the body is read (a DNS answer that changes between the
check and the connection, "DNS rebinding", is refused there). No proxy from the environment is
used, responses are capped in size and time.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from unspin import __version__
from unspin.errors import FetchError
from unspin.ingest import Record
from unspin.ingest.decode import decode_bytes

MAX_REDIRECTS = 5


def is_public(address: str) -> bool:
    """True only for globally routable unicast addresses (no loopback, private, link-local, ...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local
                                 or ip.is_reserved or ip.is_unspecified)


def check_url(url: str) -> tuple[str, int]:
    """(host, port) of a URL that may be fetched; FetchError says why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: only http(s) URLs are fetched, not {parts.scheme or 'a relative URL'!r}")
    host = parts.hostname
    if not host:
        raise FetchError("refused: URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("refused: invalid port") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"unreachable: cannot resolve {host}: {error}") from None
    addresses = {info[4][0] for info in infos}
    blocked = sorted(a for a in addresses if not is_public(a))
    if not addresses or blocked:
        raise FetchError(f"refused: {host} resolves to a non-public address ({', '.join(blocked) or 'none'})")
    return host, port


def fetch_article(url: str, *, timeout: float = 10.0, max_bytes: int = 2_000_000) -> Record:
    """The article at ``url`` as a Record (HTML goes through main-text extraction)."""
    import httpx

    from unspin.ingest import record_from_content

    headers = {"User-Agent": f"unspin/{__version__}", "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with client.stream("GET", url) as response:
                    stream = response.extensions.get("network_stream")
                    peer = stream.get_extra_info("server_addr") if stream is not None else None
                    if peer is not None and not is_public(str(peer[0])):
                        raise FetchError(f"refused: connected to non-public address {peer[0]}")
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if content_type and not (content_type.startswith("text/") or content_type == "application/xhtml+xml"):
                        raise FetchError(f"not a text page (content type {content_type})")
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data += chunk
                        if len(data) > max_bytes:
                            raise FetchError(f"response larger than {max_bytes / 1e6:.1f} MB limit")
            except httpx.HTTPError as error:
                raise FetchError(f"unreachable: {type(error).__name__}: {error}") from None
            html = content_type in ("text/html", "application/xhtml+xml") or None
            return record_from_content(decode_bytes(bytes(data)), url, "url", html=html)
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")
