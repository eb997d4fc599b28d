"""Extraction on all cores gives what it gives on one, in order (the pass's stages rely on it)."""

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
