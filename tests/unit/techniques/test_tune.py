"""Refitting the span classifier: the fitted head, folded back to raw inputs, decides as the fit;
the model card says how the network was made."""

import json

import numpy as np

from unspin.data.ptc import TECHNIQUES
from unspin.techniques.model import default_model_dir
from unspin.techniques.tune import _fit_logistic, model_card


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


def shipped_card(**training_changes) -> str:
    folder = default_model_dir()
    meta = json.loads((folder / "meta.json").read_text())
    meta["training"] = {**meta["training"], **training_changes}
    return model_card(meta, {p.name: p.stat().st_size for p in folder.iterdir() if p.suffix in (".onnx", ".npz", ".json")})


def test_the_model_card_says_how_one_network_was_trained_and_how_a_soup_was_made():
    single = shipped_card()
    assert "Seed 13, 3 epochs, batch 16,\nlr 5e-05, 2 CPU threads" in single
    assert "`unspin train techniques --data ../shared/data/ptc --out DIR`" in single and "soup" not in single
    members = [{"seed": 14, "epochs": 3, "lr": 5e-05}, {"seed": 15, "epochs": 3, "lr": 0.0001}]
    soup = shipped_card(seed=[14, 15], soup_of=members)
    assert "the mean of the weights of 2 networks trained alike (seed 14, 3 epochs, lr 5e-05; seed 15, 3 epochs, lr 0.0001;" in soup
    assert "--out DIR2 --seed 15 --epochs 3 --lr 0.0001 --keep-weights`" in soup
    assert "--out DIR --soup DIR1 --soup DIR2`" in soup


def test_a_model_trained_with_dev_takes_the_references_tuning_and_refits_its_span_classifier(tmp_path):
    import shutil

    from unspin.data.ptc import LabelledSpan, PtcArticle
    from unspin.techniques.tune import refit_like

    folder = tmp_path / "model"
    shutil.copytree(default_model_dir(), folder)
    reference = json.loads((default_model_dir() / "meta.json").read_text())
    texts = ["Only a fool would believe the fake news media and their lies about our heroes.",
             "Make America great again! The corrupt elite will destroy this great nation."]
    seen = [PtcArticle("a", texts[0], [LabelledSpan("Name_Calling,Labeling", 7, 11),
                                       LabelledSpan("Loaded_Language", 29, 38)]),
            PtcArticle("b", texts[1], [LabelledSpan("Slogans", 0, 24), LabelledSpan("Loaded_Language", 30, 37)])]
    metrics = refit_like(folder, seen, seen[:1], reference, log=lambda _: None)
    meta = json.loads((folder / "meta.json").read_text())
    assert list(metrics) == ["test"] and metrics["test"]["articles"] == 1
    assert meta["decoding"] == reference["decoding"] and meta["calibration"] == reference["calibration"]
    assert {k: meta["span_head"][k] for k in ("c", "lexical_c", "lexical_mix")} == {
        k: reference["span_head"][k] for k in ("c", "lexical_c", "lexical_mix")}
    head = np.load(folder / "span_head.npz")
    assert head["weight"].shape == (len(TECHNIQUES), np.load(default_model_dir() / "span_head.npz")["weight"].shape[1])
