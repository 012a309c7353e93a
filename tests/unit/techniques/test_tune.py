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


def test_technique_thresholds_label_a_span_with_a_second_technique_only_where_gold_has_it():
    from unspin.data.ptc import LabelledSpan, PtcArticle
    from unspin.techniques.encoding import lines
    from unspin.techniques.model import TechniqueModel
    from unspin.techniques.tune import TECHNIQUE_THRESHOLD_GRID, tune_technique_thresholds

    model = TechniqueModel.load()
    text = "Make America great again! Only a fool would believe the fake news media and their lies about our heroes."
    encoded = model.encode([text], [lines(text)])
    (start, end, _, _), = model.detect(text, encoded[0])
    probs = model.technique_probabilities(text, encoded[0], [(start, end)])[0]
    best, second = np.argsort(-probs)[:2]
    assert probs[second] >= min(TECHNIQUE_THRESHOLD_GRID)  # the case this test needs
    gold = [LabelledSpan(model.labels[i], start, end) for i in (best, second)]
    chosen = tune_technique_thresholds(model, [PtcArticle("a", text, gold)], encoded, [model.span_head])
    assert chosen == {model.labels[second]: max(t for t in TECHNIQUE_THRESHOLD_GRID if t <= probs[second])}
    labels = [p.technique for p in model.decode(text, encoded[0])]
    assert labels == [model.labels[best], model.labels[second]]
    alone = tune_technique_thresholds(model, [PtcArticle("a", text, gold[:1])], encoded, [model.span_head])
    assert alone == {} and [p.technique for p in model.decode(text, encoded[0])] == [model.labels[best]]
