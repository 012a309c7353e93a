"""Bootstrap intervals over articles: seeded, and exact where every draw gives the same figure."""

import numpy as np

from unspin.evaluate.bootstrap import ratio_interval, resample_rows


def test_draws_are_seeded_row_indices():
    draws = resample_rows(5, 30, seed=1)
    assert draws.shape == (30, 5) and draws.min() >= 0 and draws.max() <= 4
    assert (draws == resample_rows(5, 30, seed=1)).all() and not (draws == resample_rows(5, 30, seed=2)).all()


def test_ratio_interval_of_equal_rows_is_their_ratio_and_an_empty_denominator_is_zero():
    same = ratio_interval(np.array([1, 1, 1]), np.array([4, 4, 4]), resamples=100)
    assert same.low == same.high == 0.25 and same.level == 0.95 and same.resamples == 100
    empty = ratio_interval(np.array([0, 0]), np.array([0, 0]), resamples=10)
    assert empty.low == empty.high == 0.0
