"""One monitoring pass, without Prefect: its stages, and the one composition of them (run_pass)
that the `monitor` flow, `storywatch eval`, `storywatch extract` and the tests all run.

1. read seeds: seed folders -> Documents (seeds.py)
2. poll feeds: the due feeds -> page jobs for their new or changed entries (ingest.py)
3. prepare: a batch of documents (the seeds, then the pages of a batch of jobs, fetched first)
   -> articles, near-duplicate signatures and claims, on every core (prepare.py)
4. store: per article, in order: drop copies of stored or earlier articles (decided once, here),
   judge each claim against the store's candidates, let `stories` decide which stories it
   develops and their alerts, and write it all in one transaction; then mark the batch's feed
   entries done. The only place where storage reads and story decisions interleave.
5. deliver: the outbox's due alerts -> channels (delivery.py)

A Stages object says how each stage runs: `Stages` calls them in turn; the monitor flow runs each
as a Prefect task (monitor.py). Batches overlap through `submit_prepare`, whose future a Stages
may resolve at once.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from storywatch.config import Settings
from storywatch.extractors import NEAR_DUPLICATE, content_lines, most_similar, split_units
from storywatch.profiles import development_profile
from storywatch.records import (
    Article,
    ArticleDevelopment,
    Claim,
    Development,
    Document,
    Failure,
    PassReport,
)
from storywatch.signatures import lsh_bands
from storywatch.sources import Fetcher
from storywatch.storage import EntryOutcome, FeedStore, Seen, SignedArticle, Store
from storywatch.stories import (
    HEADLINE_RULE,
    JudgedClaim,
    assign_stories,
    claim_terms,
    claim_time,
    develop_alerts,
    judge_claim,
    link_story,
)

from . import delivery, ingest, seeds
from .headlines import refresh_headlines, story_headlines
from .prepare import Prepared, prepare_documents

PAGE_BATCH = 200  # pages per fetch -> prepare -> store round of a pass (fewer first and last)
# The open stories an article is compared with, as a whole: those whose articles share the most of
# its profile's terms. Bounding them keeps an article's cost flat as the store grows.
STORIES_PROFILED = 5


@dataclass
class Stored:
    """What storing a batch did: its developments, and how many articles were new or copies
    (`duplicates` counts every article not stored; `copies` those of them linked as near-duplicates)."""
    developments: list[Development] = field(default_factory=list)
    ingested: int = 0
    duplicates: int = 0
    copies: int = 0


class Resolvable(Protocol):
    def result(self) -> Any: ...


class FetchTurn:
    """A batch's turn to fetch: it waits for the batch before it to finish fetching, so the first
    batch's pages come as fast as they can (the workers wait for them) and batches reach the
    workers in order, while the next batch fetches as the workers prepare this one."""

    def __init__(self, before: FetchTurn | None = None):
        self.before, self.done = before, threading.Event()

    def __enter__(self) -> None:
        if self.before is not None:
            self.before.done.wait()

    def __exit__(self, *exc: object) -> None:
        self.done.set()


# --- the stages ------------------------------------------------------------------------------


def prepare_batch(documents: list[Document], settings: Settings, jobs: list[ingest.PageJob],
                  fetcher: Fetcher | None, turn: FetchTurn | None
                  ) -> tuple[Prepared, list[Failure], list[EntryOutcome]]:
    """Stage 3: a batch's pages fetched in their turn (on threads), and every document prepared,
    each page going to the workers as soon as it came (after the documents): the workers need not
    wait for a whole batch; the pages' failures and entry outcomes come back beside the prepared
    batch, in the jobs' order."""
    if not jobs:
        return prepare_documents(documents, settings), [], []
    if fetcher is None:
        raise ValueError("page jobs need a fetcher")
    failures: list[Failure] = []
    entries: list[EntryOutcome] = []

    def pages() -> Iterator[Document]:
        with turn or contextlib.nullcontext():
            for document, failure, outcome in ingest.fetched_pages(jobs, settings, fetcher):
                if failure is not None:
                    failures.append(failure)
                entries.append(outcome)
                if document is not None:
                    yield document

    prepared = prepare_documents(itertools.chain(documents, pages()), settings,
                                 count=len(documents) + len(jobs))
    return prepared, failures, entries


