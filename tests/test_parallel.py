"""Extraction on all cores gives what it gives on one, in order (the pass's stages rely on it)."""

from storywatch.config import Settings
from storywatch.flows import pipeline
from storywatch.records import Document
from storywatch.signatures import minhash


def test_parse_and_analyse_on_a_process_pool_equal_the_sequential_results(monkeypatch):
    texts = [f"Sergei Lavrov said on day {i} that the talks in Geneva would resume next week. "
             f"Item {i} of the batch." for i in range(20)]
    documents = [Document(source=f"s{i}.txt", name=f"s{i}.txt", kind="txt", content=t.encode())
                 for i, t in enumerate(texts)] + [Document(source="bad.txt", name="bad.txt", kind="txt",
                                                           content=b"")]
    settings = Settings()
    pooled, pooled_failed = pipeline.parse_documents(documents)
    pooled_claims = pipeline.analyse_articles(pooled, settings)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10**9)  # the sequential path
    single, single_failed = pipeline.parse_documents(documents)
    single_claims = pipeline.analyse_articles(single, settings)
    assert [a.key for a in pooled] == [a.key for a in single] and len(pooled) == 20
    assert [f.source for f in pooled_failed] == [f.source for f in single_failed] == ["bad.txt"]
    assert [[c.text for c in a.claims] for a in pooled_claims] == \
        [[c.text for c in a.claims] for a in single_claims]
    assert any(a.claims for a in single_claims)


def test_prepare_gives_the_articles_signatures_and_claims_of_the_separate_stages():
    texts = [f"Sergei Lavrov said on day {i} that the talks in Geneva would resume next week. "
             f"Item {i} of the batch." if i % 2 else f"The council met on day {i} in Vienna and "
             f"agreed nothing new about the budget, item {i}." for i in range(20)]
    documents = [Document(source=f"s{i}.txt", name=f"s{i}.txt", kind="txt", content=t.encode())
                 for i, t in enumerate(texts)] + [Document(source="bad.txt", name="bad.txt", kind="txt",
                                                           content=b"")]
    settings = Settings()
    prepared = pipeline.prepare_documents(documents, settings)
    articles, failed = pipeline.parse_documents(documents)
    analysed = pipeline.analyse_articles(articles, settings)
    assert [a.key for a in prepared.articles] == [a.key for a in articles]
    assert [f.source for f in prepared.failures] == [f.source for f in failed] == ["bad.txt"]
    assert prepared.signatures == [minhash(a.text) for a in articles]
    assert [[c.text for c in claims] for claims in prepared.claims] == [[c.text for c in a.claims]
                                                                       for a in analysed]
    assert sum(bool(claims) for claims in prepared.claims) == 10
    kept = prepared.articles[1::2]  # as dedup returns them: a subset, the same objects
    assert [[c.text for c in a.claims] for a in prepared.analysed(kept)] == \
        [[c.text for c in claims] for claims in prepared.claims[1::2]]
    assert set(prepared.cpu_seconds) == {"extraction", "signature", "claims"}


def test_page_batches_cover_every_job_once_starting_and_ending_small():
    from storywatch.flows.monitor import PAGE_BATCH, batch_bounds

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

    from storywatch.flows.monitor import FetchTurn

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
