"""The Prefect flow `monitor`: one monitoring pass, a task per stage over batches."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.events import emit_event
from prefect.utilities.annotations import quote

from storywatch.config import Settings
from storywatch.records import Failure
from storywatch.sources.http import Fetcher
from storywatch.storage import Store

from . import delivery, heartbeats, ingest, pipeline
from .report import PassResult
from .resolve import resolve_pass

DEVELOPED_EVENT = "storywatch.story.developed"
FEED_FAILED_EVENT = "storywatch.feed.failed"
PAGE_BATCH = 200  # pages per fetch -> prepare -> store round of a pass (fewer first and last)
heartbeats.install()  # a flow run's end does not wait out its heartbeat thread's sleep


@task(name="read-seeds", cache_policy=NO_CACHE)
def read_seeds(folders: list[Path]):
    return pipeline.read_seed_documents(folders)


@task(name="poll-feeds", cache_policy=NO_CACHE)
def poll_feeds(settings: Settings, store: Store, fetcher: Fetcher, now: datetime):
    return ingest.poll_feeds(settings, store, fetcher, now)


class FetchTurn:
    """A batch's turn to fetch: it waits for the batch before it to finish fetching, so the first
    batch's pages come as fast as they can (the workers wait for them) and batches reach the
    workers in order, while the next batch fetches as the workers prepare this one."""

    def __init__(self, before: FetchTurn | None = None):
        self.before, self.done = before, threading.Event()

    def __enter__(self) -> None:
        if self.before is not None:
            self.before.done.wait()

    def __exit__(self, *exc) -> None:
        self.done.set()


@task(name="prepare-articles", cache_policy=NO_CACHE)
def prepare_articles(documents, settings: Settings, jobs=(), fetcher: Fetcher | None = None,
                     turn: FetchTurn | None = None):
    """A batch's pages fetched (on threads, for feed entries), then extraction, MinHash signatures
    and claims, the CPU-bound work, on every core. The pages' failures and entry outcomes come
    back beside the prepared batch. One task for both: a task run costs the Prefect server ~20 ms
    of CPU (README, Benchmarks). `turn` makes batches fetch one after another, in order."""
    pages, failures, entries = [], [], []
    if jobs:
        with turn or contextlib.nullcontext():
            pages, failures, entries = ingest.fetch_pages(list(jobs), settings, fetcher)
    return pipeline.prepare_documents(list(documents) + pages, settings), failures, entries


@task(name="store-articles", cache_policy=NO_CACHE)
def store_articles(prepared: pipeline.Prepared, store: Store, settings: Settings, pass_id: str,
                   now: datetime, channels: list[str], entries=()) -> pipeline.Developed:
    """A prepared batch into the store: drop stored copies and link near-duplicates, judge and
    store the rest with their alerts; then, and only then, mark their feed entries fetched. One
    task for both: a task run costs the Prefect server ~20 ms of CPU (README, Benchmarks)."""
    deduped = ingest.dedup_articles(prepared.articles, store, pass_id, now, prepared.signatures)
    developed = pipeline.develop_stories(prepared.analysed(deduped.kept), store, settings, pass_id, now,
                                         channels)
    ingest.record_entries(list(entries), settings, store, now)
    developed.duplicates += deduped.duplicates
    return developed


@task(name="deliver-alerts", cache_policy=NO_CACHE)
def deliver_alerts(store: Store, settings: Settings, now: datetime, json_output: bool):
    """Every due delivery, per channel and its policy; an event per alert sent or failed."""
    channels, policies = delivery.build_channels(settings, json_output)
    attempts = delivery.deliver_due(store, channels, policies, now, settings.alerts.max_attempts)
    delivery.publish_attempts(attempts)
    return attempts


channel_names = delivery.channel_names


@flow(name="monitor", log_prints=False)
def monitor(config: str | None = None, seeds: list[str] | None = None, db_url: str | None = None,
            json_output: bool = False, feeds: bool = False) -> dict:
    """One pass: read the seeds, extract, find claims, develop stories, store, alert."""
    settings, store = resolve_pass(config, seeds, db_url)
    if feeds:  # `storywatch run --feeds`: poll the configured feeds in this pass
        sources = settings.sources.model_copy(update={"feeds": True})
        settings = settings.model_copy(update={"sources": sources})
    return run_pass(settings, store, json_output).to_json()


def run_pass(settings: Settings, store: Store, json_output: bool = False,
             now: datetime | None = None) -> PassResult:
    logger = get_run_logger()
    now = now or datetime.now(UTC)
    pass_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    # no seed folders (a feeds-only config): no read-seeds task run, which would read nothing
    documents, read_failures = read_seeds(settings.sources.seeds) if settings.sources.seeds else ([], [])
    feed_failures: list[Failure] = []
    parse_failures: list[Failure] = []
    totals = pipeline.Developed([])
    seen_documents = 0
    cpu_seconds: dict[str, float] = {}  # of the worker processes, per step

    def develop(prepared: pipeline.Prepared, page_failures=(), entries=()) -> None:  # a task a batch
        # quote(): Prefect need not walk a batch of articles and claims looking for futures
        developed = store_articles(quote(prepared), store, quote(settings), pass_id, now,
                                   channel_names(settings), quote(entries))
        nonlocal seen_documents
        seen_documents += len(prepared.articles) + len(prepared.failures)
        feed_failures.extend(page_failures)
        parse_failures.extend(prepared.failures)
        totals.ingested += developed.ingested
        totals.duplicates += developed.duplicates
        totals.developments.extend(developed.developments)
        for step, seconds in prepared.cpu_seconds.items():
            cpu_seconds[step] = cpu_seconds.get(step, 0.0) + seconds

    if settings.sources.feeds and settings.feeds:
        with Fetcher(settings.fetch) as fetcher:
            jobs, feed_failures, polls = poll_feeds(settings, store, fetcher, now)
            # Pages go through in batches, so a pass's memory is a few batches of pages, not all of
            # them (10,000 pages of 240 KB would be 2.4 GB); the seeds ride with the first batch.
            # The stages overlap: while the worker processes prepare batch n, batch n+1 is fetched
            # (each in a task on a thread of its own) and this thread stores batch n-1.
            preparing, turns = None, []
            try:
                for start, end in batch_bounds(len(jobs)):
                    turns.append(FetchTurn(turns[-1] if turns else None))
                    submitted = prepare_articles.submit(quote(documents), quote(settings),
                                                        quote(jobs[start:end]), fetcher, quote(turns[-1]))
                    documents = []
                    if preparing is not None:
                        develop(*preparing.result())
                    preparing = submitted
                develop(*preparing.result())
            finally:  # a batch that failed before its turn must not leave the next one waiting
                for turn in turns:
                    turn.done.set()
            ingest.record_polls(polls, store, now)  # every entry is stored: the feeds may answer 304
    else:
        develop(*prepare_articles(quote(documents), quote(settings)))
    deliver_alerts(store, settings, now, json_output)
    failures: list[Failure] = read_failures + feed_failures + parse_failures
    result = PassResult(pass_id=pass_id, ingested=totals.ingested, duplicates=totals.duplicates,
                        failed=failures, developments=totals.developments,
                        alerts=store.alerts(pass_id=pass_id))
    for failure in failures:
        logger.warning("rejected %s: %s", failure.source, failure.reason)
    logger.info("pass %s: %d documents, %d ingested, %d duplicates, %d failed, %d developments, "
                "%d alerts", pass_id, seen_documents, result.ingested, result.duplicates,
                len(failures), len(result.developments), len(result.alerts))
    logger.info("CPU seconds of the extraction workers: %s",
                ", ".join(f"{step} {seconds:.1f}" for step, seconds in cpu_seconds.items()) or "none")
    publish(result, {feed.url: feed.name for feed in settings.feeds})
    name_run(result)
    return result


def batch_bounds(jobs: int) -> list[tuple[int, int]]:
    """(start, end) of each batch of page jobs: an eighth of PAGE_BATCH first, so the workers start
    soon, then each batch twice the one before up to PAGE_BATCH (a batch is fetched while the
    workers prepare the one before, and fetching a page takes about half as long as preparing it
    on both cores, so the workers need not wait), and at most a quarter of PAGE_BATCH last, since
    the workers wait while the last batch is stored; one empty batch when there are no jobs."""
    size, small = max(1, PAGE_BATCH // 8), max(1, PAGE_BATCH // 4)
    bounds, start = [], 0
    while start < jobs or not bounds:
        end = min(jobs, start + size)
        bounds.append((start, end))
        start, size = end, min(PAGE_BATCH, size * 2)
    last_start, last_end = bounds[-1]
    if len(bounds) > 1 and last_end - last_start > small:
        bounds[-1:] = [(last_start, last_end - small), (last_end - small, last_end)]
    return bounds


def publish(result: PassResult, feeds: dict[str, str | None] | None = None) -> None:
    """What a person wants in the Prefect UI: a markdown artifact per story, a claims table, events."""
    for failure in result.failed:
        if failure.source in (feeds or {}):  # a feed (not one of its pages) failed: automations count these
            emit_event(
                event=FEED_FAILED_EVENT,
                resource={"prefect.resource.id": feed_resource_id(failure.source),
                          "prefect.resource.name": (feeds or {})[failure.source] or failure.source,
                          "storywatch.feed.url": failure.source},
                payload={"reason": failure.reason, "pass_id": result.pass_id},
            )
    for story_id, developments in result.developments_by_story().items():
        create_markdown_artifact(
            key=f"story-{story_id.lower()}",
            markdown=result.story_markdown(story_id, developments),
            description=f"Developments of story {story_id}",
        )
    if result.developments:
        create_table_artifact(key="claims", table=result.claims_table(),
                              description=f"Claims of pass {result.pass_id}")
    for alert, _deliveries in result.alerts:
        emit_event(
            event=DEVELOPED_EVENT,
            resource={"prefect.resource.id": f"storywatch.story.{alert['story_id']}",
                      "prefect.resource.name": alert["headline"][:200]},
            payload={"kind": alert["kind"], "items": len(alert["items"]),
                     "source_count": alert["source_count"], "alert": alert["key"]},
        )


def feed_resource_id(url: str) -> str:
    """A stable event resource per feed URL (URLs make awkward ids; the URL is a label beside it)."""
    return f"storywatch.feed.{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def run_name(result: PassResult) -> str:
    """A flow run's name says what the pass did, so the runs list in the UI reads as a history."""
    stories = len(result.developments_by_story())
    if result.developments:
        what = (f"{len(result.developments)} developments in {stories} "
                f"{'story' if stories == 1 else 'stories'}")
    elif result.ingested:
        what = f"{result.ingested} new articles, no developments"
    else:
        what = "nothing new"
    failed = f", {len(result.failed)} failed" if result.failed else ""
    return f"{what}{failed} ({result.pass_id})"


def name_run(result: PassResult) -> None:
    """Rename this flow run after what it did; the pass does not fail if the API refuses."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if not flow_run.id:
        return
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, name=run_name(result))
    except Exception as exc:  # noqa: BLE001 - a name is cosmetic; the pass's outcome is not
        get_run_logger().warning("could not rename the flow run: %s", exc)