def store_batch(prepared: Prepared, store: Store, settings: Settings, pass_id: str, now: datetime,
                channels: list[str], entries: list[EntryOutcome]) -> Stored:
    """Stage 4: a prepared batch into the store, article by article, in order; then, and only then,
    its feed entries are marked fetched (a pass that dies in between fetches them again)."""
    kept, copies = drop_copies(prepared, store, pass_id, now)
    stored = develop_stories(kept, store, settings, pass_id, now, channels)
    stored.duplicates += len(prepared.articles) - len(kept)
    stored.copies = copies
    if entries:
        FeedStore(store.engine).record_entries(entries, now, settings.fetch.retry_base_seconds,
                                               settings.fetch.retry_max_seconds)
    return stored


@dataclass(frozen=True)
class Kept:
    """An article that is not a copy, what the store holds of it, and its claims."""
    article: Article
    seen: Seen
    claims: list[Claim]


def drop_copies(prepared: Prepared, store: Store, pass_id: str, now: datetime) -> tuple[list[Kept], int]:
    """The batch's articles less those already stored (the same text) and the near-duplicates of
    a stored or an earlier article of the batch (a syndicated copy, linked to its original: it
    raises the story's source count); a new version of a stored article (same key, new text) is
    kept, to be judged by its changes. The one place where copies are decided. Returns the kept
    articles and how many near-duplicates were linked."""
    feed_store = FeedStore(store.engine)
    articles, signatures = prepared.articles, prepared.signatures
    seen = store.seen_many(articles)
    bands = [lsh_bands(signature) for signature in signatures]
    new = [i for i, s in enumerate(seen) if s.state == "new"]
    stored_candidates = dict(zip(new, feed_store.signatures_sharing_bands(
        [(articles[i].key, bands[i]) for i in new]), strict=True))
    kept: list[Kept] = []
    copies = 0
    signed: list[SignedArticle] = []  # the kept articles' signatures: written in one transaction
    # band key -> positions in `signed` of the kept articles with that band: the batch's own
    # candidates for an article without comparing it with every article kept before it
    signed_by_band: dict[str, list[int]] = {}
    texts: set[str] = set()
    for index, article in enumerate(articles):
        if article.content_hash in texts or seen[index].state == "duplicate":
            continue
        if seen[index].state == "new":
            candidates = [(c.content_hash, c.key, c.signature) for c in stored_candidates[index]]
            sharing = sorted({i for band in bands[index] for i in signed_by_band.get(band, ())})
            candidates += [(s.content_hash, s.key, s.signature) for s in (signed[i] for i in sharing)
                           if s.key != article.key]
            best = most_similar(signatures[index], ((c, c[2]) for c in candidates), NEAR_DUPLICATE)
            if best is not None:
                (original_hash, _key, _signature), similarity = best
                feed_store.record_copy(original_hash, article.key, article.url, article.outlet,
                                       similarity, pass_id, now)
                copies += 1
                continue
        for band in bands[index]:
            signed_by_band.setdefault(band, []).append(len(signed))
        signed.append(SignedArticle(article.content_hash, article.key, article.outlet,
                                    signatures[index], bands[index]))
        texts.add(article.content_hash)
        kept.append(Kept(article, seen[index], prepared.claims[index]))
    feed_store.add_signatures(signed)
    return kept, copies


def develop_stories(kept: list[Kept], store: Store, settings: Settings, pass_id: str, now: datetime,
                    channels: list[str]) -> Stored:
    """Judge each article against everything stored before it, and store it with its alerts."""
    result = Stored()
    recorded: set[str] = set()  # keys stored by this batch: a later text of one is its next version
    waiting: dict[str, tuple[Article, int]] = {}  # articles without claims, stored together

    def store_waiting() -> None:  # before the next write or read of what they change, so in order
        batch = list(waiting.values())
        for (article, _), ok in zip(batch, store.record_articles_without_claims(batch, pass_id, now),
                                    strict=True):
            if ok:
                result.ingested += 1
                recorded.add(article.key)
            else:
                result.duplicates += 1  # another writer stored the same text first
        waiting.clear()

    for item in kept:
        article, seen, claims = item.article, item.seen, item.claims
        if article.key in waiting:
            store_waiting()
        if article.key in recorded:
            seen = store.seen(article)
            if seen.state == "duplicate":
                result.duplicates += 1
                continue
        if seen.state == "version":
            claims = changed_claims(claims, seen.previous_text or "")
        developed = develop_article(article, claims, store, settings, pass_id, now)
        if not developed.claims:
            waiting[article.key] = (article, seen.version)
            continue
        store_waiting()
        if not store.record_article(article, seen.version, developed, pass_id, now, channels):
            result.duplicates += 1  # another writer stored the same text first
            continue
        result.ingested += 1
        recorded.add(article.key)
        result.developments.extend(p.development for p in developed.claims)
    store_waiting()
    return result


