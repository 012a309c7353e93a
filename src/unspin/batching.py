"""Batches of encoder inputs with little padding (shared by the technique tagger and e5), and row
blocks of a matrix product spread over threads (narrative search)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from threadpoolctl import ThreadpoolController

#: a block smaller than this costs more in thread start-up than its share of the product saves
MIN_ROWS_A_PART = 4
_ROW_THREAD = "unspin-rows"


def similar_length_runs(lengths: Sequence[int], size: int, slack: float, extra: int) -> list[list[int]]:
    """Indices of ``lengths``, shortest first, cut into runs of at most ``size`` whose longest item
    is at most ``slack`` x (plus ``extra``) longer than their shortest.

    Padding every row of a call to its longest costs more than making more, smaller calls does
    (e5 on PTC sentences: 33 ms a unit in calls of 16, 21-27 ms in calls of 1-4).
    """
    runs: list[list[int]] = []
    shortest = 0
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        length = lengths[index]
        if runs and len(runs[-1]) < size and length <= shortest * (1 + slack) + extra:
            runs[-1].append(index)
        else:
            runs.append([index])
            shortest = length
    return runs


@functools.cache
def blas_libraries() -> ThreadpoolController:
    """The BLAS libraries loaded when first asked, numpy's among them (it does the matrix products
    here; faiss and scipy bring their own, which these paths do not call). Found once: a scan of the
    loaded libraries costs 0.5 ms, holding them to a thread count 0.03 ms."""
    return ThreadpoolController().select(user_api="blas")


def one_blas_thread():  # noqa: ANN201 - a threadpoolctl context manager
    """Context holding BLAS to one thread, for callers that spread their work over threads themselves.

    OpenBLAS's own worker threads spin on a core for a while after each call, so whatever runs next
    loses that core: e5's int8 draft (ONNX Runtime) took 852-874 ms over the units of 112 PTC
    articles right after two-thread BLAS work, 644-676 ms after one-thread work. On cores shared
    with other processes, two BLAS threads were slower still (see `unspin.narratives.encoders`).
    """
    return blas_libraries().limit(limits=1)


@functools.cache
def _row_pool(parts: int) -> ThreadPoolExecutor:
    """Threads kept for `split_rows`: starting two for each call cost ~1 ms on busy cores."""
    return ThreadPoolExecutor(parts, thread_name_prefix=_ROW_THREAD)


def split_rows(compute: Callable[[Sequence], object], rows: Sequence, parts: int):  # noqa: ANN201
    """``compute`` over ``parts`` contiguous blocks of ``rows`` (an array or a list) at once, one thread
    each, with BLAS on one thread (numpy releases the GIL in its matrix products); the results (arrays,
    or tuples of arrays) stacked back in row order. Called from one of its own threads, it runs
    ``compute`` there on all the rows (a nested call would wait on the threads it holds)."""
    nested = threading.current_thread().name.startswith(_ROW_THREAD)
    parts = 1 if nested else max(1, min(parts, len(rows) // MIN_ROWS_A_PART))
    with one_blas_thread():
        if parts == 1:
            return compute(rows)
        bounds = np.linspace(0, len(rows), parts + 1).astype(int)
        results = list(_row_pool(parts).map(compute, [rows[a:b] for a, b in zip(bounds[:-1], bounds[1:])]))
    if isinstance(results[0], tuple):
        return tuple(np.concatenate(column) for column in zip(*results))
    return np.concatenate(results)
