"""Direct quotations found from quotation marks alone, before any parsing.

Marks are paired per paragraph with a stack, so a quotation nested inside another (“he called it
‘a farce’ today”) stays part of the outer one, and „…“ pairs differently from “…”; a straight quote
after a word closes a “ that no ” closes later in the paragraph (“...asked me," Kavanaugh said), and a ” closes a
straight quote that no straight quote closes later ("...migrants,” Orban stated). A paragraph
that opens a quotation without closing it yields a quotation up to the paragraph end: that is how
news prints a quotation continued over several paragraphs, each reopened with a mark. When the
next line instead goes on without reopening and closes it (feeds that print one sentence per
line: “We thought ... / ... cloud activity.”), the quotation runs on to that closing mark. Scare quotes (one or two words) and
titles of works are dropped: they quote nobody's words, and neither does a title-case quotation
outside the headline (“The Whole Truth About Ukraine’s Crimes in Donbass”); so is the title of an article a blog cites
before reposting it (“Title,” by Author, Outlet, Date:).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Closing marks each opening mark accepts.
CLOSERS: dict[str, str] = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"', "‘": "’"}

#: Fewer words than this inside the marks is a scare quote, not a quotation.
MIN_WORDS = 3

#: Words right before an opening mark that announce a title, not someone's words.
_TITLE_CUE = re.compile(r"\b(?:(?:titled|entitled|headlined|called|named|dubbed)(?:\s+(?:the|a|an))?|the (?:book|film|"
                        r"movie|song|documentary|article|column|op-ed|programme|program|show|series|report))\s*[:,]?\s*$",
                        re.IGNORECASE)
#: The rest of a line after a quoted title that cites an article before a reposted excerpt:
#: "“Iran Admits To Facilitating 9/11 Terror Attacks,” by Adam Kredo, Washington Free Beacon, June 8, 2018:".
_SAID = re.compile(r"\b(?:said|says|told|tells|wrote|writes|added|adds|stated|states|declared|announced)\b")
_CITATION = re.compile(r"^[,\s]*(?:by\s+[A-Z][^\n]*|[A-Z][^\n]*\b(?:1[89]|20)\d\d\b[^\n]*):\s*$")
_WORD = re.compile(r"\w+(?:[.,]\d+)*")  # 70,000 is one word
_TITLE_WORD = re.compile(r"\w[\w’'-]*")  # Ukraine’s is one word
#: Short words a title leaves in lower case ("The Whole Truth About Ukraine’s Crimes in Donbass").
_TITLE_SMALL = frozenset(("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
                          "from", "as", "vs", "nor"))


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or a piece of reported speech, in character offsets of the cleaned text.

    ``speaker`` is None when the text does not say clearly who spoke; ``speaker_span`` is where the
    attribution names or refers to the speaker; ``cue`` is the word that attributes it ("said",
    "according to", ":").
    """

    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None


def _opens(text: str, i: int, mark: str, stack: list[tuple[str, int]]) -> bool:
    """Whether ``mark`` at ``i`` opens a quotation (straight quotes and ‘ are ambiguous)."""
    if mark == '"':
        return not (stack and stack[-1][0] == '"')
    if mark == "‘":  # only after a space or bracket: elsewhere it is a typographic apostrophe
        return i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"
    return mark in CLOSERS


def _closes(text: str, i: int, mark: str, stack: list[tuple[str, int]], end: int) -> bool:
    if stack and stack[-1][0] == "“" and mark == '"':  # a typist's mix: “...," closed by a straight quote, when
        return not text[i - 1].isspace() and "”" not in text[i:end]  # no curly one closes it later
    if stack and stack[-1][0] == '"' and mark == "”":  # and the other way round: "...,” Orban stated.
        return not text[i - 1].isspace() and '"' not in text[i:end]
    if not stack or mark not in CLOSERS[stack[-1][0]]:
        return False
    if mark == "’":  # ’ inside a word (don’t) or before one is an apostrophe
        return i + 1 >= len(text) or not text[i + 1].isalnum()
    return True


def quote_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level quoted stretches of ``text[start:end]`` (one paragraph), marks included."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int]] = []
    for i in range(start, end):
        mark = text[i]
        if mark not in "“”„«»\"‘’":
            continue
        if _closes(text, i, mark, stack, end):
            _, opened = stack.pop()
            if not stack:
                found.append((opened, i + 1))
        elif _opens(text, i, mark, stack):
            stack.append((mark, i))
    if stack:  # an unclosed quotation runs to the paragraph end
        found.append((stack[0][1], len(text[:end].rstrip())))
    return found


