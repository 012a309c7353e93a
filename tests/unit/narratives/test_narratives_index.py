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


@pytest.mark.parametrize("exact_limit", [20_000, 10])
def test_a_case_with_several_rows_ranks_once_by_its_best_row(monkeypatch, exact_limit):
    monkeypatch.setattr(index_module, "EXACT_LIMIT", exact_limit)
    flat = _index(60)
    # the same 60 vectors grouped into 20 cases of 3 rows each (a title and two examples)
    grouped = VectorIndex("use", [("c", str(i // 3)) for i in range(60)], flat.vectors, build(flat.vectors))
    assert len(grouped.cases) == 20 and grouped.rows_of()[("c", "4")] == slice(12, 15)
    queries = flat.vectors[[13, 40]]
    scores, cases = grouped.search(queries, 5)
    assert [grouped.cases[c] for c in cases[:, 0]] == [("c", "4"), ("c", "13")]
    assert len(set(cases[0].tolist())) == 5  # no case twice
    full = queries @ flat.vectors.T
    best_per_case = full.reshape(2, 20, 3).max(axis=2)
    np.testing.assert_allclose(scores, -np.sort(-best_per_case, axis=1)[:, :5], rtol=1e-5, atol=1e-5)