def develop_article(article: Article, claims: list[Claim], store: Store, settings: Settings,
                    pass_id: str, now: datetime) -> ArticleDevelopment:
    """What an article adds. The article's profile (what it is about) finds the open stories of each
    figure it has claims about, and decides which one it develops, or that it starts one
    (stories.link_story); each claim's terms find the store's candidate claims, and it is judged
    against those of that story only;
    then the stories package decides the stories and alerts from what the store holds of them."""
    figures = settings.figures()
    at = claim_time(article, now)
    since = at - timedelta(days=settings.stories.window_days)
    terms = [claim_terms(claim, figures) for claim in claims]
    linked: dict[str, str | None] = {}
    profiles: dict[str, dict[str, int]] = {}
    by_name = {figure.name: figure for figure in figures}
    for name in dict.fromkeys(claim.figure for claim in claims):
        figure = by_name[name]
        profiles[name] = development_profile(article.title, (c.text for c in claims if c.figure == name),
                                             (figure.name, *figure.aliases))
        stories = store.linkable_stories(name, profiles[name], since, STORIES_PROFILED)
        linked[name] = link_story(profiles[name], stories, at)
    # a claim is judged against the candidates of the story its figure's claims develop: those
    # among the store's best for it (an article that starts a story, or a background claim, has none)
    candidates = [[] if claim.background or linked[claim.figure] is None
                  else store.candidates(claim.figure, t, since, in_story=linked[claim.figure])
                  for claim, t in zip(claims, terms, strict=True)]
    judged = [JudgedClaim(claim, t, judge_claim(claim, t, found))
              for claim, t, found in zip(claims, terms, candidates, strict=True)]
    planned, new_stories = assign_stories(article, judged, linked, pass_id, now)
    if not planned:
        return ArticleDevelopment()
    headlines = story_headlines(planned, {s.id for s in new_stories}, store, figures)
    new_stories = [s.model_copy(update={"headline": headlines[s.id]}) for s in new_stories]
    stored = {story_id: state.model_copy(update={"story": state.story.model_copy(
                  update={"headline": headlines.get(story_id, state.story.headline)})})
              for story_id, state in store.story_states({p.development.story_id for p in planned},
                                                        pass_id).items()}
    alerts = develop_alerts(article, planned, new_stories, stored, store.copy_outlets(article.content_hash),
                            pass_id)
    return ArticleDevelopment(new_stories=tuple(new_stories), claims=tuple(planned), alerts=tuple(alerts),
                              at=at, profiles=profiles, headlines=headlines, headline_rule=HEADLINE_RULE)


def changed_claims(claims: list[Claim], previous_text: str) -> list[Claim]:
    """For a new version of an article, only claims on sentences that were not there before."""
    before = set(content_lines("\n".join(
        previous_text[u.start:u.end] for u in split_units(previous_text))))
    return [c for c in claims if " ".join(c.text.split()).lower() not in before
            and not any(" ".join(c.text.split()).lower() in line for line in before)]


# --- how the stages run ----------------------------------------------------------------------


class Stages:
    """Each stage as a plain call, in turn. The monitor flow runs each as a Prefect task instead."""

    def read_seeds(self, folders: list[Path]) -> tuple[list[Document], list[Failure]]:
        return seeds.read_seed_documents(folders)

    def poll_feeds(self, settings: Settings, store: Store, fetcher: Fetcher, now: datetime):
        return ingest.poll_feeds(settings, store, fetcher, now)

    def submit_prepare(self, documents: list[Document], settings: Settings, jobs: list[ingest.PageJob],
                       fetcher: Fetcher | None, turn: FetchTurn | None) -> Resolvable:
        done: Future = Future()
        done.set_result(prepare_batch(documents, settings, jobs, fetcher, turn))
        return done

    def store(self, prepared: Prepared, store: Store, settings: Settings, pass_id: str, now: datetime,
              channels: list[str], entries: list[EntryOutcome]) -> Stored:
        return store_batch(prepared, store, settings, pass_id, now, channels, entries)

    def deliver(self, store: Store, settings: Settings, now: datetime,
                json_output: bool) -> list[delivery.Attempt]:
        return delivery.deliver_configured(store, settings, now, json_output)


