"""Feed ingestion stages as plain functions; monitor.py wraps each as one Prefect task over the batch.

1. poll_feeds: every due feed, in parallel (bounded, per-host limited), with conditional GET;
   returns the entries whose page is new or changed, and one Failure per feed that failed;
   record_polls keeps the feeds' new validators once the pass has stored their entries;
2. fetch_pages: those entries' pages, in parallel; a page that fails falls back to the feed's
   summary (marked as such) and is retried on a later pass with backoff; record_entries marks the
   entries once their articles are stored;
the pages then go, with the seeds, through the pass's preparation (prepare.py) and storing
(pipeline.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from storywatch.config import FeedSource, Settings
from storywatch.errors import Rejected
from storywatch.records import Document, Failure
from storywatch.sources import (
    FeedEntry,
    Fetched,
    Fetcher,
    FetchFailed,
    ParsedFeed,
    newest_entries,
    parse_feed,
)
from storywatch.storage import EntryOutcome, FeedStore, Store

from .workers import on_all_cores

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


def parallel(items: Iterable[T], work: Callable[[T], R], workers: int) -> list[R]:
    """work(item) for every item, at most `workers` at once, results in input order."""
    return list(in_parallel(items, work, workers))


def in_parallel(items: Iterable[T], work: Callable[[T], R], workers: int) -> Iterator[R]:
    """parallel()'s results one by one, in input order, each as soon as it and those before it are
    done; every item is started at once (at most `workers` running)."""
    items = list(items)
    if len(items) <= 1:
        yield from (work(i) for i in items)
        return
    with ThreadPoolExecutor(max_workers=min(workers, len(items)),
                            thread_name_prefix="storywatch-fetch") as pool:
        yield from pool.map(work, items)


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
    answered = parallel(due, poll, settings.fetch.max_parallel)
    bodies = [fetched for _, fetched, _ in answered if fetched is not None and not fetched.not_modified]
    parsed_bodies = dict(zip(map(id, bodies), on_all_cores(_parse_feed, bodies), strict=True))
    jobs, failures, polls = [], [], []
    for feed, fetched, error in answered:
        name = feed.name
        parsed = parsed_bodies.get(id(fetched))
        if isinstance(parsed, str):  # fetched, but not readable as a feed
            error, parsed = FetchFailed(parsed), None
        if error is not None:
            feed_store.record_poll_failure(feed.url, name, str(error), now, settings.fetch.retry_base_seconds,
                                           settings.fetch.retry_max_seconds, error.retry_after)
            failures.append(Failure(source=feed.url, reason=str(error)))
            continue
        state = states.get(feed.url)
        entries: list[FeedEntry] = []
        feed_title: str | None = None
        if parsed is None:  # 304 Not Modified: keep the validators we have
            polls.append(FeedPoll(feed.url, name, state.etag if state else None,
                                  state.last_modified if state else None))
        else:
            polls.append(FeedPoll(feed.url, name, fetched.etag, fetched.last_modified))
            entries = newest_entries(parsed.entries, settings.fetch.max_entries_per_feed)
            feed_title = parsed.title
        known = feed_store.entry_states(feed.url, [e.key for e in entries])
        keys = set()
        for entry in entries:
            seen = known.get(entry.key)
            if seen is None or seen.fingerprint != entry.fingerprint or (
                    seen.state != "fetched" and seen.due(now)):
                jobs.append(PageJob(feed, feed_title, entry))
                keys.add(entry.key)
        for key, link in feed_store.due_retries(feed.url, now):  # earlier failures, also on a 304
            if key not in keys:
                retry = FeedEntry(key=key, link=link, title=None, summary="", published=None,
                                  fingerprint=(known[key].fingerprint if key in known else ""))
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
    documents, failures, outcomes = [], [], []
    for document, failure, outcome in fetched_pages(jobs, settings, fetcher):
        if document is not None:
            documents.append(document)
        if failure is not None:
            failures.append(failure)
        outcomes.append(outcome)
    return documents, failures, outcomes


def fetched_pages(jobs: list[PageJob], settings: Settings,
                  fetcher: Fetcher) -> Iterator[tuple[Document | None, Failure | None, EntryOutcome]]:
    """fetch_pages one job at a time, in order, each as soon as its page (and those before it) came:
    the job's document (its page, else its feed summary, else none), its failure, its outcome."""
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

    for job, fetched, error in in_parallel(jobs, fetch, settings.fetch.max_parallel):
        entry, hints = job.entry, _hints(job)
        where = entry.link or f"{job.feed.url}#{entry.key}"
        outcome = EntryOutcome(job.feed.url, entry.key, entry.link, entry.fingerprint, "fetched")
        if fetched is not None:
            yield (Document(source=fetched.url, name=fetched.url, kind="html", content=fetched.content,
                            url=fetched.url, hints={**hints, "charset": fetched.charset or ""}),
                   None, outcome)
            continue
        failure = None
        if error is not None:
            fallback = "; used the feed's summary" if len(entry.summary) >= 40 else ""
            failure = Failure(source=where, reason=f"{error}{fallback}")
            outcome = replace(outcome, state="summary" if fallback else "failed", reason=str(error),
                              retry_after=error.retry_after)
        summary = None
        if entry.summary:
            summary = Document(source=f"{where} (summary in feed {job.feed.url})", name=where, kind="txt",
                               content=entry.summary.encode(), url=where, hints={**hints, "from": "summary"})
        yield summary, failure, outcome


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
