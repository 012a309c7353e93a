"""The shipped technique model: loads offline, valid offsets, deterministic, checked on load."""

import json
import shutil

import numpy as np
import pytest

from unspin.components.techniques import Techniques
from unspin.data.ptc import TECHNIQUES
from unspin.doc import Document
from unspin.errors import ModelError
from unspin.techniques.decode import DocTokens, decode_runs, doc_tokens, runs, widen_to_words
from unspin.techniques.encoding import lines
from unspin.techniques.model import TechniqueModel, check_version_range, default_model_dir, without_nan_guards

TEXTS = [
    "The corrupt, treasonous elites want to destroy our great nation.\nThey are lying to you, again and again.",
    "The committee will meet on Tuesday to discuss the budget.",
]


@pytest.fixture(scope="module")
def model():
    return TechniqueModel.load()


def test_loads_the_shipped_model_offline_and_predicts_valid_spans(model, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    predictions = model.predict_spans(TEXTS, [lines(t) for t in TEXTS])
    assert len(predictions) == 2
    for text, spans in zip(TEXTS, predictions):
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert span.technique in TECHNIQUES and 0.0 <= span.score <= 1.0
    assert predictions == model.predict_spans(TEXTS, [lines(t) for t in TEXTS])  # deterministic


def test_outputs_do_not_depend_on_the_number_of_sessions():
    # 80 lines: three batches of windows, spread over two sessions or run by one
    text = "\n".join(f"{TEXTS[i % 2]} Item {i}." for i in range(80))
    one = TechniqueModel.load(threads=1).encode([text], [lines(text)])[0]
    two = TechniqueModel.load(threads=2).encode([text], [lines(text)])[0]
    assert len(two.windows) > 64
    assert all(np.array_equal(a, b) for a, b in zip(one.token_probs, two.token_probs))
    assert all(np.array_equal(a, b) for a, b in zip(one.hiddens, two.hiddens))


def test_a_text_gets_the_same_outputs_alone_or_beside_others(model):
    # the int8 encoder scales activations per batch: windows of two texts never share one
    alone = model.encode(TEXTS[:1], [lines(TEXTS[0])])[0]
    beside = model.encode([TEXTS[1], TEXTS[0]], [lines(TEXTS[1]), lines(TEXTS[0])])[1]
    assert all(np.array_equal(a, b) for a, b in zip(alone.token_probs, beside.token_probs))
    assert model.predict_spans(TEXTS[:1], [lines(TEXTS[0])])[0] == model.predict_spans(TEXTS, [lines(t) for t in TEXTS])[0]


def test_sessions_run_the_graph_without_its_nan_guards_and_get_the_same_outputs(model):
    import onnx
    import onnxruntime

    path = model.path / "model.onnx"
    stripped = without_nan_guards(path)
    assert "IsNaN" in {node.op_type for node in onnx.load(str(path)).graph.node}  # the file keeps them
    assert "IsNaN" not in {node.op_type for node in onnx.load_from_string(stripped).graph.node}
    ids, mask = model.encoder.batch(model.encoder.windows(TEXTS, [lines(t) for t in TEXTS]))  # one row padded
    feeds = {"input_ids": ids, "attention_mask": mask}
    as_filed = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, feeds)
    as_run = onnxruntime.InferenceSession(stripped, providers=["CPUExecutionProvider"]).run(None, feeds)
    assert all(np.array_equal(a, b) for a, b in zip(as_filed, as_run))


def test_classify_spans_gives_a_technique_per_span(model):
    text = TEXTS[0]
    labels = model.classify_spans(text, [(4, 29), (66, 81)])
    assert [label in TECHNIQUES for label, _ in labels] == [True, True]
    assert all(0.0 < score <= 1.0 for _, score in labels)


