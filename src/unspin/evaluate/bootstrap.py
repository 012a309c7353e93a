"""Percentile bootstrap over articles: how far a figure could move with another draw of articles.

Test sets here are small (56 PTC articles, 20 quote articles), so a figure comes with the interval
of its value over articles resampled with replacement. The figures are ratios of sums over articles
(micro F1 terms, speaker counts), so each article's terms are computed once and resampled as rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Interval:
    """A percentile bootstrap interval of a figure (or of a difference of two)."""

    low: float
    high: float
    level: float
    resamples: int


def resample_rows(n_rows: int, resamples: int, seed: int = 0) -> np.ndarray:
    """``resamples`` draws of ``n_rows`` row indices with replacement (seeded: the same draws each run)."""
    return np.random.default_rng(seed).integers(0, n_rows, size=(resamples, n_rows))


def percentile_interval(values: np.ndarray, level: float, resamples: int) -> Interval:
    """The central ``level`` share of the resampled values."""
    tail = 100 * (1 - level) / 2
    low, high = np.percentile(values, [tail, 100 - tail]) if len(values) else (0.0, 0.0)
    return Interval(float(low), float(high), level, resamples)


def ratio_interval(numerators: np.ndarray, denominators: np.ndarray, resamples: int = 1000, level: float = 0.95,
                   seed: int = 0) -> Interval:
    """The interval of sum(numerators) / sum(denominators) over resampled rows (0 where the sum is 0)."""
    draws = resample_rows(len(numerators), resamples, seed)
    top, bottom = np.asarray(numerators, float)[draws].sum(axis=1), np.asarray(denominators, float)[draws].sum(axis=1)
    return percentile_interval(np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0), level, resamples)
