"""`storywatch feeds`: the configured feeds with their polling state, and `feeds import` of an
OPML subscription list into the config file (the one list of what is polled; README: Feeds)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import click

from storywatch.config import FeedSource, Settings
from storywatch.config_file import add_feeds
from storywatch.errors import Rejected, StorywatchError
from storywatch.sources import parse_opml
from storywatch.storage import FeedState, FeedStore, redact

from .resolve import resolve_pass

CONFIG_HELP = "Config file (default config/storywatch.yaml; env STORYWATCH_CONFIG)."
DB_HELP = "Database URL, e.g. sqlite:///data/storywatch.db (env STORYWATCH_DB_URL)."

PollState = Literal["ok", "failing", "never polled"]


@dataclass(frozen=True)
class FeedRow:
    """A configured feed and what the store remembers of polling it."""

    feed: FeedSource
    state: PollState
    last_fetch: datetime | None  # the last poll, answered or failed
    last_ok: datetime | None
    failures: int  # in a row, since it last answered
    last_error: str | None
    next_due: datetime | None  # None: polled by the next pass that polls feeds

    def to_json(self) -> dict:
        return {"url": self.feed.url, "name": self.feed.name, "tags": self.feed.tags, "state": self.state,
                "last_fetch": _iso(self.last_fetch), "last_ok": _iso(self.last_ok),
                "failures": self.failures, "last_error": self.last_error, "next_due": _iso(self.next_due)}


def feed_rows(settings: Settings, states: dict[str, FeedState], now: datetime) -> list[FeedRow]:
    """One row per configured feed, in the config's order."""
    rows = []
    for feed in settings.feeds:
        state = states.get(feed.url)
        if state is None or state.last_polled_at is None:
            rows.append(FeedRow(feed, "never polled", None, None, 0, None, None))
            continue
        waiting = state.next_attempt_at is not None and state.next_attempt_at > now
        rows.append(FeedRow(feed, "failing" if state.failures else "ok", state.last_polled_at,
                            state.last_ok_at, state.failures, state.last_error,
                            state.next_attempt_at if waiting else None))
    return rows


@click.group(invoke_without_command=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print the feeds as JSON.")
@click.pass_context
def feeds(ctx, config_path, db_url, json_output) -> None:
    """List the configured feeds with their state: last fetch, failures in a row, next due.

    A failing feed waits out its backoff; the others are polled by every pass that polls feeds
    (`sources.feeds: true`, or `storywatch run --feeds`).

    Example:

    \b
        storywatch feeds
        storywatch feeds import subscriptions.opml
    """
    if ctx.invoked_subcommand is not None:
        return
    try:
        settings, store = resolve_pass(config_path, None, db_url)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    now = datetime.now(UTC)
    rows = feed_rows(settings, FeedStore(store.engine).feed_states([f.url for f in settings.feeds]), now)
    store.engine.dispose()
    if json_output:
        click.echo(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no feeds configured: add them under `feeds:` in the config, or import a reader's "
                   "export with `storywatch feeds import FILE.opml`", err=True)
        return
    if not settings.sources.feeds:
        click.echo("feeds are polled only by `storywatch run --feeds` (set `sources.feeds: true` to poll "
                   "them in every pass)", err=True)
    click.echo(f"{'STATE':<13} {'LAST FETCH':<17} {'FAILS':>5}  {'NEXT DUE':<17} FEED")
    for r in rows:
        name = f"{r.feed.name}  <{r.feed.url}>" if r.feed.name else r.feed.url
        click.echo(f"{r.state:<13} {_short(r.last_fetch):<17} {r.failures:>5}  "
                   f"{_short(r.next_due) if r.next_due else 'next pass':<17} {name}")
        if r.last_error and r.state == "failing":
            click.echo(f"{'':<13} {r.last_error[:200]}")
    click.echo(f"({len(rows)} feeds; state in {redact(str(store.engine.url))})", err=True)


@feeds.command(name="import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print what was added as JSON.")
def import_feeds(opml_file: Path, config_path, json_output) -> None:
    """Add the feeds of an OPML subscription list (any feed reader's export) to the config's
    `feeds:` list, keeping its comments; feeds already there are left as they are.

    Folders become tags, the feed's title its name. Importing the same file again adds nothing.

    Example:

        storywatch feeds import ~/Downloads/feedly.opml
    """
    try:
        listed, skipped = parse_opml(opml_file.read_bytes())
    except Rejected as exc:
        raise click.ClickException(f"{opml_file}: {exc}") from exc
    except OSError as exc:
        raise click.ClickException(f"cannot read {opml_file}: {exc.strerror or exc}") from exc
    wanted = [FeedSource(url=f.url, name=f.title, tags=list(f.tags)) for f in listed]
    try:
        result = add_feeds(config_path, wanted)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if json_output:
        click.echo(json.dumps({
            "config": str(result.path), "added": [f.model_dump() for f in result.added],
            "already_configured": [f.url for f in result.already],
            "skipped": [{"url": s.url, "reason": s.reason} for s in skipped]}, indent=2, ensure_ascii=False))
        return
    for feed in result.added:
        click.echo(f"added {feed.url}" + (f"  ({feed.name})" if feed.name else ""))
    for outline in skipped:
        click.echo(f"skipped {outline.url or '(no URL)'}: {outline.reason}", err=True)
    created = " (created)" if result.created else ""
    click.echo(f"{len(result.added)} feeds added to {result.path}{created}, "
               f"{len(result.already)} already there, {len(skipped)} skipped", err=True)
    if result.reformatted:
        click.echo(f"note: the YAML writer also changed the layout of other lines of {result.path} "
                   f"(indentation or how a null is spelled); their values are the same", err=True)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _short(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ") if value else "never"
