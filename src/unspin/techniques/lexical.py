"""The words themselves as evidence: hashed n-gram logistic models beside the encoder.

`LexicalHead` reads a given span's words for its technique; `WordPrior` reads each word of an
article for "inside some technique span", a prior that detection mixes into the encoder's
token probabilities.

The span head reads MiniLM's contextual vectors, which blur the words themselves, yet several
techniques are lexical: Name_Calling's labels ("thugs"), Flag-Waving's "our nation", Doubt's
"so-called", Slogans, Thought-terminating cliches. A linear model over the span's words, word
pairs and character n-grams, and the few words either side of it, sees them directly; its
log-probabilities are mixed with the span head's (`mix`). Features are hashed into a fixed table
(crc32, so the same on every machine and Python), so the model is three arrays and needs neither
a stored vocabulary nor scikit-learn at inference time; fitting does need scikit-learn and scipy
(the train extra).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Size of the hashed feature table (2**17 rows of 14 weights: 3.7 MB as float16).
HASH_BITS = 17
CHAR_NGRAMS = (2, 5)
CONTEXT_WORDS = 5
#: Context words say less about the span's technique than its own words: their block counts less.
CONTEXT_SCALE = 0.5

_WORD = re.compile(r"\w+")


def span_ngrams(text: str, start: int, end: int) -> dict[str, list[str]]:
    """The span's features in three blocks: words and word pairs, character n-grams of each word
    (padded by spaces, so prefixes and suffixes are marked), and the words just outside it."""
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    chars = []
    for word in words:
        padded = f" {word} "
        for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
            chars += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    left = [w.lower() for w in _WORD.findall(text[max(0, start - 80) : start])][-CONTEXT_WORDS:]
    right = [w.lower() for w in _WORD.findall(text[end : end + 80])][:CONTEXT_WORDS]
    return {"w": words + [f"{a} {b}" for a, b in zip(words, words[1:])], "c": chars,
            "x": [f"l:{w}" for w in left] + [f"r:{w}" for w in right]}


def hashed_counts(text: str, start: int, end: int) -> list[tuple[str, Counter]]:
    """Each block's feature counts, keyed by table row."""
    mask = (1 << HASH_BITS) - 1
    return [(block, Counter(zlib.crc32(f"{block}:{gram}".encode()) & mask for gram in grams))
            for block, grams in span_ngrams(text, start, end).items()]


def tfidf_row(counts: list[tuple[str, Counter]], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, values) of one span: sublinear tf x idf, each block L2-normalised, context scaled."""
    rows, values = [], []
    for block, counter in counts:
        if not counter:
            continue
        index = np.fromiter(counter.keys(), np.int64, len(counter))
        value = (1 + np.log(np.fromiter(counter.values(), np.float64, len(counter)))) * idf[index]
        value *= (CONTEXT_SCALE if block == "x" else 1.0) / np.linalg.norm(value)
        rows.append(index)
        values.append(value)
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(rows), np.concatenate(values)


@dataclass(frozen=True, slots=True)
class LexicalHead:
    """Fitted hashed n-gram model: ``weight`` (techniques x table), ``bias``, ``idf`` (table)."""

    weight: np.ndarray
    bias: np.ndarray
    idf: np.ndarray

    def log_proba(self, text: str, start: int, end: int) -> np.ndarray:
        """Log-probability of each technique for the span [start, end) of ``text``."""
        rows, values = tfidf_row(hashed_counts(text, start, end), self.idf)
        return log_softmax(self.weight[:, rows] @ values + self.bias)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weight=self.weight.astype(np.float16), bias=self.bias, idf=self.idf.astype(np.float16))

    @classmethod
    def load(cls, path: Path) -> LexicalHead:
        arrays = np.load(path)
        return cls(arrays["weight"].astype(np.float32), arrays["bias"].astype(np.float32), arrays["idf"].astype(np.float32))


def fit_lexical(spans: list[tuple[str, int, int]], targets: np.ndarray, weights: np.ndarray, c: float,
                n_labels: int) -> LexicalHead:
    """Fit on (text, start, end) spans with their technique indices (train extra: scikit-learn, scipy).

    idf comes from these spans; a technique with no training span gets bias -1e4 (never chosen)."""
    from sklearn.linear_model import LogisticRegression

    counts = [hashed_counts(text, start, end) for text, start, end in spans]
    document_frequency = np.zeros(1 << HASH_BITS)
    for span_counts in counts:
        seen = {row for _, counter in span_counts for row in counter}
        document_frequency[list(seen)] += 1
    idf = np.log((1 + len(counts)) / (1 + document_frequency)) + 1
    rows = [tfidf_row(span_counts, idf) for span_counts in counts]
    matrix = _sparse([r for r, _ in rows], [v for _, v in rows], HASH_BITS)
    fitted = LogisticRegression(C=c, max_iter=3000).fit(matrix, targets, sample_weight=weights)
    return LexicalHead(*label_table(fitted, n_labels), idf.astype(np.float32))


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities from logits along the last axis (numerically stable)."""
    logits = logits - logits.max(axis=-1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))


