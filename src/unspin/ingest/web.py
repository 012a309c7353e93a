"""Fetching articles over http(s) with a timeout and a size cap."""

from __future__ import annotations

import urllib.error
import urllib.request

from unspin import __version__
from unspin.errors import FetchError
from unspin.ingest.decode import decode_bytes


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> tuple[str, bool]:
    """(decoded content, is_html) of a URL; FetchError says why it could not be had."""
    request = urllib.request.Request(url, headers={"User-Agent": f"unspin/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked above
            content_type = response.headers.get_content_type()
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"unreachable: {reason}") from error
    if len(data) > max_bytes:
        raise FetchError(f"response larger than {max_bytes / 1e6:.1f} MB limit")
    if not (content_type.startswith("text/") or content_type in ("application/xhtml+xml", "application/xml")):
        raise FetchError(f"not a text page (content type {content_type})")
    return decode_bytes(data), content_type in ("text/html", "application/xhtml+xml")
