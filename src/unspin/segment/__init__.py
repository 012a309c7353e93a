"""Segmentation: paragraphs, sentences and languages, all as character spans of the cleaned text.

Lines are hard boundaries (scraped articles and the PTC corpus put one paragraph or sentence per
line; a title has no full stop), and within a line sentencex splits sentences with its
abbreviation lists ("U.S.", "Dr.") while keeping a quotation with several sentences whole when it
is followed by its attribution ('"This is bad. We object," he said.').
"""

from __future__ import annotations

import re

import py3langid
import sentencex

from unspin.doc import Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
#: A "sentence" that is only a list marker ("1.", "(a)", "iv.") belongs to the text after it.
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[ivxlc]{1,5}[.)]|[•·*-])$", re.IGNORECASE)
#: Paragraphs shorter than this are too short for a reliable language guess of their own.
MIN_CHARS_FOR_LANGUAGE = 60
#: How much text the document-level language guess reads (it is linear in length).
LANGUAGE_SAMPLE_CHARS = 20_000


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) without surrounding white space, or None when only white space is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    offset = piece.index(stripped[0])
    return start + offset, start + offset + len(stripped)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks of text separated by blank lines."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if (span := _trimmed(text, start, match.start())) is not None:
            spans.append(span)
        start = match.end()
    if (span := _trimmed(text, start, len(text))) is not None:
        spans.append(span)
    return spans


def split_sentences(text: str, start: int, end: int, language: str = "en") -> list[tuple[int, int]]:
    """Sentences of text[start:end]: every line break ends a sentence, sentencex splits lines."""
    sentences: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        line_text = line.group()
        boundaries = sentencex.get_sentence_boundaries(language or "en", line_text) if line_text.strip() else []
        pending_marker: int | None = None
        for boundary in boundaries:
            span = _trimmed(text, line.start() + boundary["start_index"], line.start() + boundary["end_index"])
            if span is None:
                continue
            if _LIST_MARKER.match(text[span[0] : span[1]]):
                pending_marker = span[0] if pending_marker is None else pending_marker
                continue
            sentences.append((span[0] if pending_marker is None else pending_marker, span[1]))
            pending_marker = None
        if pending_marker is not None:
            sentences.append(_trimmed(text, pending_marker, line.end()) or (pending_marker, line.end()))
    return sentences


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text with no letters."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    language, _ = py3langid.classify(sample)
    return language


def segment(text: str, paragraphs: list[tuple[int, int]] | None = None) -> tuple[str | None, list[Span], list[Span]]:
    """Language, paragraph spans and sentence spans of a cleaned text.

    The document's language is the one with most characters among paragraphs long enough to
    tell; a paragraph gets its own ``language`` attribute only when it differs from that, so
    mixed-language articles are visible without noise.
    """
    spans = paragraphs if paragraphs is not None else split_paragraphs(text)
    guesses = [detect_language(text[start:end]) if end - start >= MIN_CHARS_FOR_LANGUAGE else None
               for start, end in spans]
    language = _majority_language(spans, guesses) or detect_language(text)
    paragraph_spans, sentence_spans = [], []
    for (start, end), guess in zip(spans, guesses):
        attrs = {"language": guess} if guess and guess != language else {}
        paragraph_spans.append(Span(start, end, "paragraph", None, attrs))
        sentence_language = attrs.get("language", language) or "en"
        sentence_spans.extend(Span(s, e, "sentence") for s, e in split_sentences(text, start, end, sentence_language))
    return language, paragraph_spans, sentence_spans


def _majority_language(spans: list[tuple[int, int]], guesses: list[str | None]) -> str | None:
    """The language with the most characters among paragraphs long enough to tell."""
    chars: dict[str, int] = {}
    for (start, end), guess in zip(spans, guesses):
        if guess:
            chars[guess] = chars.get(guess, 0) + end - start
    return max(chars, key=chars.__getitem__) if chars else None
