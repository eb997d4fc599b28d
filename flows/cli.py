"""The storywatch command line: a thin layer over the flows and the store."""

from __future__ import annotations

import json
import sys

import click

from storywatch.errors import StorywatchError

from .environment import prepare_prefect_environment
from .resolve import resolve_pass

CONFIG_HELP = "Config file (default config/storywatch.yaml; env STORYWATCH_CONFIG)."
DB_HELP = "Database URL, e.g. sqlite:///data/storywatch.db (env STORYWATCH_DB_URL)."


@click.group()
@click.version_option(package_name="storywatch")
def main() -> None:
    """storywatch: what changed in a story about the people you track, who said it, and since when."""


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--seeds", multiple=True, type=click.Path(file_okay=False),
              help="Seed folder to read (repeatable); replaces the configured seed folders.")
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print the pass as one JSON object.")
def run(config_path, seeds, db_url, json_output) -> None:
    """Run one monitoring pass as the Prefect flow `monitor`.

    Example:

        storywatch run --seeds seeds --json
    """
    seeds = list(seeds) or None
    try:
        resolve_pass(config_path, seeds, db_url)  # fail fast, before Prefect starts a server
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    prepare_prefect_environment()
    from .monitor import monitor

    try:
        result = monitor(config=config_path, seeds=seeds, db_url=db_url, json_output=json_output)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if json_output:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_summary(result)


def _print_summary(result: dict) -> None:
    articles = result["articles"]
    click.echo(f"pass {result['pass_id']}: {articles['ingested']} ingested, "
               f"{articles['duplicates']} duplicates, {len(articles['failed'])} failed, "
               f"{len(result['developments'])} developments, {len(result['alerts'])} alerts")
    for failure in articles["failed"]:
        click.echo(f"  failed {failure['source']}: {failure['reason']}")
    for alert in result["alerts"]:
        click.echo(f"  {alert['kind']}: {alert['headline']} ({len(alert['items'])} items, "
                   f"{alert['source_count']} sources)")


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print JSON.")
def stories(config_path, db_url, json_output) -> None:
    """List stories, most recently developed first.

    Example:

        storywatch stories --json
    """
    store = _store(config_path, db_url)
    rows = [s.model_dump(mode="json") for s in store.stories()]
    if json_output:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for s in rows:
        click.echo(f"{s['id']}  {s['last_claim_at'][:16]}  {s['claims']} claims, "
                   f"{s['articles']} articles, {s['sources']} sources  {s['headline']}")


@main.command()
@click.option("--figure", help="Only claims about this figure (canonical name).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print JSON.")
def claims(figure, config_path, db_url, json_output) -> None:
    """List stored claims with their labels.

    Example:

        storywatch claims --figure "Sergei Lavrov"
    """
    store = _store(config_path, db_url)
    rows = [{"id": c.id, "story_id": c.story_id, "label": label, "figure": c.claim.figure,
             "article": c.article.key, "first_seen": c.first_seen.isoformat(),
             "claim": c.claim.model_dump(mode="json")} for c, label in store.claims(figure)]
    if json_output:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        claim = r["claim"]
        source = claim["attribution"]["source"] if claim["attribution"] else "-"
        click.echo(f"[{r['label']}] {claim['status']}/{claim['polarity']} {claim['aspect']} "
                   f"({source}): {claim['text'][:140]}")


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print JSON.")
def alerts(config_path, db_url, json_output) -> None:
    """List alerts, newest first, with each channel's delivery state.

    Example:

        storywatch alerts --json
    """
    from .report import alert_json

    store = _store(config_path, db_url)
    rows = [alert_json(a, ds) for a, ds in store.alerts()]
    if json_output:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        states = ", ".join(f"{d['channel']}={d['state']}" for d in r["deliveries"])
        click.echo(f"{r['key']}  {r['kind']}  {len(r['items'])} items  [{states}]  {r['headline']}")


def _store(config_path, db_url):
    try:
        _settings, store = resolve_pass(config_path, None, db_url)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    return store


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