def test_component_writes_spans_and_article_scores(model):
    doc = Document.from_text(TEXTS[0])
    component = Techniques()
    component._model = model
    assert component(doc) is doc
    assert 0.0 <= doc.scores["propaganda"] <= 1.0 and doc.scores["technique_density"] >= 0.0
    strict = Techniques(min_score=1.01)
    strict._model = model
    assert strict(Document.from_text(TEXTS[0])).spans.get("techniques", []) == []


def _copy_model(tmp_path):
    target = tmp_path / "model"
    target.mkdir()
    for path in default_model_dir().iterdir():
        if path.is_file():
            (target / path.name).symlink_to(path) if path.name == "model.onnx" else shutil.copy(path, target / path.name)
    return target


def test_load_refuses_incomplete_foreign_or_altered_models(tmp_path):
    copy = _copy_model(tmp_path)
    meta = json.loads((copy / "meta.json").read_text())
    (copy / "meta.json").write_text(json.dumps({**meta, "sha256": "0" * 64}))
    with pytest.raises(ModelError, match="does not match the sha256"):
        TechniqueModel.load(copy)
    (copy / "meta.json").write_text(json.dumps({**meta, "unspin_version": ">=9.0"}))
    with pytest.raises(ModelError, match="is for unspin >=9.0"):
        TechniqueModel.load(copy)
    (copy / "span_head.npz").unlink()
    with pytest.raises(ModelError, match="missing span_head.npz"):
        TechniqueModel.load(copy)


def test_version_ranges():
    assert check_version_range(">=0.1.0,<0.2", "0.1.5")
    assert not check_version_range(">=0.1.0,<0.2", "0.2.0")
    assert check_version_range("", "3.0.0")


def test_decoding_runs_words_and_gaps():
    assert runs(np.array([True, True, False, True])) == [(0, 1), (3, 3)]
    text = "They are liars and frauds."
    assert widen_to_words(text, 10, 12) == (9, 14)
    tokens = DocTokens(np.array([[0, 4], [5, 8], [9, 14], [15, 18], [19, 25]]),
                       np.array([[0.1], [0.2], [0.9], [0.8], [0.7]], dtype=np.float32))
    assert [(s, e) for s, e, _, _ in decode_runs(text, tokens, 0, 0.5)] == [(9, 25)]
    assert decode_runs(text, tokens, 0, 0.95) == []


def test_hysteresis_extends_a_sure_run_over_its_less_sure_edges():
    text = "They are liars and frauds."
    tokens = DocTokens(np.array([[0, 4], [5, 8], [9, 14], [15, 18], [19, 25]]),
                       np.array([[0.1], [0.35], [0.9], [0.4], [0.1]], dtype=np.float32))
    assert [(s, e) for s, e, _, _ in decode_runs(text, tokens, 0, 0.8, low=0.3)] == [(5, 18)]
    assert [(s, e) for s, e, _, _ in decode_runs(text, tokens, 0, 0.8)] == [(9, 14)]
    unsure = DocTokens(tokens.offsets, np.array([[0.1], [0.5], [0.6], [0.5], [0.1]], dtype=np.float32))
    assert decode_runs(text, unsure, 0, 0.8, low=0.3) == []  # no piece sure enough to start a span


def test_a_model_with_an_any_technique_column_detects_with_that_column(tmp_path):
    copy = _copy_model(tmp_path)
    meta = json.loads((copy / "meta.json").read_text())
    plain = TechniqueModel.load(copy)
    (copy / "meta.json").write_text(json.dumps({**meta, "any_channel": True}))
    with_any = TechniqueModel.load(copy)
    text = TEXTS[0]
    encoded = plain.encode([text], [lines(text)])[0]
    last = with_any.detection_tokens(text, encoded, word_weight=0.0).probs[:, 0]
    best = plain.detection_tokens(text, encoded, word_weight=0.0).probs[:, 0]
    pieces = doc_tokens(encoded.windows, encoded.token_probs).probs
    np.testing.assert_allclose(last, pieces[:, -1], atol=1e-6)
    np.testing.assert_allclose(best, pieces.max(axis=1), atol=1e-6)
    assert not np.allclose(last, best)
