"""Overlapping spans as flat runs of text, the shape both the terminal and HTML views need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Run:
    """text[start:end] and the spans (dicts) that cover all of it."""

    start: int
    end: int
    spans: tuple[dict[str, Any], ...]


def runs(length: int, start: int, end: int, spans: list[dict[str, Any]]) -> list[Run]:
    """Cut [start, end) at every span boundary so each run has one fixed set of covering spans."""
    inside = [s for s in spans if s["start"] < end and s["end"] > start]
    cuts = sorted({start, end, *(max(start, s["start"]) for s in inside), *(min(end, s["end"]) for s in inside)})
    result = []
    for left, right in zip(cuts, cuts[1:]):
        if right > left:
            covering = tuple(s for s in inside if s["start"] <= left and s["end"] >= right)
            result.append(Run(left, min(right, length), covering))
    return result
