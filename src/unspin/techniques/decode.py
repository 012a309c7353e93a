"""Token probabilities -> character spans, span pooling for the classifier head, and rules.

Pure numpy. A document's windows are flattened into one sequence of word pieces in text order
(`doc_tokens`); per technique, maximal runs of pieces at or above that technique's threshold become
character spans (`decode_runs`), widened to whole words, and runs separated by at most
``max_gap`` characters are merged. A span's score is the mean probability of its pieces, then
mapped through the calibration curve stored with the model (`calibrate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from unspin.techniques.encoding import Window, span_tokens


@dataclass(frozen=True, slots=True)
class DocTokens:
    """The real word pieces of one document in text order, with their probabilities (m, C)."""

    offsets: np.ndarray  # int64 (m, 2)
    probs: np.ndarray  # float32 (m, C)


def doc_tokens(windows: Sequence[Window], probs: Sequence[np.ndarray]) -> DocTokens:
    """Flatten a document's windows; pieces seen twice (chunk overlap) get their mean probability."""
    offs, values = [], []
    for window, p in zip(windows, probs):
        real = window.offsets[:, 1] > window.offsets[:, 0]
        offs.append(window.offsets[real])
        values.append(p[real])
    if not offs:
        return DocTokens(np.zeros((0, 2), np.int64), np.zeros((0, probs[0].shape[1] if probs else 0), np.float32))
    offsets = np.concatenate(offs)
    values = np.concatenate(values).astype(np.float32)
    keys, inverse = np.unique(offsets[:, 0] * (1 << 31) + offsets[:, 1], return_inverse=True)
    if len(keys) == len(offsets):
        order = np.argsort(offsets[:, 0], kind="stable")
        return DocTokens(offsets[order], values[order])
    counts = np.bincount(inverse, minlength=len(keys)).astype(np.float32)
    summed = np.zeros((len(keys), values.shape[1]), np.float32)
    np.add.at(summed, inverse, values)
    first = np.zeros(len(keys), np.int64)
    first[inverse[::-1]] = np.arange(len(offsets))[::-1]
    unique_offsets = offsets[first]
    order = np.argsort(unique_offsets[:, 0], kind="stable")
    return DocTokens(unique_offsets[order], (summed / counts[:, None])[order])


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index pairs, inclusive, of the maximal runs of True in a 1-d mask."""
    if not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.diff(padded)
    starts = np.nonzero(edges == 1)[0]
    ends = np.nonzero(edges == -1)[0] - 1
    return list(zip(starts.tolist(), ends.tolist()))


def widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span whose ends fall inside a word to the whole word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def decode_runs(
    text: str,
    tokens: DocTokens,
    channel: int,
    threshold: float,
    max_gap: int = 0,
    low: float | None = None,
) -> list[tuple[int, int, float, int]]:
    """Spans (start, end, mean probability, number of pieces) of one probability channel.

    Hysteresis: a span is a run of pieces at or above ``low`` that holds at least one piece at or
    above ``threshold``. Gold spans are long phrases whose middle the tagger is sure of and whose
    edges it is not; one high threshold cuts them short, one low threshold adds noise.
    """
    if len(tokens.offsets) == 0:
        return []
    p = tokens.probs[:, channel]
    low = threshold if low is None else min(low, threshold)
    spans: list[list] = []
    for first, last in runs(p >= low):
        if p[first : last + 1].max() < threshold:
            continue
        start, end = widen_to_words(text, int(tokens.offsets[first, 0]), int(tokens.offsets[last, 1]))
        total, count = float(p[first : last + 1].sum()), last - first + 1
        if spans and start - spans[-1][1] <= max_gap:
            spans[-1][1] = max(end, spans[-1][1])
            spans[-1][2] += total
            spans[-1][3] += count
        else:
            spans.append([start, end, total, count])
    return [(s, e, total / count, count) for s, e, total, count in spans if e > s]


def calibrate(scores: np.ndarray | float, curve: dict | None) -> np.ndarray:
    """Map raw span scores through a monotone piecewise-linear curve {"x": [...], "y": [...]}."""
    scores = np.asarray(scores, dtype=np.float64)
    if not curve:
        return scores
    return np.interp(scores, curve["x"], curve["y"])


def fit_isotonic(scores: Sequence[float], outcomes: Sequence[float], bins: int = 20) -> dict:
    """A monotone curve from raw scores to observed accuracy (pool-adjacent-violators over
    equal-count bins), stored as points for `calibrate`."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(outcomes, dtype=np.float64)
    if len(s) < 2:
        return {"x": [0.0, 1.0], "y": [0.0, 1.0]}
    order = np.argsort(s)
    s, y = s[order], y[order]
    groups = [g for g in np.array_split(np.arange(len(s)), min(bins, len(s))) if len(g)]
    blocks = [[float(s[g].mean()), float(y[g].sum()), float(len(g))] for g in groups]
    merged: list[list[float]] = []
    for x, total, n in blocks:
        merged.append([x * n, total, n])
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
            xs, t, m = merged.pop()
            merged[-1][0] += xs
            merged[-1][1] += t
            merged[-1][2] += m
    xs = [round(xn / n, 6) for xn, _, n in merged]
    ys = [round(t / n, 6) for _, t, n in merged]
    return {"x": [0.0, *xs, 1.0], "y": [min(ys[0], 0.0 + ys[0]), *ys, ys[-1]]}


