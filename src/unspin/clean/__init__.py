"""Cleaning of already-scraped article text: remove the debris, keep every article sentence.

The cascade, each step only on what the previous ones kept:

1. split the raw text into lines, keeping their offsets;
2. `rules.LINE_RULES` mark single debris lines (ad-network records, bare and image URLs,
   prompts), and `rules.LEADING_RULES` navigation bullets and bylines above the first line of
   prose (a bulleted list inside the article is content);
3. a poll or sign-up widget (from "take our poll" to its privacy-policy line) is removed whole;
4. a closing-block marker ("Leave a Reply", "Related posts", "According to the criteria of
   The Trust Project", ...) in the latter part of the article cuts everything after it;
5. a repeat of the title line right below it is dropped;
6. the kept lines are assembled with `TextBuilder`: text between two kept lines is copied as it
   was, a removed block becomes one paragraph break, and a sentence broken over lines by the
   scraper ("the\\n\\nusual enemy", a lone "." line) is rejoined.

Nothing is rewritten: the cleaned text is made of verbatim raw slices and inserted separators,
so every offset maps back to the raw input (`Cleaned.offset_map`). Clean input comes out as it
went in, less surrounding white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspin.clean.rules import LEADING_RULES, LINE_RULES, MAX_WIDGET_LINES, WIDGET_END, WIDGET_START, is_prose, tail_marker
from unspin.doc import Span
from unspin.offsets import OffsetMap, TextBuilder

#: A closing block is only trusted this far into the article (share of its non-blank lines).
TAIL_MIN_POSITION = 0.3
#: A title repeated within this many lines below it is a duplicate (if it has enough words to
#: be unlikely as a deliberate repetition).
TITLE_REPEAT_WINDOW = 4
TITLE_MIN_WORDS = 4
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]\s*$")
_CONTINUATION = re.compile(r"^\s*(?:[a-zà-ÿа-яё]|[,.;:!?)\]…])")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # excludes the line break (and a \r before it)
    text: str

    @property
    def blank(self) -> bool:
        """Empty, white space, or only invisible characters (a byte-order mark, zero-width space)."""
        return all(ch.isspace() or ch in _INVISIBLE for ch in self.text)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text, its map to the raw text, and what was removed (raw offsets, reason)."""

    text: str
    offset_map: OffsetMap
    removed: tuple[Span, ...]


def split_lines(raw: str) -> list[Line]:
    lines, start = [], 0
    while start <= len(raw):
        end = raw.find("\n", start)
        end = len(raw) if end == -1 else end
        content_end = end - 1 if end > start and raw[end - 1] == "\r" else end
        lines.append(Line(start, content_end, raw[start:content_end]))
        start = end + 1
    return lines


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def classify(lines: list[Line]) -> list[str | None]:
    """A removal reason for each line (None: keep; blank lines are never debris)."""
    content = [i for i, line in enumerate(lines) if not line.blank]
    reasons: list[str | None] = [None] * len(lines)
    in_prose = False
    for i in content:
        in_prose = in_prose or is_prose(lines[i].text)
        rules = LINE_RULES if in_prose else LINE_RULES + LEADING_RULES
        reasons[i] = next((reason for rule in rules if (reason := rule(lines[i].text)) is not None), None)
    _cut_widgets(lines, content, reasons)
    _cut_closing_block(lines, content, reasons)
    _drop_repeated_title(lines, content, reasons)
    return reasons


def _cut_widgets(lines: list[Line], content: list[int], reasons: list[str | None]) -> None:
    for rank, i in enumerate(content):
        if not WIDGET_START.match(lines[i].text):
            continue
        window = content[rank : rank + MAX_WIDGET_LINES]
        ends = [k for k, j in enumerate(window) if WIDGET_END.search(lines[j].text)]
        if not ends:
            continue
        last = ends[0]
        while last + 1 in ends:  # "You may opt out at anytime." then "... Privacy Policy ...": one widget
            last += 1
        for j in window[: last + 1]:
            reasons[j] = "form-widget"


def _cut_closing_block(lines: list[Line], content: list[int], reasons: list[str | None]) -> None:
    kept_before = 0
    for rank, i in enumerate(content):
        if reasons[i] == "closing-block" and tail_marker(lines[i].text) and kept_before >= 2 \
                and rank >= TAIL_MIN_POSITION * len(content):
            for j in content[rank:]:
                reasons[j] = "closing-block"
            return
        kept_before += reasons[i] is None


def _drop_repeated_title(lines: list[Line], content: list[int], reasons: list[str | None]) -> None:
    kept = [i for i in content if reasons[i] is None]
    if not kept:
        return
    title = _normalised(lines[kept[0]].text)
    if len(title.split()) < TITLE_MIN_WORDS:
        return
    for i in kept[1 : 1 + TITLE_REPEAT_WINDOW]:
        if _normalised(lines[i].text) == title:
            reasons[i] = "duplicate-title"


def _continues(previous: Line, line: Line) -> bool:
    """True when the scraper broke a sentence: no end punctuation, then lowercase or punctuation."""
    return not _SENTENCE_END.search(previous.text) and bool(_CONTINUATION.match(line.text))


def assemble(raw: str, lines: list[Line], reasons: list[str | None]) -> tuple[str, OffsetMap]:
    builder = TextBuilder(raw)
    previous: Line | None = None
    removed_since = False
    for line, reason in zip(lines, reasons):
        if line.blank:
            continue
        if reason is not None:
            removed_since = True
            continue
        stripped = line.text.strip()
        start = line.start + line.text.index(stripped[0])
        end = start + len(stripped)
        if previous is not None:
            if _continues(previous, line):
                builder.insert("" if re.match(r"[,.;:!?)\]…]", stripped) else " ")
            elif removed_since:
                builder.insert("\n\n")
            else:
                builder.copy(previous.end, start)
        builder.copy(start, end)
        previous, removed_since = Line(start, end, stripped), False
    return builder.build()


def clean_text(raw: str) -> Cleaned:
    """Remove scraped debris from an article's text, keeping an offset map to the raw text."""
    lines = split_lines(raw)
    reasons = classify(lines)
    text, offset_map = assemble(raw, lines, reasons)
    removed = tuple(Span(line.start, line.end, reason) for line, reason in zip(lines, reasons) if reason)
    return Cleaned(text, offset_map, removed)
