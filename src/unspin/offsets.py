"""Character-offset bookkeeping between the raw input and the cleaned text.

Cleaning removes debris lines and re-joins broken paragraphs, yet every result must point back
to exact characters of what the user fed in (the SemEval ``ptc`` format wants raw-file offsets).
So the cleaned text is never edited in place: it is *built* from copies of raw slices plus a few
inserted separators, and the builder records which cleaned range came from which raw range.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    """``length`` characters of the cleaned text starting at ``clean_start`` copy raw[raw_start:]."""

    clean_start: int
    raw_start: int
    length: int

    @property
    def clean_end(self) -> int:
        return self.clean_start + self.length

    @property
    def raw_end(self) -> int:
        return self.raw_start + self.length


class OffsetMap:
    """Maps offsets of the cleaned text to the raw text and back.

    Characters of the cleaned text that are not inside any piece were inserted by the cleaner
    (paragraph breaks, a joining space); they have no raw counterpart, so span boundaries that
    fall on them are moved to the nearest copied character (`to_raw_span`).
    """

    def __init__(self, pieces: list[Piece], clean_length: int, raw_length: int) -> None:
        self.pieces = pieces
        self.clean_length = clean_length
        self.raw_length = raw_length
        self._clean_starts = [p.clean_start for p in pieces]
        self._raw_starts = [p.raw_start for p in pieces]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that cleaning left untouched."""
        return cls([Piece(0, 0, length)] if length else [], length, length)

    def _piece_at_or_before(self, clean_offset: int) -> int:
        return bisect.bisect_right(self._clean_starts, clean_offset) - 1

    def to_raw(self, clean_offset: int, *, side: str = "start") -> int:
        """Raw offset of a cleaned offset.

        ``side="start"`` moves an offset that sits on inserted text forward to the next copied
        character; ``side="end"`` moves it back to the end of the previous piece, so a span
        mapped with (start, end) never grows over removed debris.
        """
        if not 0 <= clean_offset <= self.clean_length:
            raise ValueError(f"offset {clean_offset} outside cleaned text of {self.clean_length}")
        if side == "end":
            return self._end_to_raw(clean_offset)
        index = self._piece_at_or_before(clean_offset)
        if index >= 0 and clean_offset < self.pieces[index].clean_end:
            piece = self.pieces[index]
            return piece.raw_start + clean_offset - piece.clean_start
        return self.pieces[index + 1].raw_start if index + 1 < len(self.pieces) else self.raw_length

    def _end_to_raw(self, clean_offset: int) -> int:
        """An end offset follows its span's last character, so map that character and step past it."""
        index = self._piece_at_or_before(clean_offset - 1) if clean_offset > 0 else -1
        if index < 0:
            return self.pieces[0].raw_start if self.pieces else 0
        piece = self.pieces[index]
        return piece.raw_start + min(clean_offset, piece.clean_end) - piece.clean_start

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of a cleaned span; empty spans stay empty."""
        raw_start = self.to_raw(start, side="start")
        raw_end = self.to_raw(end, side="end")
        return raw_start, max(raw_start, raw_end)

    def from_raw(self, raw_offset: int) -> int | None:
        """Cleaned offset of a raw offset, or None when that character was removed as debris."""
        index = bisect.bisect_right(self._raw_starts, raw_offset) - 1
        if index < 0:
            return None
        piece = self.pieces[index]
        if raw_offset < piece.raw_end:
            return piece.clean_start + raw_offset - piece.raw_start
        return None

    def to_dict(self) -> list[list[int]]:
        return [[p.clean_start, p.raw_start, p.length] for p in self.pieces]

    @classmethod
    def from_dict(cls, rows: list[list[int]], clean_length: int, raw_length: int) -> OffsetMap:
        return cls([Piece(*row) for row in rows], clean_length, raw_length)


class TextBuilder:
    """Builds a cleaned text from raw slices and inserted separators, recording the offset map."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Append raw[raw_start:raw_end] verbatim; adjacent copies merge into one piece."""
        if raw_end <= raw_start:
            return
        length = raw_end - raw_start
        last = self._pieces[-1] if self._pieces else None
        if last and last.clean_end == self._length and last.raw_end == raw_start:
            self._pieces[-1] = Piece(last.clean_start, last.raw_start, last.length + length)
        else:
            if last and raw_start < last.raw_end:
                raise ValueError("raw slices must be copied in increasing order")
            self._pieces.append(Piece(self._length, raw_start, length))
        self._parts.append(self.raw[raw_start:raw_end])
        self._length += length

    def insert(self, text: str) -> None:
        """Append text that has no raw counterpart (a paragraph break, a joining space)."""
        self._parts.append(text)
        self._length += len(text)

    def ends_with(self, suffix: str) -> bool:
        return "".join(self._parts[-3:]).endswith(suffix)

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        return text, OffsetMap(list(self._pieces), len(text), len(self.raw))
