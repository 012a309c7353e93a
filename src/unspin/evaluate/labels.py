"""Hand-labelled sets over third-party text: reading the labelled articles and pairing spans.

Label rows name their article by ``source``: ``ppn:<line index>`` for a record of the PPN corpus (its
``maintext``), else a path under the shared folder (``data/ptc/articles/article1.txt``,
``examples/000_....txt``). No article text is kept with the labels, only offsets into the raw text
and ``sha1_8``, the first 8 hex digits of the SHA-1 of the labelled characters, so a label that no
longer fits its text is caught when the set is loaded rather than scored against the wrong words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from dataclasses import dataclass
from typing import Protocol, TypeVar

from unspin.data import ppn


class Located(Protocol):
    start: int
    end: int


G = TypeVar("G", bound=Located)
P = TypeVar("P", bound=Located)


def source_texts(shared: Path, sources: Iterable[str]) -> dict[str, str]:
    """The raw text of each source, reading the PPN corpus once for all its records."""
    sources = list(dict.fromkeys(sources))
    wanted = {int(s[4:]) for s in sources if s.startswith("ppn:")}
    records: dict[int, str] = {}
    if wanted:
        for index, record in enumerate(ppn.records(shared / ppn.CORPUS)):
            if index in wanted:
                records[index] = record.get("maintext") or ""
            if len(records) == len(wanted):
                break
    missing = sorted(wanted - records.keys())
    if missing:
        raise ValueError(f"ppn:{missing[0]} is past the end of {shared / ppn.CORPUS}")
    return {s: records[int(s[4:])] if s.startswith("ppn:") else (shared / s).read_text(encoding="utf-8")
            for s in sources}


def fingerprint(text: str) -> str:
    """``sha1_8`` of a labelled stretch of text."""
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def check_fingerprint(source: str, text: str, row: dict) -> None:
    """Raise when the row's offsets no longer hold the text it was labelled on."""
    if fingerprint(text[row["start"] : row["end"]]) != row["sha1_8"]:
        raise ValueError(f"{source} {row['start']}-{row['end']}: text does not match sha1_8 {row['sha1_8']}")


def overlap(a: Located, b: Located) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def pair_by_overlap(gold: Sequence[G], predicted: Sequence[P],
                    compatible: Callable[[G, P], bool] | None = None) -> list[tuple[G, P]]:
    """One-to-one pairs of overlapping spans (that are ``compatible`` where given), largest overlap first."""
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)
                    if overlap(g, p) > 0 and (compatible is None or compatible(g, p))), reverse=True)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    result = []
    for _, i, j in pairs:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            result.append((gold[i], predicted[j]))
    return result


def harmonic_mean(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class MatchCounts:
    """Gold, predicted and matched spans of a labelled set: one precision/recall/F1 row."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)
