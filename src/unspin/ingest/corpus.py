"""Corpora of many articles: JSON Lines and CSV files (optionally gzipped), one record a row.

Two record shapes are understood: unspin's own (``id,url,title,text,date,outlet``) and
news-please's (``maintext``, ``date_publish``, ``source_domain``, as in the PPN corpus). A
malformed row becomes a Failure naming the file and line; the rest of the file is still read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from unspin.errors import InputError
from unspin.ingest.records import Failure, Record

#: Keys tried, in order, for each field of a record.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "id": ("id", "doc_id", "article_id"),
    "url": ("url", "link"),
    "title": ("title",),
    "published": ("date", "date_publish", "published", "publish_date"),
    "outlet": ("outlet", "source_domain", "source", "site"),
    "author": ("author", "authors"),
    "language": ("language", "lang"),
}

csv.field_size_limit(sys.maxsize)


def _open_text(path: Path) -> io.TextIOBase:
    """A text stream that replaces undecodable bytes instead of stopping mid-file."""
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


def _pick(row: dict[str, Any], name: str) -> Any:
    for key in FIELD_KEYS[name]:
        value = row.get(key)
        if value not in (None, "", "NULL"):
            return value
    return None


def record_from_row(row: dict[str, Any], source: str, fallback_id: str, max_chars: int) -> Record:
    """A Record from one corpus row; raises InputError when the row has no usable text."""
    text = _pick(row, "text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no text (expected a 'text' or 'maintext' field)")
    if len(text) > max_chars:
        raise InputError(f"record text too long ({len(text):,} > {max_chars:,} characters)")
    meta = {name: _pick(row, name) for name in ("url", "title", "published", "outlet", "author", "language")}
    if isinstance(meta["author"], list):
        meta["author"] = ", ".join(map(str, meta["author"]))
    meta = {k: str(v) for k, v in meta.items() if v is not None}
    record_id = _pick(row, "id")
    return Record(str(record_id) if record_id is not None else fallback_id, source, text, meta)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".csv", ".tsv"):
        name = name.removesuffix(suffix)
    return name


def iter_jsonl(path: Path, max_chars: int) -> Iterator[Record | Failure]:
    """Records of a JSON Lines file; each bad line is a Failure at ``path:line``."""
    stem = _stem(path)
    with _open_text(path) as stream:
        for line_number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            source = f"{path}:{line_number}"
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise InputError(f"expected a JSON object, got {type(row).__name__}")
                yield record_from_row(row, source, f"{stem}-{line_number}", max_chars)
            except json.JSONDecodeError as error:
                yield Failure(source, f"malformed JSON: {error.msg} at column {error.colno}")
            except InputError as error:
                yield Failure(source, error.reason, error.code)


def iter_csv(path: Path, max_chars: int) -> Iterator[Record | Failure]:
    """Records of a CSV (or TSV) file with a header row; ragged rows are Failures."""
    stem = _stem(path)
    delimiter = "\t" if ".tsv" in path.name.lower() else ","
    with _open_text(path) as stream:
        reader = csv.DictReader(stream, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
        except csv.Error as error:
            yield Failure(str(path), f"malformed CSV header: {error}")
            return
        if not any(key in header for key in FIELD_KEYS["text"]):
            yield Failure(str(path), f"CSV has no text column (columns: {', '.join(header) or 'none'})")
            return
        while True:
            source = f"{path}:{reader.line_num + 1}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Failure(source, f"malformed CSV row: {error}")
                continue
            source = f"{path}:{reader.line_num}"
            if None in row or None in row.values():
                yield Failure(source, f"malformed CSV row: expected {len(header)} fields")
                continue
            try:
                yield record_from_row(row, source, f"{stem}-{reader.line_num}", max_chars)
            except InputError as error:
                yield Failure(source, error.reason, error.code)
