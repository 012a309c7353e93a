import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from unspin.batching import blas_libraries, one_blas_thread, similar_length_runs, split_rows


def test_runs_keep_padding_small_and_respect_the_size():
    assert similar_length_runs([10, 11, 12, 13, 30, 31], 16, 0.1, 2) == [[0, 1, 2, 3], [4, 5]]
    assert similar_length_runs([5, 100], 16, 0.1, 2) == [[0], [1]]
    assert similar_length_runs([10, 10, 10], 2, 0.1, 2) == [[0, 1], [2]]


def test_runs_take_items_shortest_first():
    assert similar_length_runs([31, 10, 30, 11], 16, 0.1, 2) == [[1, 3], [2, 0]]
    assert similar_length_runs([], 16, 0.1, 2) == []


def test_split_rows_gives_what_one_call_gives_in_row_order():
    rng = np.random.default_rng(0)
    queries, rows = rng.standard_normal((50, 16)), rng.standard_normal((300, 16))
    best = split_rows(lambda block: (block @ rows.T).max(axis=1), queries, 2)
    np.testing.assert_allclose(best, (queries @ rows.T).max(axis=1))
    scores, order = split_rows(lambda block: (np.sort(block, axis=1), np.argsort(block, axis=1)), queries, 3)
    np.testing.assert_array_equal(scores, np.sort(queries, axis=1))
    np.testing.assert_array_equal(order, np.argsort(queries, axis=1))
    assert split_rows(lambda texts: np.array([len(t) for t in texts]), ["a", "bb", "ccc"], 2).tolist() == [1, 2, 3]


def test_split_rows_holds_blas_to_one_thread_and_gives_it_back():
    # numpy's own BLAS (a wheel ships it under numpy.libs), the one that does numpy's products; faiss
    # brings an OpenMP build whose thread count is per thread
    numpy_blas = [lib for lib in blas_libraries().lib_controllers if "numpy" in lib.filepath]
    assert numpy_blas

    def blas_threads() -> set[int]:
        return {lib.num_threads for lib in numpy_blas}

    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        assert before == {2}
        seen = split_rows(lambda block: np.full(len(block), max(blas_threads())), np.zeros((20, 2)), 2)
        assert set(seen.tolist()) == {1}
        assert blas_threads() == before


def test_overlapping_holds_of_one_blas_thread_give_back_the_count_they_found():
    """Two holds that overlap and end in the order they began (as two requests of the web service
    may): the second must not give back the first one's 1 when it ends."""
    numpy_blas = [lib for lib in blas_libraries().lib_controllers if "numpy" in lib.filepath]

    def threads() -> set[int]:
        return {lib.num_threads for lib in numpy_blas}

    with threadpool_limits(2, user_api="blas"):
        first, second = one_blas_thread(), one_blas_thread()
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        assert threads() == {1}  # the second still holds it
        second.__exit__(None, None, None)
        assert threads() == {2}


@pytest.mark.timeout(30)  # a nested call waiting on its own threads would hang, not fail
def test_split_rows_called_inside_itself_runs_the_inner_call_in_place():
    rows = np.arange(40.0).reshape(20, 2)
    inner = split_rows(lambda block: split_rows(lambda b: b.sum(axis=1), block, 2), rows, 2)
    np.testing.assert_array_equal(inner, rows.sum(axis=1))
