"""Quotations and reported speech in English news, with who said them.

`rules` finds direct quotations from quotation marks; `attribution` parses the article with
spaCy, finds cues of saying and reported speech and names the speakers; `evaluate` scores both
against the hand labels in eval/quotes.
"""

from __future__ import annotations

import re

from unspin.quotes.attribution import find_quotes, parse
from unspin.quotes.rules import Quote, direct_quotes

__all__ = ["Quote", "direct_quotes", "find_quotes", "paragraph_spans", "parse", "quote_texts"]

_LINE = re.compile(r"[^\n]+")
#: Marks spaCy's English tokenizer does not split off, swapped one for one (offsets stay put).
_PARSER_MARKS = str.maketrans("«»„", "“”“")


def paragraph_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-empty lines of the segmenter's paragraphs (of the whole text when it gave none).

    Quotations never cross a line: feeds such as PPN's keep one paragraph per line, which the
    segmenter may merge, and a quotation continued over paragraphs reopens on each line.
    """
    blocks = paragraphs or [(0, len(text))]
    return [(start + m.start(), start + m.end()) for start, end in blocks
            for m in _LINE.finditer(text[start:end]) if m.group().strip()]


def quote_texts(texts: list[str], paragraphs: list[list[tuple[int, int]]]) -> list[list[Quote]]:
    """Quotes of many articles, parsing all their paragraphs in one spaCy pass."""
    spans = [paragraph_spans(text, p) for text, p in zip(texts, paragraphs)]
    parsed = iter(parse([text[s:e].translate(_PARSER_MARKS) for text, ps in zip(texts, spans) for s, e in ps]))
    result = []
    for text, ps in zip(texts, spans):
        docs = [next(parsed) for _ in ps]
        result.append(find_quotes(text, ps, docs, direct_quotes(text, ps)))
    return result
