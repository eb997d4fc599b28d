"""Extraction on all cores gives what it gives on one, in order (the pass's stages rely on it)."""

import os
import time

from storywatch.config import Settings
from storywatch.flows import prepare, workers
from storywatch.records import Document
from storywatch.signatures import minhash


def _documents(texts: list[str]) -> list[Document]:
    bad = Document(source="bad.txt", name="bad.txt", kind="txt", content=b"")
    return [Document(source=f"s{i}.txt", name=f"s{i}.txt", kind="txt", content=t.encode())
            for i, t in enumerate(texts)] + [bad]


def test_prepare_on_a_process_pool_equals_the_sequential_results(monkeypatch):
    documents = _documents([f"Sergei Lavrov said on day {i} that the talks in Geneva would resume next "
                            f"week. Item {i} of the batch." for i in range(20)])
    settings = Settings()
    pooled = prepare.prepare_documents(documents, settings)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10**9)  # the sequential path
    single = prepare.prepare_documents(documents, settings)
    assert [a.key for a in pooled.articles] == [a.key for a in single.articles] and len(pooled.articles) == 20
    assert [f.source for f in pooled.failures] == [f.source for f in single.failures] == ["bad.txt"]
    assert pooled.signatures == single.signatures
    assert [[c.text for c in claims] for claims in pooled.claims] == \
        [[c.text for c in claims] for claims in single.claims]
    assert any(single.claims)


def test_prepare_gives_each_documents_article_signature_and_claims():
    documents = _documents([f"Sergei Lavrov said on day {i} that the talks in Geneva would resume next "
                            f"week. Item {i} of the batch." if i % 2 else f"The council met on day {i} in "
                            f"Vienna and agreed nothing new about the budget, item {i}." for i in range(20)])
    settings = Settings()
    prepared = prepare.prepare_documents(documents, settings)
    articles = [prepare.parse(d) for d in documents[:-1]]
    assert [a.key for a in prepared.articles] == [a.key for a in articles]
    assert [f.source for f in prepared.failures] == [prepare.parse(documents[-1]).source] == ["bad.txt"]
    assert prepared.signatures == [minhash(a.text) for a in articles]
    figures = settings.figures()
    assert [[c.text for c in claims] for claims in prepared.claims] == [
        [c.text for c in prepare.claims_about(a.text, figures, settings.aspects)] for a in articles]
    assert sum(bool(claims) for claims in prepared.claims) == 10
    assert set(prepared.cpu_seconds) == {"extraction", "signature", "claims"}


def test_page_batches_cover_every_job_once_starting_and_ending_small():
    from storywatch.flows.pipeline import PAGE_BATCH, batch_bounds

    assert batch_bounds(0) == [(0, 0)]
    for jobs in (1, PAGE_BATCH // 4, PAGE_BATCH, 1_000, 10_001):
        bounds = batch_bounds(jobs)
        covered = [i for start, end in bounds for i in range(start, end)]
        assert covered == list(range(jobs))
        assert bounds[0][1] <= PAGE_BATCH // 8 and all(end - start <= PAGE_BATCH for start, end in bounds)
        sizes = [end - start for start, end in bounds]
        assert all(b <= 2 * a for a, b in zip(sizes, sizes[1:-1], strict=False))  # the ramp: 25, 50, 100, 200
        assert bounds[-1][1] - bounds[-1][0] <= PAGE_BATCH // 4  # the workers wait while it is stored
        assert all(end > start for start, end in bounds)
    assert [end - start for start, end in batch_bounds(1_000)] == [25, 50, 100, 200, 200, 200, 200, 25]


def test_a_batch_fetches_only_after_the_batch_before_it_has():
    import threading

    from storywatch.flows.pipeline import FetchTurn

    first = FetchTurn()
    second = FetchTurn(first)
    order = []

    def fetch(turn, name):
        with turn:
            order.append(name)

    later = threading.Thread(target=fetch, args=(second, "second"))
    later.start()
    later.join(0.2)
    assert later.is_alive() and order == []  # waiting for the first batch's turn
    fetch(first, "first")
    later.join(5)
    assert order == ["first", "second"] and second.done.is_set()


def _started(item: int) -> tuple[int, float]:
    return item, time.monotonic()


def _dies_in_a_worker(item: tuple[int, int]) -> int:
    number, parent = item
    if number == 3 and os.getpid() != parent:
        os._exit(1)  # a worker killed mid-batch
    return number * 2


def test_items_that_come_one_by_one_go_to_the_workers_as_they_come():
    workers.on_all_cores(_started, list(range(workers.PARALLEL_MIN)))  # the pool up, not timed
    ended = []

    def slowly():
        for item in range(40):
            time.sleep(0.05)
            yield item
        ended.append(time.monotonic())

    results = workers.on_all_cores(_started, slowly(), count=40)
    assert [item for item, _ in results] == list(range(40))  # all, in order
    assert min(at for _, at in results) < ended[0] - 1.0  # the first chunks ran while the rest came
    assert [item for item, _ in workers.on_all_cores(_started, iter(range(40)), count=40)] == \
        [item for item, _ in workers.on_all_cores(_started, list(range(40)))]


def test_a_worker_that_dies_leaves_every_item_done_once_here():
    items = ((n, os.getpid()) for n in range(40))
    assert workers.on_all_cores(_dies_in_a_worker, items, count=40) == [n * 2 for n in range(40)]
    assert workers.on_all_cores(_dies_in_a_worker, [(n, os.getpid()) for n in range(20)]) == \
        [n * 2 for n in range(20)]
