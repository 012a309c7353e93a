"""Text -> model input for the technique tagger, shared by training and inference.

The unit the encoder reads is a *window*: consecutive sentences packed together while they fit in
``max_tokens`` word pieces, either within one line of text only (``pack_lines=False``; PTC articles
put one sentence per line, scraped articles one paragraph per line) or across line breaks, so that a
sentence is read with its neighbours (``pack_lines=True``). A sentence longer than that is cut into
overlapping chunks (``stride`` pieces shared between neighbours). Every piece keeps its character
offsets into the article text, so token predictions map back to character spans exactly, and gold
character spans map onto tokens (`token_labels`).

Numpy and ``tokenizers`` only: no torch here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Word pieces per window, [CLS] and [SEP] included (the length the model was trained on).
MAX_TOKENS = 128
#: Pieces shared by two chunks of one over-long sentence.
STRIDE = 32


@dataclass(frozen=True, slots=True)
class Window:
    """One encoder input: ``ids`` with [CLS] first and [SEP] last; ``offsets[i]`` is the
    (start, end) of piece i in the article text, (0, 0) for the two special pieces."""

    doc: int
    start: int
    end: int
    ids: np.ndarray  # int64 (n,)
    offsets: np.ndarray  # int64 (n, 2)

    def __len__(self) -> int:
        return len(self.ids)


#: Names of the (first, last, padding) special pieces: RoBERTa's (MPNet), else BERT's (MiniLM).
#: RoBERTa's come first: MPNet's vocabulary also holds BERT's names, as pieces it was not trained with.
SPECIAL_TOKENS = (("<s>", "</s>", "<pad>"), ("[CLS]", "[SEP]", "[PAD]"))


class Encoder:
    """Cuts texts into windows with a WordPiece or BPE ``tokenizer.json`` whose special pieces are
    BERT's or RoBERTa's (`SPECIAL_TOKENS`)."""

    def __init__(self, tokenizer_path: Path | str, max_tokens: int = MAX_TOKENS, stride: int = STRIDE,
                 pack_lines: bool = False) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.max_tokens = max_tokens
        self.stride = stride
        self.pack_lines = pack_lines
        self.cls_id, self.sep_id, self.pad_id = self._specials()

    def _specials(self) -> tuple[int, int, int]:
        for names in SPECIAL_TOKENS:
            ids = [self.tokenizer.token_to_id(name) for name in names]
            if None not in ids:
                return ids[0], ids[1], ids[2]
        raise ValueError(f"tokenizer has neither special-token set {SPECIAL_TOKENS}")

    def windows(self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]) -> list[Window]:
        """Windows of every text, in text order then position order; ``Window.doc`` indexes ``texts``."""
        pieces: list[tuple[int, int, int]] = []  # (doc, start, end) of each sentence to tokenize
        for doc, (text, spans) in enumerate(zip(texts, sentence_spans)):
            for start, end in units(text, spans):
                pieces.append((doc, start, end))
        encodings = self.tokenizer.encode_batch([texts[d][s:e] for d, s, e in pieces], add_special_tokens=False)
        budget = self.max_tokens - 2
        windows: list[Window] = []
        current: list[tuple[int, int, int, list[int], list[tuple[int, int]]]] = []

        def flush() -> None:
            if current:
                ids = [i for item in current for i in item[3]]
                offs = [o for item in current for o in item[4]]
                windows.append(self._window(current[0][0], current[0][1], current[-1][2], ids, offs))
                current.clear()

        for (doc, start, end), encoding in zip(pieces, encodings):
            ids = list(encoding.ids)
            offs = [(start + a, start + b) for a, b in encoding.offsets]
            if not ids:
                continue
            if len(ids) > budget:
                flush()
                step = max(budget - self.stride, 1)
                for first in range(0, len(ids), step):
                    chunk_ids, chunk_offs = ids[first : first + budget], offs[first : first + budget]
                    windows.append(self._window(doc, chunk_offs[0][0], chunk_offs[-1][1], chunk_ids, chunk_offs))
                    if first + budget >= len(ids):
                        break
                continue
            same_line = (
                current
                and current[-1][0] == doc
                and (self.pack_lines or "\n" not in texts[doc][current[-1][2] : start])
                and sum(len(item[3]) for item in current) + len(ids) <= budget
            )
            if not same_line:
                flush()
            current.append((doc, start, end, ids, offs))
        flush()
        return windows

    def _window(self, doc: int, start: int, end: int, ids: list[int], offsets: list[tuple[int, int]]) -> Window:
        return Window(
            doc,
            start,
            end,
            np.asarray([self.cls_id, *ids, self.sep_id], dtype=np.int64),
            np.asarray([(0, 0), *offsets, (0, 0)], dtype=np.int64).reshape(-1, 2),
        )

    def batch(self, windows: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
        """Padded ``input_ids`` and ``attention_mask`` (int64, shape (len(windows), longest))."""
        width = max(len(w) for w in windows)
        ids = np.full((len(windows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(windows), width), dtype=np.int64)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = window.ids
            mask[row, : len(window)] = 1
        return ids, mask


def units(text: str, sentence_spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans to encode: the given ones in order (clipped, empty ones dropped), or the
    non-blank lines of the text when none are given."""
    spans = sorted((max(0, int(s)), min(len(text), int(e))) for s, e in sentence_spans)
    spans = [(s, e) for s, e in spans if e > s and text[s:e].strip()]
    if spans:
        return spans
    return lines(text)


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, surrounding white space trimmed."""
    result, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            result.append((offset + lead, offset + lead + len(stripped)))
        offset += len(line) + 1
    return result


def token_labels(window: Window, spans: Iterable[tuple[int, int, int]], n_labels: int) -> np.ndarray:
    """(len(window), n_labels) 0/1 matrix: piece i is inside a span (start, end, label) when their
    character ranges share a character. Special pieces stay 0."""
    labels = np.zeros((len(window), n_labels), dtype=np.float32)
    starts, ends = window.offsets[:, 0], window.offsets[:, 1]
    real = ends > starts
    for start, end, label in spans:
        if end <= window.start or start >= window.end:
            continue
        labels[real & (starts < end) & (ends > start), label] = 1.0
    return labels


def span_tokens(window: Window, start: int, end: int) -> np.ndarray:
    """Indices of the real pieces of ``window`` that share a character with [start, end)."""
    starts, ends = window.offsets[:, 0], window.offsets[:, 1]
    return np.nonzero((ends > starts) & (starts < end) & (ends > start))[0]
