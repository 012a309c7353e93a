"""VectorIndex.best: the gate's best cosine, equal to the top of a full search (exact and HNSW)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("faiss")

from unspin.narratives import index as index_module  # noqa: E402
from unspin.narratives.index import VectorIndex, build  # noqa: E402


def _index(n: int, dim: int = 32) -> VectorIndex:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return VectorIndex("use", [("c", str(i)) for i in range(n)], vectors, build(vectors))


@pytest.mark.parametrize("exact_limit", [20_000, 10])
def test_best_is_the_top_search_score(monkeypatch, exact_limit):
    monkeypatch.setattr(index_module, "EXACT_LIMIT", exact_limit)
    idx = _index(200)
    queries = idx.vectors[:20] + 0.3 * np.random.default_rng(1).standard_normal((20, 32)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    scores, _ = idx.search(queries, 5)
    np.testing.assert_allclose(idx.best(queries), scores[:, 0], rtol=1e-5, atol=1e-5)


def test_best_of_empty_index_and_no_queries():
    empty = VectorIndex("use", [], np.zeros((0, 8), np.float32), build(np.zeros((0, 8), np.float32)))
    assert empty.best(np.ones((3, 8), np.float32)).tolist() == [-1.0, -1.0, -1.0]
    assert _index(5, 8).best(np.zeros((0, 8), np.float32)).shape == (0,)
