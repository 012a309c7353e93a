"""Refitting the span classifier: the fitted head, folded back to raw inputs, decides as the fit."""

import numpy as np

from unspin.data.ptc import TECHNIQUES
from unspin.techniques.tune import _fit_logistic


def test_fitted_head_on_raw_inputs_separates_the_classes_and_never_picks_an_unseen_one():
    rng = np.random.RandomState(0)
    centres = rng.normal(size=(3, 8)) * 4
    y = np.repeat([0, 4, 9], 40)
    x = centres[np.searchsorted([0, 4, 9], y)] + rng.normal(size=(120, 8))
    x = x * np.array([1, 10, 100, 0.1, 1, 1, 1, 1]) + 50  # raw scales far from standard
    weight, bias = _fit_logistic(x, y, np.ones(len(y)), c=1.0)
    assert weight.shape == (len(TECHNIQUES), 8) and bias.shape == (len(TECHNIQUES),)
    predicted = (x @ weight.T + bias).argmax(axis=1)
    assert (predicted == y).mean() > 0.95
    assert set(predicted) <= {0, 4, 9}