def is_quotation(text: str, start: int, end: int) -> bool:
    """Whether a quoted stretch renders someone's words: long enough, and not a title."""
    if len(_WORD.findall(text[start:end])) < MIN_WORDS:
        return False
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    if _CITATION.match(rest) and not _SAID.search(rest):  # not "“...,” Putin said on June 8, 2018:"
        return False
    return not _TITLE_CUE.search(text[max(0, start - 40) : start])


def is_title_case(text: str, start: int, end: int) -> bool:
    """Whether every word of a quoted stretch but a title's short words is capitalised: in an article's body
    that is a title or a name ("“The Whole Truth About Ukraine’s Crimes in Donbass”", "“Pale Blue Dot”"),
    not someone's words; in a headline, whose every word is capitalised, it says nothing."""
    words = [w for w in _TITLE_WORD.findall(text[start:end]) if w.lower() not in _TITLE_SMALL]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _first_mark(text: str, start: int, end: int) -> int | None:
    """The first quotation mark of text[start:end], not counting apostrophes inside words (“I’ve”)."""
    return next((i for i in range(start, end) if text[i] in "“”„«»\"‘’" and not (
        text[i] in "‘’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())), None)


def _continues(text: str, opened: str, line: tuple[int, int]) -> bool:
    """Whether ``line`` goes on with a quotation ``opened`` on the line before: its first mark closes it
    (a straight quote closes when it follows a word or punctuation, not a space)."""
    i = _first_mark(text, *line)
    if i is None or text[i] not in CLOSERS[opened] or text[i] == opened and opened != '"':
        return False
    if text[i] == '"':
        return i > line[0] and not text[i - 1].isspace()
    return True


#: The most lines without a mark a quotation left open runs on over to the line that closes it.
MAX_UNMARKED_LINES = 8


def _closing_line(text: str, opened: str, lines: list[tuple[int, int]], j: int) -> int | None:
    """The line after line ``j`` that goes on with a quotation ``opened`` there and closes it: the next
    line, or a later one of the same block when the lines between hold no mark at all (a feed printing
    one sentence per line: “Madagascar ... doctors. / There are around ... / ... worse for them.”). Only a
    double mark runs on past the next line, and only to its closing mark after a word and before no word:
    ‘ and ’ are also apostrophes ("the ‘80s", "the workers’ union") and a straight quote after a digit an inch
    mark ("drifts reached 30""), which could swallow the writer's lines."""
    if j + 1 < len(lines) and _continues(text, opened, lines[j + 1]):
        return j + 1
    if opened not in "“\"":
        return None
    for k in range(j + 1, min(len(lines), j + 2 + MAX_UNMARKED_LINES)):
        if text.count("\n", lines[k - 1][1], lines[k][0]) > 1:  # a blank line ends the block
            return None
        i = _first_mark(text, *lines[k])
        if i is not None:
            after_word = i > lines[k][0] and not text[i - 1].isspace() and not text[i - 1].isdigit()
            before_word = i + 1 < len(text) and text[i + 1].isalnum()
            return k if text[i] == CLOSERS[opened][-1] and after_word and not before_word else None
    return None


def direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of every direct quotation, marks included, paragraph by paragraph.

    An unclosed quotation whose next paragraph (line), or a later one after lines with no mark, goes on
    without reopening it and closes it joins that paragraph's closing mark (see the module docstring).
    """
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        p_start, p_end = paragraphs[i]
        marks = quote_marks(text, p_start, p_end)
        j = i
        while marks and marks[-1][1] == len(text[:paragraphs[j][1]].rstrip()) \
                and text[marks[-1][1] - 1] not in CLOSERS.get(text[marks[-1][0]], "") \
                and (closing := _closing_line(text, text[marks[-1][0]], paragraphs, j)) is not None:
            opened = marks.pop()[0]
            j = closing
            joined = quote_marks(text, opened, paragraphs[j][1])  # re-pair from the opening mark on
            marks.extend(joined)
        headline = i == 0 and len(paragraphs) > 1
        found.extend((s, e) for s, e in marks if is_quotation(text, s, e) and (headline or not is_title_case(text, s, e)))
        i = j + 1
    return found
