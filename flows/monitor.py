"""The Prefect flow `monitor`: one monitoring pass (pipeline.run_pass), each stage a Prefect task
over a batch, and what a person wants to see in the UI afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from storywatch.config import Settings
from storywatch.records import Document, PassReport
from storywatch.sources import Fetcher
from storywatch.storage import EntryOutcome, Store, StoryReader

from . import delivery, events, heartbeats, ingest, pipeline
from .prepare import Prepared
from .report import claims_table, developments_by_story, report_json, run_name, story_markdown
from .resolve import resolve_pass
from .story_view import timeline_markdown

heartbeats.install()  # a flow run's end does not wait out its heartbeat thread's sleep


@task(name="read-seeds", cache_policy=NO_CACHE)
def read_seeds(folders: list[Path]):
    return pipeline.Stages().read_seeds(folders)


@task(name="poll-feeds", cache_policy=NO_CACHE)
def poll_feeds(settings: Settings, store: Store, fetcher: Fetcher, now: datetime):
    return ingest.poll_feeds(settings, store, fetcher, now)


@task(name="prepare-articles", cache_policy=NO_CACHE)
def prepare_articles(documents: list[Document], settings: Settings, jobs: list[ingest.PageJob],
                     fetcher: Fetcher | None, turn: pipeline.FetchTurn | None):
    """A batch's pages fetched, then extraction, MinHash signatures and claims on every core. One
    task for both: a task run costs the Prefect server ~20 ms of CPU (docs/experiments.md, Benchmarks)."""
    return pipeline.prepare_batch(documents, settings, jobs, fetcher, turn)


@task(name="store-articles", cache_policy=NO_CACHE)
def store_articles(prepared: Prepared, store: Store, settings: Settings, pass_id: str, now: datetime,
                   channels: list[str], entries: list[EntryOutcome]) -> pipeline.Stored:
    """A prepared batch into the store (copies dropped, stories developed, alerts written), then
    its feed entries marked fetched."""
    return pipeline.store_batch(prepared, store, settings, pass_id, now, channels, entries)


@task(name="deliver-alerts", cache_policy=NO_CACHE)
def deliver_alerts(store: Store, settings: Settings, now: datetime,
                   json_output: bool) -> list[delivery.Attempt]:
    """Every due delivery, per channel and its policy; an event per alert sent or failed."""
    attempts = delivery.deliver_configured(store, settings, now, json_output)
    events.emit_attempts(attempts)
    return attempts


class TaskStages(pipeline.Stages):
    """The pass's stages as Prefect tasks. quote(): Prefect need not walk a batch of articles and
    claims looking for futures."""

    def read_seeds(self, folders):
        return read_seeds(folders)

    def poll_feeds(self, settings, store, fetcher, now):
        return poll_feeds(settings, store, fetcher, now)

    def submit_prepare(self, documents, settings, jobs, fetcher, turn):
        # Prefect types a task's arguments as the function's; it unwraps quote() before the call
        return prepare_articles.submit(quote(documents), quote(settings), quote(jobs), fetcher,  # type: ignore[call-overload]
                                       quote(turn))

    def store(self, prepared, store, settings, pass_id, now, channels, entries):
        # as above: Prefect unwraps quote() before the call
        return store_articles(quote(prepared), store, quote(settings), pass_id, now,  # type: ignore[call-overload]
                              channels, quote(entries))

    def deliver(self, store, settings, now, json_output):
        return deliver_alerts(store, settings, now, json_output)


@flow(name="monitor", log_prints=False)
def monitor(config: str | None = None, seeds: list[str] | None = None, db_url: str | None = None,
            json_output: bool = False, feeds: bool = False) -> dict:
    """One pass: read the seeds, extract, find claims, develop stories, store, alert."""
    settings, store = resolve_pass(config, seeds, db_url)
    if feeds:  # `storywatch run --feeds`: poll the configured feeds in this pass
        sources = settings.sources.model_copy(update={"feeds": True})
        settings = settings.model_copy(update={"sources": sources})
    report = run_pass(settings, store, json_output)
    return report_json(report, datetime.now(UTC))


def run_pass(settings: Settings, store: Store, json_output: bool = False,
             now: datetime | None = None) -> PassReport:
    """The pass, its stages as tasks; then its counts in the log and its developments in the UI."""
    report, tally = pipeline.run_pass(settings, store, TaskStages(), now, json_output)
    logger = get_run_logger()
    for failure in report.failed:
        logger.warning("rejected %s: %s", failure.source, failure.reason)
    logger.info("pass %s: %d documents, %d ingested, %d duplicates, %d failed, %d developments, "
                "%d alerts", report.pass_id, tally.documents, report.ingested, report.duplicates,
                len(report.failed), len(report.developments), len(report.alerts))
    logger.info("CPU seconds of the extraction workers: %s",
                ", ".join(f"{step} {seconds:.1f}" for step, seconds in tally.cpu_seconds.items()) or "none")
    publish(report, {feed.url: feed.name for feed in settings.feeds}, store)
    name_run(report)
    return report


def publish(report: PassReport, feeds: dict[str, str | None] | None = None,
            store: Store | None = None) -> None:
    """What a person wants in the Prefect UI: a markdown artifact per story (titled by its figure
    and headline, with its timeline and links), a claims table, events."""
    reader = StoryReader(store.engine) if store is not None else None
    for story_id, developments in developments_by_story(report).items():
        timeline = reader.timeline(story_id) if reader is not None else None
        create_markdown_artifact(
            key=f"story-{story_id.lower()}",
            markdown=(timeline_markdown(timeline, report.pass_id) if timeline is not None
                      else story_markdown(report, story_id, developments)),
            description=timeline.story.headline if timeline is not None else f"Story {story_id}",
        )
    if report.developments:
        create_table_artifact(key="claims", table=claims_table(report),
                              description=f"Claims of pass {report.pass_id}")
    events.emit_pass_events(report, feeds or {})


def name_run(report: PassReport) -> None:
    """Rename this flow run after what it did; the pass does not fail if the API refuses."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if not flow_run.id:
        return
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, name=run_name(report))
    except Exception as exc:  # noqa: BLE001 - a name is cosmetic; the pass's outcome is not
        get_run_logger().warning("could not rename the flow run: %s", exc)
