"""The worker processes of a pass: CPU-bound work on every core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_MIN = 16  # fewer items are not worth the round trip to the workers
_pool: ProcessPoolExecutor | None = None


def on_all_cores(work: Callable[[T], R], items: list[T]) -> list[R]:
    """work(item) for each item, in order, on a process per core when there are enough items.

    Extraction is CPU-bound Python (trafilatura, the claim finder): threads would share one core.
    The pool is started once per process (spawn: the caller has threads) and kept for later passes."""
    global _pool
    cores = os.cpu_count() or 1
    if cores < 2 or len(items) < PARALLEL_MIN:
        return [work(item) for item in items]
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn"))
    try:
        return list(_pool.map(work, items, chunksize=max(1, min(8, len(items) // (4 * cores)))))
    except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh next time
        _pool = None
        return [work(item) for item in items]
