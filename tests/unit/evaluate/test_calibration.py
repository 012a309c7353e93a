"""Reliability bins, ECE, Spearman with ties and MAE, on hand-computed numbers."""

from __future__ import annotations

import math

import pytest

from unspin.evaluate.calibration import (
    average_ranks,
    expected_calibration_error,
    mean_absolute_error,
    reliability,
    spearman,
)

SCORES = [0.05, 0.15, 0.95, 0.95, 1.0]
CORRECT = [0, 1, 1, 0, 1]


def test_reliability_bins():
    table = reliability(SCORES, CORRECT, bins=10)
    assert len(table) == 10
    # bin 0: one score 0.05, wrong ; bin 1: 0.15, right ; bin 9 holds 0.95, 0.95 and 1.0 (last bin closed)
    assert table[0] == (0.0, 0.1, pytest.approx(0.05), 0.0, 1)
    assert table[1].accuracy == 1.0 and table[1].count == 1
    last = table[9]
    assert (last.bin_lo, last.bin_hi, last.count) == (0.9, 1.0, 3)
    assert (last.mean_score, last.accuracy) == pytest.approx((2.9 / 3, 2 / 3))
    assert table[5].count == 0 and math.isnan(table[5].accuracy)


def test_expected_calibration_error():
    # (1/5)|0 - 0.05| + (1/5)|1 - 0.15| + (3/5)|2/3 - 2.9/3| = 0.01 + 0.17 + 0.18 = 0.36
    assert expected_calibration_error(SCORES, CORRECT, bins=10) == pytest.approx(0.36)
    assert math.isnan(expected_calibration_error([], []))


def test_calibration_input_checks():
    with pytest.raises(ValueError):
        reliability([0.5, 1.2], [1, 0])
    with pytest.raises(ValueError):
        reliability([0.5], [1, 0])


def test_average_ranks_share_ties():
    assert list(average_ranks([10, 20, 20, 30])) == [1.0, 2.5, 2.5, 4.0]
    assert list(average_ranks([3, 1, 3, 3])) == [3.0, 1.0, 3.0, 3.0]


def test_spearman():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 100]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks x = [1, 2.5, 2.5, 4], y = [1, 2, 3, 4]; centred: [-1.5, 0, 0, 1.5], [-1.5, -.5, .5, 1.5]
    # rho = 4.5 / sqrt(4.5 * 5) = 0.9486833
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    assert math.isnan(spearman([1], [2]))


def test_mean_absolute_error():
    assert mean_absolute_error([1, 2], [2, 4]) == pytest.approx(1.5)
    assert math.isnan(mean_absolute_error([], []))
