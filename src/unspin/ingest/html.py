"""HTML pages to main text and metadata with trafilatura (scripts and markup never reach the text)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import trafilatura

from unspin.errors import InputError

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


def looks_like_html(content: str) -> bool:
    """True for content that starts like an HTML document or fragment."""
    return bool(_HTML_START.match(content[:2000]))


def extract_html(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata (title, date, author, outlet) of an HTML page."""
    try:
        result = trafilatura.bare_extraction(html, url=source if source.startswith("http") else None,
                                             with_metadata=True, include_comments=False, include_tables=False)
    except Exception as error:  # trafilatura raises many kinds on hostile markup; one page must not stop a batch
        raise InputError(f"HTML extraction failed: {type(error).__name__}: {error}") from error
    if result is None:
        raise InputError("no main text found in HTML")
    data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise InputError("no main text found in HTML")
    outlet = data.get("sitename") or data.get("hostname")
    if not outlet and source.startswith("http"):
        outlet = urlparse(source).hostname
    meta = {"title": data.get("title"), "published": data.get("date"), "author": data.get("author"),
            "outlet": outlet, "url": data.get("url") or (source if source.startswith("http") else None)}
    return text, {k: v for k, v in meta.items() if v}
