"""Turns of a transcript printed with speaker labels and no quotation marks.

Court exchanges, TV interviews and MEMRI-style translations print each turn as a line that opens
with its speaker's label ("Hadeed: Why do your signatures look different?", "HANNITY: ..."). The
words after the label are the speaker's own, so each turn is a direct quotation, though no mark
encloses it. A label line alone is no transcript (a headline "Lavrov: ..." is read as any other
line), so an article holds one only when at least two labels each open two lines or more and one
turn at least asks a question: label lines that never ask anything are a data sheet or a list of
sections ("Federation: Germany", "Possible solutions: ..."). A label said once, in a block of such
turns, opens a turn when the text names its last word elsewhere ("John Pilger: ..." in an interview
that speaks of Pilger), not a book advertised between turns ("Special Ed: Voices fro... Best Price:
$2.49"). A turn runs on over the lines of its block up to the next label line; the last turn of a
block is its own line, since the writer's words usually follow it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from unspin.quotes.rules import MIN_WORDS

#: A label opening a line: one to four capitalised words ("Molester McCarrick", "SEN. GRAHAM", "Q"), a colon and text.
_LABEL = re.compile(r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}): +(?=\S)")
#: Labels that open lines of page furniture or a list, not turns of speech ("Photo: ...", "Source: ...").
_NOT_SPEAKERS = frozenset((
    "photo", "photos", "image", "images", "video", "videos", "source", "sources", "note", "notes", "update",
    "updated", "read", "read more", "related", "watch", "see", "see also", "listen", "tags", "tag", "category",
    "categories", "share", "credit", "credits", "caption", "editor's note", "editor’s note", "tel", "phone", "fax",
    "email", "e-mail", "web", "website", "date", "time", "location", "address", "subject", "from", "to", "cc",
    "posted", "filed", "published", "author", "by", "title", "step", "warning", "important", "breaking",
    "exclusive", "opinion", "analysis", "comment", "comments", "reply", "translation", "summary", "conclusion"))
#: A transcript has at least this many labelled lines by its repeated speakers.
MIN_TURNS = 4
#: The most lines a turn runs on over after its label line.
MAX_TURN_LINES = 12


class Turn(NamedTuple):
    """One turn: where its speaker's label is written and where the speaker's words run."""

    label: tuple[int, int]
    words: tuple[int, int]


def _labelled(text: str, lines: list[tuple[int, int]]) -> dict[int, re.Match]:
    """Line index -> its speaker label, for lines opening with one."""
    found = {}
    for i, (start, end) in enumerate(lines):
        match = _LABEL.match(text, start, end)
        if match and match.group(1).lower().rstrip(".") not in _NOT_SPEAKERS:
            found[i] = match
    return found


def _blocks(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """The block of each line: lines with no blank line between them share one."""
    blocks, block = [], 0
    for i, (start, _) in enumerate(lines):
        if i and text.count("\n", lines[i - 1][1], start) > 1:
            block += 1
        blocks.append(block)
    return blocks


def _named_elsewhere(text: str, label: re.Match) -> bool:
    """Whether a label's last word is written elsewhere in the text, as a name is ("John Pilger: ..." in an
    interview that speaks of Pilger), while a book advertised between turns is not ("Special Ed: Voices fro...
    Best Price: $2.49")."""
    word = label.group(1).split()[-1]
    return any(m.start() != label.start(1) + len(label.group(1)) - len(word)
               for m in re.finditer(rf"\b{re.escape(word)}\b", text))


def transcript_turns(text: str, lines: list[tuple[int, int]]) -> list[Turn]:
    """The turns, in order; none when the article is no transcript.

    A turn of fewer than `MIN_WORDS` words is no quotation, nor one whose words open with a quotation
    mark ("Dima: “...”"): the marks give it already."""
    labelled = _labelled(text, lines)
    counts = Counter(match.group(1) for match in labelled.values())
    repeated = {label for label, n in counts.items() if n >= 2}
    if len(repeated) < 2 or sum(counts[label] for label in repeated) < MIN_TURNS:
        return []
    blocks = _blocks(text, lines)
    spoken = {blocks[i] for i, match in labelled.items() if match.group(1) in repeated}
    turns = [i for i in sorted(labelled) if blocks[i] in spoken and (
        labelled[i].group(1) in repeated or _named_elsewhere(text, labelled[i]))]
    order = sorted(labelled)
    next_label = dict(zip(order, order[1:]))  # a turn stops at any label line, a turn's or not
    result = []
    for k, i in enumerate(turns):
        last = i
        following = turns[k + 1] if k + 1 < len(turns) else None
        if following is not None and blocks[following] == blocks[i] and following - i <= MAX_TURN_LINES \
                and next_label[i] == following:
            last = following - 1
        start, end = labelled[i].end(), lines[last][1]
        if text[start] in "“„«\"‘" or len(re.findall(r"\w+", text[start:end])) < MIN_WORDS:
            continue
        result.append(Turn(labelled[i].span(1), (start, end)))
    return result if any("?" in text[s:e] for _, (s, e) in result) else []


def with_turns(direct: list[tuple[int, int]], turns: list[Turn]) -> list[tuple[int, int]]:
    """The direct quotations with the turns' words added: a quotation inside a turn is part of it."""
    kept = [(s, e) for s, e in direct if not any(ts <= s and e <= te for ts, te in (t.words for t in turns))]
    return sorted(kept + [t.words for t in turns])

