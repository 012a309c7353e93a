"""Is a span score a probability, and does an article-level share track the gold one?

Pure numpy. ``reliability`` and ``expected_calibration_error`` use equal-width bins over [0, 1]
(bin i is [i/b, (i+1)/b), the last one closed), as Guo et al. 2017, "On Calibration of Modern
Neural Networks": ECE = sum_b (n_b / N) * |accuracy_b - mean_score_b|. ``spearman`` is Pearson's
r on average ranks (ties share the mean of the ranks they span), ``mean_absolute_error`` the plain
mean of |a - b|. Undefined results (no data, a constant input to ``spearman``) are NaN, as numpy
and scipy return them, rather than an exception in the middle of a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np


class ReliabilityBin(NamedTuple):
    """One bin of a reliability diagram; ``mean_score`` and ``accuracy`` are NaN when it is empty."""

    bin_lo: float
    bin_hi: float
    mean_score: float
    accuracy: float
    count: int


def _scores_and_outcomes(
    scores: Sequence[float], correct: Sequence[float | bool]
) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=float).ravel()
    c = np.asarray(correct, dtype=float).ravel()
    if s.shape != c.shape:
        raise ValueError(f"{s.size} scores but {c.size} outcomes")
    if np.isnan(s).any() or (s < 0).any() or (s > 1).any():
        raise ValueError("scores must lie in [0, 1]")
    if np.isnan(c).any() or (c < 0).any() or (c > 1).any():
        raise ValueError("outcomes must be booleans or lie in [0, 1]")
    return s, c


def _bin_index(scores: np.ndarray, bins: int) -> np.ndarray:
    if bins < 1:
        raise ValueError("bins must be at least 1")
    return np.minimum((scores * bins).astype(int), bins - 1)


def reliability(
    scores: Sequence[float], correct: Sequence[float | bool], bins: int = 10
) -> list[ReliabilityBin]:
    """Every bin of a reliability diagram, empty ones included, from low to high scores.

    ``correct`` is 1/True for a right prediction; a fractional credit (e.g. a span's overlap) is
    accepted and averaged like one.
    """
    s, c = _scores_and_outcomes(scores, correct)
    index = _bin_index(s, bins)
    counts = np.bincount(index, minlength=bins)
    score_sums = np.bincount(index, weights=s, minlength=bins)
    correct_sums = np.bincount(index, weights=c, minlength=bins)
    result = []
    for i in range(bins):
        n = int(counts[i])
        mean = score_sums[i] / n if n else float("nan")
        acc = correct_sums[i] / n if n else float("nan")
        result.append(ReliabilityBin(i / bins, (i + 1) / bins, float(mean), float(acc), n))
    return result


def expected_calibration_error(
    scores: Sequence[float], correct: Sequence[float | bool], bins: int = 10
) -> float:
    """Count-weighted mean gap between accuracy and mean score over the bins; NaN with no scores."""
    table = reliability(scores, correct, bins)
    total = sum(b.count for b in table)
    if total == 0:
        return float("nan")
    return float(sum(b.count * abs(b.accuracy - b.mean_score) for b in table if b.count) / total)


def average_ranks(values: Sequence[float]) -> np.ndarray:
    """1-based ranks; tied values all get the mean of the positions they occupy."""
    v = np.asarray(values, dtype=float).ravel()
    if np.isnan(v).any():
        raise ValueError("cannot rank NaN")
    _, inverse, counts = np.unique(v, return_inverse=True, return_counts=True)
    first = np.cumsum(counts) - counts  # 0-based position where each distinct value starts
    return (first + (counts + 1) / 2)[inverse]


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rho with average ranks for ties; NaN for fewer than 2 pairs or a constant input."""
    x, y = np.asarray(a, dtype=float).ravel(), np.asarray(b, dtype=float).ravel()
    if x.shape != y.shape:
        raise ValueError(f"{x.size} values against {y.size}")
    if x.size < 2:
        return float("nan")
    rx, ry = average_ranks(x), average_ranks(y)
    rx -= rx.mean()
    ry -= ry.mean()
    denominator = np.sqrt((rx * rx).sum() * (ry * ry).sum())
    if denominator == 0:
        return float("nan")
    return float((rx * ry).sum() / denominator)


def mean_absolute_error(predicted: Sequence[float], true: Sequence[float]) -> float:
    """mean |predicted - true|; NaN when empty."""
    p, t = np.asarray(predicted, dtype=float).ravel(), np.asarray(true, dtype=float).ravel()
    if p.shape != t.shape:
        raise ValueError(f"{p.size} values against {t.size}")
    if p.size == 0:
        return float("nan")
    return float(np.abs(p - t).mean())
