"""Feed ingestion stages as plain functions; monitor.py wraps each as one Prefect task over the batch.

1. poll_feeds: every due feed, in parallel (bounded, per-host limited), with conditional GET;
   returns the entries whose page is new or changed, and one Failure per feed that failed;
   record_polls keeps the feeds' new validators once the pass has stored their entries;
2. fetch_pages: those entries' pages, in parallel; a page that fails falls back to the feed's
   summary (marked as such) and is retried on a later pass with backoff; record_entries marks the
   entries once their articles are stored;
3. parse_fetched: page -> Article (trafilatura text, lxml metadata from the same parse), keyed by
   canonical URL;
4. dedup_articles: drop exact copies and link near-duplicates (syndicated wire copies) to their
   original before any analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from storywatch.config import FeedSource, Settings
from storywatch.errors import Rejected
from storywatch.extractors.dedup import NEAR_DUPLICATE, lsh_bands, minhash, most_similar
from storywatch.extractors.pages import parse_page, parse_summary
from storywatch.records import Article, Document, Failure
from storywatch.sources.feeds import FeedEntry, ParsedFeed, parse_feed
from storywatch.sources.http import Fetched, Fetcher, FetchFailed
from storywatch.sources.urls import canonical_url
from storywatch.storage import Store
from storywatch.storage.feeds import EntryOutcome, FeedStore, NearDuplicate, SignedArticle

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class PageJob:
    feed: FeedSource
    feed_title: str | None
    entry: FeedEntry


@dataclass
class Dedup:
    kept: list[Article]
    duplicates: int = 0
    copies: int = 0


def parallel(items: Iterable[T], work: Callable[[T], R], workers: int) -> list[R]:
    """work(item) for every item, at most `workers` at once, results in input order."""
    items = list(items)
    if len(items) <= 1:
        return [work(i) for i in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items)),
                            thread_name_prefix="storywatch-fetch") as pool:
        return list(pool.map(work, items))


@dataclass(frozen=True)
class FeedPoll:
    """A feed that answered, and the validators for the next conditional GET."""
    url: str
    name: str | None
    etag: str | None
    last_modified: str | None


def poll_feeds(settings: Settings, store: Store, fetcher: Fetcher,
               now: datetime) -> tuple[list[PageJob], list[Failure], list[FeedPoll]]:
    """The due feeds' new or changed entries as page jobs. A feed that failed is recorded now (with
    backoff); one that answered comes back as a FeedPoll, for record_polls once its entries are
    stored: until then its old validators stand, so a pass that dies halfway reads it again."""
    feed_store = FeedStore(store.engine)
    states = feed_store.feed_states([f.url for f in settings.feeds])
    due = [f for f in settings.feeds if f.url not in states or states[f.url].due(now)]

    def poll(feed: FeedSource):
        state = states.get(feed.url)
        try:
            return feed, fetcher.get(feed.url, FEED_ACCEPT, state.etag if state else None,
                                     state.last_modified if state else None), None
        except FetchFailed as exc:
            return feed, None, exc

    # Fetch on threads (I/O), then parse on every core: feedparser is pure Python (~20 ms for 50
    # entries), and the workers have nothing else to do before the first pages come.
    from .pipeline import on_all_cores

    answered = parallel(due, poll, settings.fetch.max_parallel)
    bodies = [fetched for _, fetched, _ in answered if fetched is not None and not fetched.not_modified]
    parsed_bodies = dict(zip(map(id, bodies), on_all_cores(_parse_feed, bodies), strict=True))
    jobs, failures, polls = [], [], []
    for feed, fetched, error in answered:
        name = feed.name
        parsed = parsed_bodies.get(id(fetched))
        if isinstance(parsed, str):  # fetched, but not readable as a feed
            error = FetchFailed(parsed)
        if error is not None:
            feed_store.record_poll_failure(feed.url, name, str(error), now, settings.fetch.retry_base_seconds,
                                           settings.fetch.retry_max_seconds, error.retry_after)
            failures.append(Failure(source=feed.url, reason=str(error)))
            continue
        state = states.get(feed.url)
        if parsed is None:  # 304 Not Modified: keep the validators we have
            polls.append(FeedPoll(feed.url, name, state.etag if state else None,
                                  state.last_modified if state else None))
            entries = []
        else:
            polls.append(FeedPoll(feed.url, name, fetched.etag, fetched.last_modified))
            entries = parsed.entries[: settings.fetch.max_entries_per_feed]
        known = feed_store.entry_states(feed.url, [e.key for e in entries])
        keys = set()
        for entry in entries:
            seen = known.get(entry.key)
            if seen is None or seen.fingerprint != entry.fingerprint or (
                    seen.state != "fetched" and seen.due(now)):
                jobs.append(PageJob(feed, parsed.title, entry))
                keys.add(entry.key)
        for key, link in feed_store.due_retries(feed.url, now):  # earlier failures, also on a 304
            if key not in keys:
                retry = FeedEntry(key=key, link=link, title=None, summary="", published=None,
                                  fingerprint=(known.get(key).fingerprint if key in known else ""))
                jobs.append(PageJob(feed, None, retry))
    return jobs, failures, polls


def _parse_feed(fetched: Fetched) -> ParsedFeed | str:
    """A fetched feed parsed, or the reason it cannot be read (a string: it crosses processes)."""
    try:
        return parse_feed(fetched.content, fetched.content_type, fetched.charset, fetched.url)
    except Rejected as exc:
        return str(exc)


def record_polls(polls: list[FeedPoll], store: Store, now: datetime) -> None:
    """The feeds that answered, with their new validators: called once the pass stored their entries."""
    feed_store = FeedStore(store.engine)
    for poll in polls:
        feed_store.record_poll_ok(poll.url, poll.name, poll.etag, poll.last_modified, now)


def fetch_pages(jobs: list[PageJob], settings: Settings,
                fetcher: Fetcher) -> tuple[list[Document], list[Failure], list[EntryOutcome]]:
    """The jobs' pages, in parallel, and what became of each entry; nothing is written here:
    record_entries marks the entries once their articles are stored, so a pass that dies in
    between fetches them again rather than losing them."""
    def fetch(job: PageJob):
        if not settings.fetch.pages or not job.entry.link:
            return job, None, None
        try:
            fetched = fetcher.get(job.entry.link, PAGE_ACCEPT)
            if fetched.content_type and fetched.content_type not in HTML_TYPES:
                raise FetchFailed(f"not an HTML page: content type {fetched.content_type}")
            return job, fetched, None
        except FetchFailed as exc:
            return job, None, exc

    documents, failures, outcomes = [], [], []
    for job, fetched, error in parallel(jobs, fetch, settings.fetch.max_parallel):
        entry, hints = job.entry, _hints(job)
        where = entry.link or f"{job.feed.url}#{entry.key}"
        outcome = EntryOutcome(job.feed.url, entry.key, entry.link, entry.fingerprint, "fetched")
        if fetched is not None:
            outcomes.append(outcome)
            documents.append(Document(source=fetched.url, name=fetched.url, kind="html",
                                      content=fetched.content, url=fetched.url,
                                      hints={**hints, "charset": fetched.charset or ""}))
            continue
        if error is not None:
            fallback = "; used the feed's summary" if len(entry.summary) >= 40 else ""
            failures.append(Failure(source=where, reason=f"{error}{fallback}"))
            outcome = replace(outcome, state="summary" if fallback else "failed", reason=str(error),
                              retry_after=error.retry_after)
        outcomes.append(outcome)
        if entry.summary:
            documents.append(Document(source=f"{where} (summary in feed {job.feed.url})", name=where,
                                      kind="txt", content=entry.summary.encode(), url=where,
                                      hints={**hints, "from": "summary"}))
    return documents, failures, outcomes


def record_entries(outcomes: list[EntryOutcome], settings: Settings, store: Store, now: datetime) -> None:
    """Mark a batch's feed entries fetched (or failed, with backoff), once their articles are stored."""
    if outcomes:
        FeedStore(store.engine).record_entries(outcomes, now, settings.fetch.retry_base_seconds,
                                               settings.fetch.retry_max_seconds)


