"""Training inputs that need no torch: the teacher's soft labels for distillation, the "any technique" column."""

import numpy as np
import pytest

from unspin.techniques.encoding import Encoder, lines
from unspin.techniques.model import TechniqueModel, default_model_dir
from unspin.techniques.train import teacher_examples, with_any_column

TEXTS = ["They are lying to you, again and again.\nThe committee meets on Tuesday.", "A traitor to our great nation."]


def test_teacher_labels_each_window_with_its_token_probabilities():
    encoder = Encoder(default_model_dir() / "tokenizer.json")
    examples = teacher_examples(TEXTS, default_model_dir(), encoder)
    teacher = TechniqueModel.load()
    expected = [(w, p) for enc in teacher.encode(TEXTS, [lines(t) for t in TEXTS]) for w, p in zip(enc.windows, enc.token_probs)]
    assert len(examples) == len(expected) == 3
    for example, (window, probs) in zip(examples, expected):
        assert np.array_equal(example.window.ids, window.ids) and example.spans == []
        assert example.labels.shape == (len(window), 14)
        np.testing.assert_allclose(example.labels, probs, atol=1e-6)
        assert 0 <= example.labels.min() and example.labels.max() <= 1


def test_a_teacher_that_cuts_windows_differently_is_refused():
    encoder = Encoder(default_model_dir() / "tokenizer.json", pack_lines=True)
    with pytest.raises(ValueError, match="pack-lines"):
        teacher_examples(TEXTS, default_model_dir(), encoder)


def test_the_any_technique_column_is_the_best_of_the_fourteen():
    encoder = Encoder(default_model_dir() / "tokenizer.json")
    example = teacher_examples(TEXTS, default_model_dir(), encoder)[0]
    widened = with_any_column(example)
    assert widened.labels.shape == (len(example.window), 15)
    np.testing.assert_array_equal(widened.labels[:, :14], example.labels)
    np.testing.assert_array_equal(widened.labels[:, 14], example.labels.max(axis=1))
