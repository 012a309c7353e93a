"""Quotations and reported speech in English news, with who said them.

`rules` finds direct quotations from quotation marks, `transcript` the turns of a transcript
printed with speaker labels; `attribution` reads a spaCy parse of the
article, finds cues of saying and reported speech and names the speakers; `evaluate` scores both
against the hand labels in eval/quotes. The parse is the shared English pipeline's
(unspin.entities.nlp): when the entities component has just run NER over the same texts, its
Docs are completed with the parser instead of parsed again.
"""

from __future__ import annotations

import re

from unspin.quotes.attribution import find_quotes
from unspin.quotes.rules import Quote, direct_quotes
from unspin.quotes.transcript import transcript_turns, with_turns

__all__ = ["Quote", "direct_quotes", "find_quotes", "paragraph_spans", "quote_texts"]

_LINE = re.compile(r"[^\n]+")


def paragraph_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-empty lines of the segmenter's paragraphs (of the whole text when it gave none).

    Quotations never cross a line: feeds such as PPN's keep one paragraph per line, which the
    segmenter may merge, and a quotation continued over paragraphs reopens on each line.
    """
    blocks = paragraphs or [(0, len(text))]
    return [(start + m.start(), start + m.end()) for start, end in blocks
            for m in _LINE.finditer(text[start:end]) if m.group().strip()]


def quote_texts(texts: list[str], paragraphs: list[list[tuple[int, int]]]) -> list[list[Quote]]:
    """Quotes of many articles, parsing the whole texts in one spaCy pass (or reusing that pass)."""
    from unspin.entities import nlp

    result = []
    for text, p, doc in zip(texts, paragraphs, nlp.parse(texts, nlp.PARSE_PIPES)):
        spans = paragraph_spans(text, p)
        turns = transcript_turns(text, spans)
        result.append(find_quotes(text, spans, doc, with_turns(direct_quotes(text, spans), turns), turns))
    return result