def _hints(job: PageJob) -> dict[str, str]:
    entry = job.entry
    hints = {"feed": job.feed.url, "outlet": job.feed.name or job.feed_title or "",
             "title": entry.title or "", "published": entry.published or ""}
    return {k: v for k, v in hints.items() if v}


def parse_fetched(document: Document) -> Article:
    """A fetched page or feed summary -> Article keyed by its canonical URL."""
    if document.hints.get("from") == "summary":
        article = parse_summary(document)
    else:
        article = parse_page(document)
    return article.model_copy(update={"key": canonical_url(article.key)})


def dedup_articles(articles: list[Article], store: Store, pass_id: str, now: datetime,
                   signatures: list[list[int]] | None = None) -> Dedup:
    """Drop articles already stored (same text) and link near-duplicates of another article to it;
    a new version of a stored article (same key, new text) goes on, to be judged by its changes.
    `signatures` are the articles' MinHash signatures when a worker made them already."""
    feed_store = FeedStore(store.engine)
    result = Dedup([])
    batch: dict[str, Article] = {}
    if signatures is None:  # pure Python, on every core, up front
        from .pipeline import on_all_cores

        signatures = on_all_cores(minhash, [a.text for a in articles])
    signed: list[SignedArticle] = []  # this batch's kept articles: written in one transaction
    states = [seen.state for seen in store.seen_many(articles)]
    bands = [lsh_bands(signature) for signature in signatures]
    new = [i for i, state in enumerate(states) if state == "new"]
    stored_matches = dict(zip(new, feed_store.near_duplicates(
        [(articles[i].key, signatures[i], bands[i]) for i in new], NEAR_DUPLICATE), strict=True))
    for index, (article, signature, seen) in enumerate(zip(articles, signatures, states, strict=True)):
        if article.content_hash in batch or seen == "duplicate":
            result.duplicates += 1
            continue
        if seen == "new":
            match = (stored_matches[index]
                     or _near_duplicate_in(signed, article.key, signature, bands[index]))
            if match is not None:
                feed_store.record_copy(match.original_hash, article.key, article.url, article.outlet,
                                       match.similarity, pass_id, now)
                result.duplicates += 1
                result.copies += 1
                continue
        signed.append(SignedArticle(article.content_hash, article.key, article.outlet, signature,
                                    bands[index]))
        batch[article.content_hash] = article
        result.kept.append(article)
    feed_store.add_signatures(signed)
    return result


def _near_duplicate_in(signed: list[SignedArticle], key: str, signature: list[int],
                       bands: list[str]) -> NearDuplicate | None:
    """The most similar article of this batch (not yet stored), as FeedStore.near_duplicates."""
    wanted = set(bands)
    candidates = ((other, other.signature) for other in signed
                  if other.key != key and wanted.intersection(other.bands))
    best = most_similar(signature, candidates, NEAR_DUPLICATE)
    return None if best is None else NearDuplicate(best[0].content_hash, best[0].key, best[1])
