"""`storywatch story ID`: one story's timeline, article by article, with what each added and the
alerts sent for it. An id prefix is enough, as with git."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from storywatch.errors import StorywatchError
from storywatch.records import StoryTimeline
from storywatch.storage import StoryReader, redact

from .resolve import resolve_pass
from .story_view import timeline_json, timeline_text


def find_story(reader: StoryReader, given: str, where: str) -> StoryTimeline:
    """The story whose id starts with `given`; a ClickException naming the fix when none or several do."""
    ids = reader.matching_ids(given)
    if not ids:
        raise click.ClickException(f"no story with an id starting {given!r} in {where}; "
                                   f"`storywatch stories` lists them")
    if len(ids) > 1:
        raise click.ClickException(f"{given!r} is ambiguous: it starts {', '.join(ids)}"
                                   f"{' and more' if len(ids) == 10 else ''}; give more of the id")
    timeline = reader.timeline(ids[0])
    if timeline is None:  # removed between the two reads
        raise click.ClickException(f"story {ids[0]} is no longer in {where}")
    return timeline


@click.command(name="story")
@click.argument("story_id", metavar="ID")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Config file (default config/storywatch.yaml; env STORYWATCH_CONFIG).")
@click.option("--db", "db_url",
              help="Database URL, e.g. sqlite:///data/storywatch.db (env STORYWATCH_DB_URL).")
@click.option("--json", "json_output", is_flag=True, help="Print the timeline as one JSON object.")
def story(story_id, config_path, db_url, json_output) -> None:
    """Show a story's timeline: each article (outlet, title, published time, link) with the claims
    it added, labelled new, update, contradict or repeat, who says each, and the alerts sent.

    ID is a story id or its first characters, as `storywatch stories` prints them.

    Example:

        storywatch story f3314fc1 --json
    """
    try:
        _settings, store = resolve_pass(config_path, None, db_url, reading=True)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        timeline = find_story(StoryReader(store.engine), story_id, redact(str(store.engine.url)))
    finally:
        store.engine.dispose()
    if json_output:
        click.echo(json.dumps(timeline_json(timeline, datetime.now(UTC)), indent=2, ensure_ascii=False))
    else:
        click.echo(timeline_text(timeline))
