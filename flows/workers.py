"""The worker processes of a pass: CPU-bound work on every core."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_MIN = 16  # fewer items are not worth the round trip to the workers
_pool: ProcessPoolExecutor | None = None


def on_all_cores(work: Callable[[T], R], items: Iterable[T], count: int | None = None) -> list[R]:
    """work(item) for each item, in order, on a process per core when there are enough items.

    Extraction is CPU-bound Python (trafilatura, the claim finder): threads would share one core.
    The pool is started once per process (spawn: the caller has threads) and kept for later passes.
    `items` may be an iterator whose items come as they are ready (a batch's pages as they are
    fetched), `count` then saying how many it gives at most: each chunk of items goes to the
    workers as soon as it is complete, so they start on the first pages before the last come. On
    one core, or with few items, all are taken first and then worked through here, in turn."""
    global _pool
    cores = os.cpu_count() or 1
    if count is None:
        items = list(items)
        count = len(items)
    if cores < 2 or count < PARALLEL_MIN:
        return [work(item) for item in list(items)]
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn"))
    remaining = iter(items)
    taken: list[T] = []  # what went to the workers: done again here if they die
    try:
        return list(_pool.map(work, _noting(remaining, taken),
                              chunksize=max(1, min(8, count // (4 * cores)))))
    except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh next time
        _pool = None
        return [work(item) for item in itertools.chain(taken, remaining)]


def _noting(items: Iterator[T], taken: list[T]) -> Iterator[T]:
    for item in items:
        taken.append(item)
        yield item