def _sparse(rows: list[np.ndarray], values: list[np.ndarray], bits: int):  # noqa: ANN202 - scipy.sparse.csr_matrix
    """One sparse matrix row per (table rows, values) pair; values of a repeated row add up."""
    from scipy.sparse import csr_matrix

    pointers = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    matrix = csr_matrix((np.concatenate(values), np.concatenate(rows), pointers), shape=(len(rows), 1 << bits))
    matrix.sum_duplicates()
    return matrix


def label_table(fitted, n_labels: int) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001 - a fitted LogisticRegression
    """A fitted logistic regression's (weight, bias) with one row per label: labels it never saw
    get bias -1e4 (never chosen); with two classes, scikit-learn's single row is the second
    class's logit against the first's 0."""
    coef, intercept = fitted.coef_, fitted.intercept_
    if len(fitted.classes_) == 2:
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    weight = np.zeros((n_labels, coef.shape[1]), np.float32)
    bias = np.full(n_labels, -1e4, np.float32)
    weight[fitted.classes_], bias[fitted.classes_] = coef, intercept
    return weight, bias


# --- word prior for detection ----------------------------------------------------------------

WORD_HASH_BITS = 18
_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")


def word_features(text: str) -> tuple[np.ndarray, list[list[int]]]:
    """Start offsets of the words (and punctuation marks) of ``text`` and each one's hashed
    features: the word, its character 3-5-grams, the words one and two either side, and the
    pairs it forms with its neighbours (`word_rows`, as one sorted list of rows per word)."""
    starts, words, rows = word_rows(text)
    cuts = np.flatnonzero(np.diff(words)) + 1
    return starts, [part.tolist() for part in np.split(rows, cuts)] if len(rows) else []


