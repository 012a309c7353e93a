"""Timing and memory helpers shared by the bench scripts (run as `python bench/X.py`, so this folder is on sys.path)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], object], repeat: int, setup: Callable[[], object] = lambda: None) -> float:
    """Best wall time of ``repeat`` runs (the least disturbed by other processes), ``setup`` untimed."""
    best = float("inf")
    for _ in range(repeat):
        setup()
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best