# --- span representation for the classifier head ------------------------------------------------


def span_vector(windows: Sequence[Window], hiddens: Sequence[np.ndarray], start: int, end: int) -> np.ndarray | None:
    """[mean, first, last, CLS] of the pieces of [start, end) over the windows that hold them
    (4 * hidden size), or None when no piece of the span is in any window."""
    pieces, firsts, lasts, cls = [], None, None, []
    for window, hidden in zip(windows, hiddens):
        if window.end <= start or window.start >= end:
            continue
        idx = span_tokens(window, start, end)
        if len(idx) == 0:
            continue
        pieces.append(hidden[idx])
        if firsts is None:
            firsts = hidden[idx[0]]
        lasts = hidden[idx[-1]]
        cls.append(hidden[0])
    if not pieces:
        return None
    return np.concatenate([np.concatenate(pieces).mean(0), firsts, lasts, np.mean(cls, axis=0)]).astype(np.float32)


_WORD = re.compile(r"\w+(?:['’]\w+)?")


def normalise(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def span_features(text: str, start: int, end: int) -> np.ndarray:
    """Features the encoder cannot see from one window: how often the span's words recur in the
    article (Repetition), and the span's length in words."""
    phrase = normalise(text[start:end])
    words = phrase.count(" ") + 1 if phrase else 0
    occurrences = count_phrase(text, phrase) if phrase else 0
    return np.asarray([np.log1p(max(occurrences - 1, 0)), np.log1p(words) / 3.0], dtype=np.float32)


_RUN = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _runs(text: str) -> tuple[list[str], list[str], dict[str, list[int]]]:
    """The lower-cased word-character runs of ``text``, the text after each run up to the next,
    and where each run occurs. Built once per article: it is asked for every candidate span."""
    lowered = text.lower()
    matches = list(_RUN.finditer(lowered))
    runs = [m.group() for m in matches]
    gaps = [lowered[m.end() : n.start()] for m, n in zip(matches, matches[1:])] + [""]
    where: dict[str, list[int]] = {}
    for i, run in enumerate(runs):
        where.setdefault(run, []).append(i)
    return runs, gaps, where


def count_phrase(text: str, phrase: str) -> int:
    """Non-overlapping occurrences in ``text``, ignoring case, of a `normalise`d phrase: its words
    whole, in order, separated by any non-word characters (an apostrophe inside a word must be
    there as written). One regular expression per span did the same and took a third of decoding."""
    parts: list[str] = []
    seps: list[str | None] = []  # what must follow each part: an apostrophe inside a word, else None (anything)
    for word in phrase.split(" "):  # a normalised word is one run, or two joined by an apostrophe
        pieces = _RUN.findall(word)
        parts += pieces
        seps += [word[len(pieces[0])], None] if len(pieces) > 1 else [None]
    runs, gaps, where = _runs(text)
    count, free_from = 0, 0
    for i in where.get(parts[0], []):
        if i < free_from or i + len(parts) > len(runs):
            continue
        if all(runs[i + k] == part and (sep is None or gaps[i + k] == sep)
               for k, (part, sep) in enumerate(zip(parts, seps))):
            count += 1
            free_from = i + len(parts)
    return count


N_SPAN_FEATURES = 2
