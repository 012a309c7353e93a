"""The lexical models: stable hashed features, fits that learn words, mixes that count only with a weight."""

import numpy as np
import pytest

from unspin.data.ptc import TECHNIQUES
from unspin.techniques.lexical import (HASH_BITS, WORD_HASH_BITS, LexicalHead, WordPrior, fit_lexical, fit_word_prior,
                                      hashed_counts, span_ngrams, word_features)
from unspin.techniques.model import SpanHead, TechniqueModel
from unspin.techniques.train import LABEL_INDEX
from unspin.techniques.tune import GoldSpans, SpanHead as TunedHead, _choose_lexical_mix

pytest.importorskip("sklearn")
pytest.importorskip("scipy")

NAME_CALLING, FLAG_WAVING = LABEL_INDEX["Name_Calling,Labeling"], LABEL_INDEX["Flag-Waving"]
SENTENCES = [
    ("Protesters were called thugs by the mayor.", "thugs", NAME_CALLING),
    ("The senator dismissed them as idiots yesterday.", "idiots", NAME_CALLING),
    ("Critics were branded traitors on television.", "traitors", NAME_CALLING),
    ("He spoke of our great nation at the rally.", "our great nation", FLAG_WAVING),
    ("We must defend our great nation now.", "our great nation", FLAG_WAVING),
    ("For the glory of our nation, he said.", "glory of our nation", FLAG_WAVING),
]


def _spans(repeat: int = 1) -> tuple[list[tuple[str, int, int]], np.ndarray]:
    spans, targets = [], []
    for _ in range(repeat):
        for sentence, phrase, technique in SENTENCES:
            start = sentence.index(phrase)
            spans.append((sentence, start, start + len(phrase)))
            targets.append(technique)
    return spans, np.asarray(targets)


def test_features_are_the_words_pairs_padded_char_ngrams_and_five_words_either_side():
    text = "one two three four five six Big Lie seven eight nine ten eleven twelve"
    start = text.index("Big Lie")
    grams = span_ngrams(text, start, start + len("Big Lie"))
    assert grams["w"] == ["big", "lie", "big lie"]
    assert " b" in grams["c"] and "ig " in grams["c"] and " lie " in grams["c"] and "big l" not in grams["c"]
    assert grams["x"] == ["l:two", "l:three", "l:four", "l:five", "l:six",
                          "r:seven", "r:eight", "r:nine", "r:ten", "r:eleven"]


def test_hashing_is_fixed_across_runs_and_machines():
    # crc32, not Python's salted hash: a shipped table must mean the same rows everywhere
    counts = dict(hashed_counts("thugs", 0, 5))
    assert list(counts["w"]) == [64430] and 95792 in counts["c"]  # crc32(b"w:thugs"), crc32(b"c: t") mod 2**17
    assert all(0 <= row < (1 << HASH_BITS) for counter in counts.values() for row in counter)


def test_fit_learns_the_words_of_each_technique_and_round_trips(tmp_path):
    spans, targets = _spans(repeat=3)
    head = fit_lexical(spans, targets, np.ones(len(targets)), c=10.0, n_labels=len(TECHNIQUES))
    new = "They are nothing but thugs and traitors."
    start = new.index("thugs")
    assert head.log_proba(new, start, start + 5).argmax() == NAME_CALLING
    flag = "Stand up for our great nation!"
    start = flag.index("our great nation")
    log_p = head.log_proba(flag, start, start + len("our great nation"))
    assert log_p.argmax() == FLAG_WAVING and np.isclose(np.exp(log_p).sum(), 1.0)
    assert set(np.flatnonzero(head.bias > -1e3)) == {NAME_CALLING, FLAG_WAVING}  # unseen techniques never win
    head.save(tmp_path / "lexical.npz")
    loaded = LexicalHead.load(tmp_path / "lexical.npz")
    assert np.allclose(loaded.log_proba(flag, start, start + 16), log_p, atol=1e-2)