def word_rows(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(word starts, word index, row) of every distinct (word, feature row) pair of `word_features`,
    sorted by word then row: flat arrays, so the prior sums its weights per word without a Python
    loop over the rows."""
    tokens = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    words = [w for _, w in tokens]
    n = len(words)
    starts = np.asarray([start for start, _ in tokens], dtype=np.int64)
    if not n:
        return starts, np.zeros(0, np.int64), np.zeros(0, np.int64)
    context = np.full((n, len(NEIGHBOURS) + 2), -1, dtype=np.int64)  # -1: no neighbour there
    neighbours = np.asarray([_neighbour_rows(w) for w in words], dtype=np.int64)
    for k, d in enumerate(NEIGHBOURS):  # word i's neighbour at offset d is word i + d
        context[max(0, -d) : n - max(0, d), k] = neighbours[max(0, d) : n - max(0, -d), k]
    bounded = ["^", *words, "$"]
    context[:, -2] = [_row(f"b:{bounded[i]}_{words[i]}") for i in range(n)]
    context[:, -1] = [_row(f"b+:{words[i]}_{bounded[i + 2]}") for i in range(n)]
    own = [_own_rows(word) for word in words]
    own_words = np.repeat(np.arange(n), [len(rows) for rows in own])
    present = context >= 0
    keys = np.sort(np.concatenate([own_words << WORD_HASH_BITS | np.concatenate(own),
                                   np.nonzero(present)[0] << WORD_HASH_BITS | context[present]]))
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]  # the union of each word's rows, in order
    return starts, keys >> WORD_HASH_BITS, keys & ((1 << WORD_HASH_BITS) - 1)


NEIGHBOURS = (-2, -1, 1, 2)


def _row(gram: str) -> int:
    return zlib.crc32(gram.encode()) & ((1 << WORD_HASH_BITS) - 1)


@lru_cache(maxsize=1 << 14)
def _own_rows(word: str) -> np.ndarray:
    """The distinct rows of a word's own features (itself and its character 3-5-grams). Words
    recur, so these and `_neighbour_rows` are hashed once for the most recent words: bounded caches
    of 16,384 words, several batches' vocabulary (about 760 bytes a word for both, 13 MB at most)."""
    padded = f" {word} "
    rows = np.unique([_row(g) for g in [f"w:{word}"] + [f"c:{padded[j : j + n]}" for n in (3, 4, 5)
                                                       for j in range(len(padded) - n + 1)]])
    rows.flags.writeable = False  # shared by every caller through the cache
    return rows


@lru_cache(maxsize=1 << 14)
def _neighbour_rows(word: str) -> tuple[int, ...]:
    """The row of "``word`` is the neighbour at each offset of `NEIGHBOURS`"."""
    return tuple(_row(f"n{d}:{word}") for d in NEIGHBOURS)


@dataclass(frozen=True, slots=True)
class WordPrior:
    """P(a word lies inside a technique span), as log-odds against the base rate ``prior``."""

    weight: np.ndarray
    bias: float
    prior: float

    def shift(self, text: str, piece_starts: np.ndarray) -> np.ndarray:
        """Each word piece's log-odds shift: that of the word it starts in (0 before any word)."""
        starts, words, rows = word_rows(text)
        if not len(rows):
            return np.zeros(len(piece_starts))
        first = np.flatnonzero(np.concatenate([[True], words[1:] != words[:-1]]))
        sums = np.add.reduceat(self.weight[rows], first)
        logits = sums / np.sqrt(np.diff(np.append(first, len(rows)))) + self.bias
        shifts = logits - np.log(self.prior / (1 - self.prior))
        word = np.searchsorted(starts, piece_starts, side="right") - 1
        return np.where(word >= 0, shifts[np.clip(word, 0, None)], 0.0)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weight=self.weight.astype(np.float16), bias=np.float32(self.bias),
                            prior=np.float32(self.prior))

    @classmethod
    def load(cls, path: Path) -> WordPrior:
        arrays = np.load(path)
        return cls(arrays["weight"].astype(np.float32), float(arrays["bias"]), float(arrays["prior"]))


def fit_word_prior(articles: list[tuple[str, list[tuple[int, int]]]], c: float) -> WordPrior:
    """Fit on (text, gold spans) articles: a word is positive when half of it or more lies in gold
    spans (train extra: scikit-learn, scipy)."""
    from sklearn.linear_model import LogisticRegression

    rows, targets = [], []
    for text, spans in articles:
        inside = np.zeros(len(text) + 1, dtype=bool)
        for start, end in spans:
            inside[start:end] = True
        starts, features = word_features(text)
        ends = [m.end() for m in _TOKEN.finditer(text)]
        rows += features
        targets += [bool(inside[s:e].mean() >= 0.5) for s, e in zip(starts, ends)]
    matrix = _sparse([np.asarray(r) for r in rows], [np.full(len(r), 1 / np.sqrt(len(r))) for r in rows], WORD_HASH_BITS)
    targets = np.asarray(targets)
    fitted = LogisticRegression(C=c, max_iter=2000).fit(matrix, targets)
    return WordPrior(fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]), float(targets.mean()))
