"""What ingest produces: a Record per readable article, a Failure per unreadable one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unspin.errors import InputError


@dataclass(slots=True)
class Record:
    """One article as read, before cleaning: ``text`` is the raw text offsets refer to."""

    id: str
    source: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read, with where it came from and why."""

    source: str
    reason: str
    code: str = InputError.code

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class IngestOptions:
    """Limits that protect a batch from one pathological input."""

    max_file_bytes: int = 20_000_000
    max_record_chars: int = 2_000_000
    fetch_urls: bool = True
    fetch_timeout: float = 15.0
    ignored: list[str] = field(default_factory=list)