def test_span_head_without_a_mix_is_the_plain_softmax_and_with_one_follows_the_words():
    spans, targets = _spans(repeat=3)
    lexical = fit_lexical(spans, targets, np.ones(len(targets)), c=10.0, n_labels=len(TECHNIQUES))
    weight = np.zeros((len(TECHNIQUES), 4), np.float32)
    bias = np.zeros(len(TECHNIQUES), np.float32)
    bias[FLAG_WAVING] = 0.5  # the vector head leans to Flag-Waving whatever it reads
    vector = np.ones(4, np.float32)
    text = "The mayor called them thugs."
    start = text.index("thugs")
    plain = SpanHead(weight, bias, lexical, mix=0.0).probabilities(text, vector, start, start + 5)
    assert plain.argmax() == FLAG_WAVING and np.isclose(plain.sum(), 1.0)
    mixed = SpanHead(weight, bias, lexical, mix=0.5).probabilities(text, vector, start, start + 5)
    assert mixed.argmax() == NAME_CALLING and np.isclose(mixed.sum(), 1.0)


def test_the_mix_is_chosen_only_where_words_beat_the_vectors_in_cross_validation():
    spans, targets = _spans(repeat=4)
    rng = np.random.RandomState(0)
    noise = rng.normal(size=(len(targets), 4)).astype(np.float32)  # vectors that say nothing
    owners = np.arange(len(targets)) % 3
    half = len(targets) // 2
    train = GoldSpans(noise[:half], targets[:half], owners[:half], spans[:half])
    dev = GoldSpans(noise[half:], targets[half:], owners[half:], spans[half:])
    held_out = [dev.owners == fold for fold in range(3)]
    vector_heads = [TunedHead(np.zeros((len(TECHNIQUES), 4), np.float32), np.zeros(len(TECHNIQUES), np.float32))] * 3
    choice, heads = _choose_lexical_mix(train, dev, held_out, vector_heads, 3.0, log=lambda _: None)
    assert choice["lexical_mix"] > 0 and choice["cv_accuracy_with_words"] == 1.0
    assert all(head.lexical is not None and head.mix == choice["lexical_mix"] for head in heads)


def _articles() -> list[tuple[str, list[tuple[int, int]]]]:
    articles = []
    for sentence, phrase, _ in SENTENCES * 3:
        start = sentence.index(phrase)
        articles.append((sentence, [(start, start + len(phrase))]))
    return articles


def test_word_features_cover_every_word_and_mark_in_order():
    starts, rows = word_features("They're thugs, he said.")
    assert list(starts) == [0, 8, 13, 15, 18, 22]  # They're, thugs, ",", he, said, "."
    assert len(rows) == 6 and all(rows) and rows == word_features("They're thugs, he said.")[1]
    assert all(0 <= r < (1 << WORD_HASH_BITS) for row in rows for r in row)


def test_the_prior_of_a_word_is_its_logistic_score_over_its_distinct_features():
    prior = fit_word_prior(_articles(), c=1.0)
    text = "They're thugs, he said, thugs!"
    starts, rows = word_features(text)
    assert all(row == sorted(set(row)) for row in rows)
    expected = [float(prior.weight[row].sum()) / np.sqrt(len(row)) + prior.bias - np.log(prior.prior / (1 - prior.prior))
                for row in rows]
    np.testing.assert_allclose(prior.shift(text, starts), expected, rtol=1e-5)


def test_word_prior_raises_the_words_that_lie_in_spans_and_lowers_the_rest():
    prior = fit_word_prior(_articles(), c=1.0)
    assert 0 < prior.prior < 1
    text = "The mayor called them thugs."
    starts, _ = word_features(text)
    shift = prior.shift(text, starts)
    assert shift[4] > 0 > shift[1]  # "thugs" against "mayor"
    assert prior.shift("", np.array([0])).tolist() == [0.0]


def test_detection_mixes_the_word_prior_only_with_a_weight(tmp_path):
    model = TechniqueModel.load()
    text = "The mayor called them thugs and traitors."
    encoded = model.encode([text], [[(0, len(text))]])[0]
    plain = model.detection_tokens(text, encoded, word_weight=0.0)
    model.word_prior = fit_word_prior(_articles(), c=1.0)
    assert np.array_equal(model.detection_tokens(text, encoded, word_weight=0.0).probs, plain.probs)
    mixed = model.detection_tokens(text, encoded, word_weight=1.0)
    thugs = (plain.offsets[:, 0] >= text.index("thugs")) & (plain.offsets[:, 1] <= text.index("thugs") + 5)
    assert (mixed.probs[thugs] > plain.probs[thugs]).all()
    model.word_prior.save(tmp_path / "prior.npz")
    assert np.allclose(WordPrior.load(tmp_path / "prior.npz").shift(text, plain.offsets[:, 0]),
                       model.word_prior.shift(text, plain.offsets[:, 0]), atol=1e-2)
