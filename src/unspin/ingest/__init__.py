"""Ingest: turn what users have (files, folders, corpora, standard input, URLs) into Records.

Every reader yields `Record`s or `Failure`s and never raises for one bad document: a batch of
thousands of scraped articles must go on when one of them is binary, empty or malformed, and
the bad one must be reported with its reason rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from unspin.errors import InputError
from unspin.ingest.corpus import iter_csv, iter_jsonl
from unspin.ingest.records import Failure, IngestOptions, Record
from unspin.ingest.decode import decode_bytes, read_file_bytes
from unspin.ingest.html import extract_html, looks_like_html
from unspin.ingest.web import fetch_url, is_url

#: Suffixes read as one article each, and as corpora of many records.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz", ".tsv")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in CORPUS_SUFFIXES + ARTICLE_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def record_from_content(content: str, source: str, record_id: str, *, html: bool | None = None) -> Record:
    """A Record from decoded file or response content; HTML goes through main-text extraction."""
    if html or (html is None and looks_like_html(content)):
        text, meta = extract_html(content, source)
    else:
        text, meta = content, {}
    if not text.strip():
        raise InputError("empty document (no text)")
    return Record(record_id, source, text, meta)


def read_article_file(path: Path, options: IngestOptions) -> Record:
    """One .txt/.html file as a Record; raises InputError with the reason."""
    data = read_file_bytes(path, options.max_file_bytes)
    content = decode_bytes(data)
    return record_from_content(content, str(path), path.stem, html=_suffix(path) in (".html", ".htm") or None)


def _iter_file(path: Path, options: IngestOptions) -> Iterator[Record | Failure]:
    suffix = _suffix(path)
    try:
        if suffix in (".jsonl", ".jsonl.gz", ".ndjson"):
            yield from iter_jsonl(path, options.max_record_chars)
        elif suffix in (".csv", ".csv.gz", ".tsv"):
            yield from iter_csv(path, options.max_record_chars)
        else:
            yield read_article_file(path, options)
    except InputError as error:
        yield Failure(str(path), error.reason, error.code)
    except OSError as error:
        yield Failure(str(path), f"cannot read file: {error.strerror or error}")


def _iter_folder(folder: Path, options: IngestOptions) -> Iterator[Record | Failure]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if _suffix(path) in ARTICLE_SUFFIXES + CORPUS_SUFFIXES:
            yield from _iter_file(path, options)
        else:
            options.ignored.append(str(path))


def _iter_stdin(stream: Any) -> Iterator[Record | Failure]:
    try:
        yield record_from_content(decode_bytes(stream.read()), "-", "stdin")
    except InputError as error:
        yield Failure("-", error.reason, error.code)


def iter_records(inputs: Iterable[str], options: IngestOptions | None = None, stdin: Any = None) -> Iterator[Record | Failure]:
    """Records (or Failures) from each input in order: path, folder, ``-`` or http(s) URL.

    Files in folders whose type unspin does not read are listed in ``options.ignored`` instead
    of failing the batch: a stray image beside the articles is not an error.
    """
    options = options or IngestOptions()
    for item in inputs:
        if item == "-":
            yield from _iter_stdin(stdin)
        elif is_url(item):
            if not options.fetch_urls:
                yield Failure(item, "fetching URLs is disabled")
                continue
            try:
                content, is_html = fetch_url(item, timeout=options.fetch_timeout, max_bytes=options.max_file_bytes)
                yield record_from_content(content, item, item, html=is_html)
            except InputError as error:
                yield Failure(item, error.reason, error.code)
        else:
            path = Path(item)
            if path.is_dir():
                yield from _iter_folder(path, options)
            elif path.exists():
                yield from _iter_file(path, options)
            else:
                yield Failure(item, "no such file or folder")


__all__ = ["Failure", "IngestOptions", "Record", "iter_records", "read_article_file", "record_from_content"]
