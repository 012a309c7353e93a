"""Batches of encoder inputs with little padding (shared by the technique tagger and e5), and row
blocks of a matrix product spread over threads (narrative search)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from threadpoolctl import ThreadpoolController

#: a block smaller than this costs more in handing it to a thread than its share of the work saves
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


class _OneBlasThread:
    """BLAS held to one thread while anyone holds it. The thread count is process-wide, so holders
    that overlap (threads of the web service) share one hold: the first in sets it, the last out gives
    back what it found. With threadpoolctl's own limits, a second holder would note the first one's 1
    and put back 1 for good."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._limiter = None

    def __enter__(self) -> None:
        with self._lock:
            if self._holders == 0:
                self._limiter = blas_libraries().limit(limits=1)
            self._holders += 1

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0:
                self._limiter.restore_original_limits()
                self._limiter = None


_ONE_BLAS_THREAD = _OneBlasThread()


def one_blas_thread() -> _OneBlasThread:
    """Context holding BLAS to one thread, for callers that spread their work over threads themselves.

    OpenBLAS's own worker threads spin on a core for a while after each call, so whatever runs next
    loses that core: e5's int8 draft (ONNX Runtime) took 852-874 ms over the units of 112 PTC
    articles right after two-thread BLAS work, 644-676 ms after one-thread work. On cores shared
    with other processes, two BLAS threads were slower still (see `unspin.narratives.encoders`).
    """
    return _ONE_BLAS_THREAD


@functools.cache
def _row_pool(threads: int) -> ThreadPoolExecutor:
    """Threads kept for `split_rows` (it starts only those it needs): starting two for each call cost
    ~1 ms on busy cores."""
    return ThreadPoolExecutor(threads, thread_name_prefix=_ROW_THREAD)


def split_rows(compute: Callable[[Sequence], object], rows: Sequence, threads: int):  # noqa: ANN201
    """``compute`` over contiguous blocks of ``rows`` (an array or a list), up to ``threads`` at once,
    with BLAS on one thread (numpy releases the GIL in its matrix products); the results (arrays, or
    tuples of arrays) stacked back in row order. Called from one of its own threads, it runs
    ``compute`` there on all the rows (a nested call would wait on the threads it holds)."""
    nested = threading.current_thread().name.startswith(_ROW_THREAD)
    parts = 1 if nested else max(1, min(threads, len(rows) // MIN_ROWS_A_PART))
    with one_blas_thread():
        if parts == 1:
            return compute(rows)
        bounds = np.linspace(0, len(rows), parts + 1).astype(int)
        results = list(_row_pool(threads).map(compute, [rows[a:b] for a, b in zip(bounds[:-1], bounds[1:])]))
    if isinstance(results[0], tuple):
        return tuple(np.concatenate(column) for column in zip(*results))
    return np.concatenate(results)