@dataclass
class Tally:
    """The pass's running totals, batch by batch."""
    read_failures: list[Failure] = field(default_factory=list)  # seed files
    fetch_failures: list[Failure] = field(default_factory=list)  # feeds, then pages
    parse_failures: list[Failure] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    ingested: int = 0
    duplicates: int = 0
    documents: int = 0
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # of the worker processes, per step

    def add(self, prepared: Prepared, page_failures: list[Failure], stored: Stored) -> None:
        self.documents += len(prepared.articles) + len(prepared.failures)
        self.fetch_failures += page_failures
        self.parse_failures += prepared.failures
        self.ingested += stored.ingested
        self.duplicates += stored.duplicates
        self.developments += stored.developments
        for step, seconds in prepared.cpu_seconds.items():
            self.cpu_seconds[step] = self.cpu_seconds.get(step, 0.0) + seconds

    @property
    def failures(self) -> list[Failure]:
        return self.read_failures + self.fetch_failures + self.parse_failures


def new_pass_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def run_pass(settings: Settings, store: Store, stages: Stages | None = None, now: datetime | None = None,
             json_output: bool = False, pass_id: str | None = None) -> tuple[PassReport, Tally]:
    """One monitoring pass: the seeds and the due feeds' new pages, in batches, into the store;
    then the outbox's due alerts to their channels."""
    stages = stages or Stages()
    now = now or datetime.now(UTC)
    pass_id = pass_id or new_pass_id(now)
    channels = delivery.channel_names(settings)
    tally = Tally()
    refresh_headlines(store, settings)  # stories headlined by an earlier rule (storage migration 0008)
    # 1. no seed folders (a feeds-only config): no stage run, which would read nothing
    documents, tally.read_failures = (stages.read_seeds(settings.sources.seeds) if settings.sources.seeds
                                      else ([], []))
    if settings.sources.feeds and settings.feeds:
        with Fetcher(settings.fetch) as fetcher:
            jobs, feed_failures, polls = stages.poll_feeds(settings, store, fetcher, now)  # 2.
            tally.fetch_failures += feed_failures
            # Pages go through in batches, so a pass's memory is a few batches of pages, not all of
            # them (10,000 pages of 240 KB would be 2.4 GB); the seeds ride with the first batch.
            # The stages overlap: while the worker processes prepare batch n, batch n+1 is fetched
            # and this thread stores batch n-1.
            preparing: Resolvable | None = None
            turns: list[FetchTurn] = []
            try:
                for start, end in batch_bounds(len(jobs)):
                    turns.append(FetchTurn(turns[-1] if turns else None))
                    submitted = stages.submit_prepare(documents, settings, jobs[start:end], fetcher,
                                                      turns[-1])  # 3.
                    documents = []
                    if preparing is not None:
                        store_prepared(stages, preparing, store, settings, pass_id, now, channels, tally)
                    preparing = submitted
                if preparing is not None:
                    store_prepared(stages, preparing, store, settings, pass_id, now, channels, tally)
            finally:  # a batch that failed before its turn must not leave the next one waiting
                for turn in turns:
                    turn.done.set()
            ingest.record_polls(polls, store, now)  # every entry is stored: the feeds may answer 304
    else:
        preparing = stages.submit_prepare(documents, settings, [], None, None)  # 3.
        store_prepared(stages, preparing, store, settings, pass_id, now, channels, tally)
    stages.deliver(store, settings, now, json_output)  # 5.
    report = PassReport(pass_id=pass_id, ingested=tally.ingested, duplicates=tally.duplicates,
                        failed=tuple(tally.failures), developments=tuple(tally.developments),
                        alerts=tuple(store.alerts(pass_id=pass_id)))
    return report, tally


def store_prepared(stages: Stages, preparing: Resolvable, store: Store, settings: Settings, pass_id: str,
                   now: datetime, channels: list[str], tally: Tally) -> None:
    """Stage 4 for a batch once it is prepared, counted into the tally."""
    prepared, page_failures, entries = preparing.result()
    stored = stages.store(prepared, store, settings, pass_id, now, channels, entries)  # 4.
    tally.add(prepared, page_failures, stored)


def batch_bounds(jobs: int) -> list[tuple[int, int]]:
    """(start, end) of each batch of page jobs: an eighth of PAGE_BATCH first, so the workers start
    soon, then each batch twice the one before up to PAGE_BATCH (a batch is fetched while the
    workers prepare the one before, and fetching a page takes about half as long as preparing it
    on both cores, so the workers need not wait), and at most a quarter of PAGE_BATCH last, since
    the workers wait while the last batch is stored; one empty batch when there are no jobs."""
    size, small = max(1, PAGE_BATCH // 8), max(1, PAGE_BATCH // 4)
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < jobs or not bounds:
        end = min(jobs, start + size)
        bounds.append((start, end))
        start, size = end, min(PAGE_BATCH, size * 2)
    last_start, last_end = bounds[-1]
    if len(bounds) > 1 and last_end - last_start > small:
        bounds[-1:] = [(last_start, last_end - small), (last_end - small, last_end)]
    return bounds
