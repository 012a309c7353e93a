"""Reading the PPN corpus (pseudo-news of 2022-2023, ``../shared/data/ppn``) as unlabelled text.

Technique training uses it for knowledge distillation: a trained model labels these articles and a
smaller one learns from those labels too. The sample is chosen by a fixed rule, so a training run
is reproducible from the corpus alone and nothing of it is copied into the project.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from unspin.settings import shared_dir

#: Where the corpus lies inside the shared folder.
CORPUS = Path("data") / "ppn" / "ppn_articles.jsonl.gz"


def default_path() -> Path:
    return shared_dir() / CORPUS


def records(path: Path | str | None = None) -> Iterator[dict]:
    """The corpus's records in file order (a record's line index is its ``ppn:<index>`` name)."""
    with gzip.open(path or default_path(), "rt", encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)


def english_texts(limit: int, path: Path | str | None = None, min_chars: int = 500, max_chars: int = 8000) -> list[str]:
    """The first ``limit`` distinct English main texts of ``min_chars``-``max_chars`` characters,
    in the order of their SHA-1 (the corpus republishes stories, hence distinct texts; its
    ``language`` field is unreliable, but English-tagged records are English in the main)."""
    by_digest: dict[str, str] = {}
    for record in records(path):
        text = (record.get("maintext") or "").strip()
        if record.get("language") == "en" and min_chars <= len(text) <= max_chars:
            by_digest[hashlib.sha1(text.encode("utf-8")).hexdigest()] = text
    return [by_digest[digest] for digest in sorted(by_digest)[:limit]]
