"""The storywatch command line: a thin layer over the flows and the store."""

from __future__ import annotations

import json
import sys

import click

from storywatch.config import load_settings
from storywatch.errors import StorywatchError

from .environment import prepare_prefect_environment
from .feeds_cli import feeds
from .local_server import use_local_server
from .resolve import resolve_pass
from .story_cli import story

CONFIG_HELP = "Config file (default config/storywatch.yaml; env STORYWATCH_CONFIG)."
DB_HELP = "Database URL, e.g. sqlite:///data/storywatch.db (env STORYWATCH_DB_URL)."


def store_options(command):
    """--config, --db and --json: the options of every command that reads the store."""
    for option in reversed([
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP),
        click.option("--db", "db_url", help=DB_HELP),
        click.option("--json", "json_output", is_flag=True, help="Print JSON."),
    ]):
        command = option(command)
    return command


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
@click.option("--feeds", "poll_feeds", is_flag=True,
              help="Also poll the configured feeds in this pass (as `sources.feeds: true` does).")
def run(config_path, seeds, db_url, json_output, poll_feeds) -> None:
    """Run one monitoring pass as the Prefect flow `monitor`.

    Example:

        storywatch run --seeds seeds --json
    """
    seeds = list(seeds) or None
    try:
        load_settings(config_path)  # a bad config stops the run before anything is made or started
        prepare_prefect_environment()
        # the project's Prefect server: found, or started now and up by the time the pass's store is
        # open and its modules imported; a store that cannot be opened stops it again (abandon)
        server = use_local_server()
        try:
            resolve_pass(config_path, seeds, db_url)
        except StorywatchError:
            if server is not None:
                server.abandon()
            raise
        from .monitor import monitor

        if server is not None:
            _announce(server.ready(), server.started_here)
        result = monitor(config=config_path, seeds=seeds, db_url=db_url, json_output=json_output,
                         feeds=poll_feeds)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if json_output:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_summary(result)


def _announce(server, started: bool) -> None:
    if started:
        click.echo(f"Started this project's Prefect server in the background: UI at {server.ui_url} "
                   f"(stops after {server.idle_minutes:g} idle minutes, or `storywatch server --stop`)",
                   err=True)


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
@store_options
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
    if not rows:
        _say_none_yet("stories", store)
        return
    for s in rows:
        click.echo(f"{s['id']}  {s['last_claim_at'][:16]}  {s['claims']} claims, "
                   f"{s['articles']} articles, {s['sources']} sources  {s['headline']}")


main.add_command(story)


@main.command()
@click.option("--figure", help="Only claims about this figure: its name or an alias, in any case.")
@store_options
def claims(figure, config_path, db_url, json_output) -> None:
    """List stored claims with their labels.

    Example:

        storywatch claims --figure Lavrov
    """
    from .alert_feed import find_watched

    settings, store = _settings_and_store(config_path, db_url)
    # a name nobody is watched by is still asked for: the empty answer says so
    name = (find_watched(settings, figure) or figure) if figure else None
    rows = [{"id": c.id, "story_id": c.story_id, "label": label, "figure": c.claim.figure,
             "article": c.article.key, "first_seen": c.first_seen.isoformat(),
             "claim": c.claim.model_dump(mode="json")} for c, label in store.claims(name)]
    if json_output:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        _say_none_yet(f"claims about {name}" if name else "claims", store)
        return
    for r in rows:
        claim = r["claim"]
        source = claim["attribution"]["source"] if claim["attribution"] else "-"
        click.echo(f"[{r['label']}] {claim['status']}/{claim['polarity']} {claim['aspect']} "
                   f"({source}): {claim['text'][:140]}")


@main.command()
@click.option("--atom", is_flag=True, help="Print the alerts as an Atom feed (what `serve` serves).")
@click.option("--figure", help="Only alerts about this figure: its name or an alias, in any case.")
@store_options
def alerts(atom, figure, config_path, db_url, json_output) -> None:
    """List alerts, newest first, with each channel's delivery state and why a pending one waits;
    or print them as Atom.

    A pending or failed delivery says until when it waits and on what: a process's claim (its
    lease), the receiver's Retry-After, backoff after a failure (with the error), or a hold.

    Example:

        storywatch alerts --json
        storywatch alerts --atom --figure lavrov > lavrov.atom
    """
    from datetime import UTC, datetime

    from .alert_feed import alert_feed_document, watched_figure
    from .report import alert_json

    settings, store = _settings_and_store(config_path, db_url)
    try:
        if atom:
            click.echo(alert_feed_document(settings, store, figure, datetime.now(UTC)), nl=False)
            return
        name = watched_figure(settings, figure) if figure else None
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [alert_json(a, datetime.now(UTC)) for a in store.alerts(figure=name)]
    if json_output:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        _say_none_yet(f"alerts about {name}" if name else "alerts", store)
        return
    for r in rows:
        states = ", ".join(f"{d['channel']}={d['state']}" for d in r["deliveries"])
        click.echo(f"{r['key']}  {r['kind']}  {len(r['items'])} items  [{states}]  {r['headline']}")
        for d in r["deliveries"]:
            if d["waiting"]:  # pending or failed: why and until when
                click.echo(f"    {d['channel']}: {d['state']}: {d['waiting']['why']}")
            elif d["state"] == "dead":
                click.echo(f"    {d['channel']}: dead after {d['attempts']} attempts: {d['last_error']}")
            elif d["state"] == "skipped":
                click.echo(f"    {d['channel']}: skipped: {d['note']}")


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print what was attempted as JSON.")
@click.option("--retry-dead", is_flag=True,
              help="First give dead-lettered deliveries a fresh set of attempts (after fixing the cause).")
@click.option("--channel", help="With --retry-dead: only this channel's dead letters.")
def deliver(config_path, db_url, json_output, retry_dead, channel) -> None:
    """Deliver the alerts the outbox holds that are due, as the Prefect flow `deliver`.

    Retries failed deliveries whose backoff has passed, and sends held alerts and digests whose
    time has come; reads no articles. Dead letters stay dead unless --retry-dead is given.

    Example:

        storywatch deliver --json
        storywatch deliver --retry-dead --channel ops-webhook
    """
    if channel and not retry_dead:
        raise click.UsageError("--channel selects dead letters to retry: use it with --retry-dead")
    try:
        resolve_pass(config_path, None, db_url)  # fail fast, before Prefect starts a server
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    prepare_prefect_environment()
    from .outbox_flows import deliver as deliver_flow

    try:
        result = deliver_flow(config=config_path, db_url=db_url, json_output=json_output,
                              retry_dead=retry_dead, channel=channel)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if json_output:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    requeued = f"{result['requeued']} requeued from dead letters, " if retry_dead else ""
    click.echo(f"{requeued}{result['sent']} sent, {result['failed']} failed, {result['dead']} dead-lettered")
    for a in result["attempts"]:
        if a["error"]:
            click.echo(f"  {a['alert']} -> {a['channel']}: {a['state']}: {a['error']}")


@main.command(name="eval")
@click.argument("golds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--seeds", multiple=True, type=click.Path(file_okay=False),
              help="Folder holding the gold files' articles (default: beside the gold file, or seeds/).")
@click.option("--json", "json_output", is_flag=True, help="Print the scores as JSON, keyed by gold file.")
def evaluate_gold(golds, seeds, json_output) -> None:
    """Score gold files: replay each one's articles into an empty store, one pass each, through
    the pass the `monitor` flow runs; a table per file, then the totals over all of them.

    Example:

        storywatch eval ../shared/eval/seeds.gold.json ../shared/eval/stories/*.gold.json \\
            --seeds ../shared/eval/polnear/train/text
    """
    from pathlib import Path

    from storywatch.stories import total

    from .evaluate import evaluate

    try:
        scores = {gold: evaluate(Path(gold), [Path(s) for s in seeds] or None) for gold in golds}
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    overall = total(list(scores.values()))
    if json_output:
        data = {"files": {gold: score.to_json() for gold, score in scores.items()},
                "total": {k: v for k, v in overall.to_json().items() if k != "details"}}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{'gold file':32} {'recall':>7} {'precision':>9} {'labels':>7} {'sources':>7} "
               f"{'stories':>8} {'alerts':>13}")
    for name, score in [*((Path(g).name, s) for g, s in scores.items()), ("total", overall)]:
        c = score.counts
        click.echo(f"{name[:32]:32} {score.recall:7.3f} {score.precision:9.3f} {score.label_accuracy:7.3f} "
                   f"{score.source_accuracy:7.3f} {f'{c.stories_right}/{c.stories}':>8} "
                   f"{f'{c.alerts_met}/{c.alerts} ({score.alerts_met:.2f})':>13}")
    for gold, score in scores.items():
        problems = [(kind, p) for kind, ps in score.details.items() for p in ps]
        if problems:
            click.echo(f"\n{Path(gold).name}:")
        for kind, problem in problems:
            click.echo(f"  {_problem_line(kind, problem)}")


def _problem_line(kind: str, problem) -> str:
    """One of `storywatch eval`'s findings as a reader takes it in, the claim's text last."""
    if kind == "missed":
        return f"missed: “{problem}”"
    if kind == "false_positives":
        return f"not in the gold: “{problem}”"
    if kind == "wrong_labels":
        text, label, accepted = problem
        return f"label {label}, the gold accepts {' or '.join(accepted)}: “{text}”"
    if kind == "wrong_sources":
        text, source, accepted = problem
        others = f" (or {len(accepted) - 1} more)" if len(accepted) > 1 else ""
        return f"source {source or 'none'}, the gold accepts {accepted[0]}{others}: “{text}”"
    return f"{kind}: {problem}"  # stories and alerts are sentences already


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--json", "json_output", is_flag=True, help="Print JSON.")
def extract(paths, config_path, json_output) -> None:
    """Show what the engine finds in files: text, attributions, mentions and claims.

    Example:

        storywatch extract seeds/000_bd2898eea5787eda.txt --json
    """
    from pathlib import Path

    from storywatch.config import load_settings
    from storywatch.extractors import extract_claims

    from .prepare import prepare_documents
    from .seeds import read_seed_files

    try:
        settings = load_settings(config_path)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    documents, failures = read_seed_files([Path(p) for p in paths])
    prepared = prepare_documents(documents, settings)  # as a pass prepares them
    results: list[dict] = [{"source": f.source, "error": f.reason} for f in failures + prepared.failures]
    for article, found in zip(prepared.articles, prepared.claims, strict=True):
        analysis, _ = extract_claims(article.text, settings.figures(), settings.aspects)
        results.append({
            "source": article.origin, "title": article.title, "text": article.text,
            "attributions": [{"source": {"text": a.source, "span": a.source_span},
                              "cue": {"text": a.cue, "span": a.cue_span},
                              "content": {"text": a.content, "span": a.content_span}}
                             for a in analysis.attributions],
            "mentions": [m.model_dump(mode="json") for m in analysis.mentions],
            "claims": [c.model_dump(mode="json") for c in found],
        })
    if json_output:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for r in results:
        click.echo(f"== {r['source']}")
        if "error" in r:
            click.echo(f"  rejected: {r['error']}")
            continue
        for a in r["attributions"]:
            click.echo(f"  said: {a['source']['text']} | {a['cue']['text']} | {a['content']['text'][:80]}")
        for c in r["claims"]:
            click.echo(f"  claim [{c['figure']}, {c['role']}, {c['status']}, {c['polarity']}, "
                       f"{c['aspect']}]: {c['text'][:100]}")


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--seeds", multiple=True, type=click.Path(file_okay=False),
              help="Seed folder for `monitor` runs (repeatable); replaces the configured seed folders.")
@click.option("--db", "db_url", help=DB_HELP)
@click.option("--interval", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Run `monitor` every SECONDS instead of the configured schedule (for a quick try).")
@click.option("--limit", type=click.IntRange(min=1), help="Most flow runs at once (default: no limit).")
@click.option("--feed-port", type=click.IntRange(0, 65535),
              help="Port of the Atom feed of alerts (default: atom_feed.port, 4201; 0: any free port).")
def serve(config_path, seeds, db_url, interval, limit, feed_port) -> None:
    """Serve the flows on their schedules until Ctrl-C: `monitor` per config, `deliver` every minute.

    Runs, logs, artifacts and events go to the Prefect server in PREFECT_API_URL (start one with
    `storywatch server`); deployment parameters can be edited in its UI.

    Example:

    \b
        export PREFECT_API_URL=http://127.0.0.1:4200/api
        storywatch serve --interval 60
    """
    import os

    seeds = list(seeds) or None
    try:
        settings, _store_ = resolve_pass(config_path, seeds, db_url)  # fail fast on config and database
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    _store_.engine.dispose()
    from .alert_feed import serve_alert_feed

    try:
        feed = serve_alert_feed(settings, feed_port)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if feed is not None:
        click.echo(f"Atom feed of alerts: {feed.url}/alerts.atom (per figure: {feed.url}/)", err=True)
    from .deployments import build_deployments, prepare_serve_logging, serve_deployments

    prepare_serve_logging()
    prepare_prefect_environment()
    if not os.environ.get("PREFECT_API_URL"):
        click.echo("PREFECT_API_URL is not set: runs go to a temporary server that stops with this "
                   "command. Start one with `storywatch server` to keep them and watch them in the UI.",
                   err=True)
    serve_deployments(build_deployments(settings, config_path, seeds, db_url, interval), limit=limit)


@main.command()
@click.option("--pool", default="storywatch", show_default=True,
              help="Process work pool to register on (created when missing).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--seeds", multiple=True, type=click.Path(file_okay=False),
              help="Seed folder for `monitor` runs (repeatable); replaces the configured seed folders.")
@click.option("--db", "db_url", help=DB_HELP + " Use PostgreSQL when workers run on several machines.")
@click.option("--interval", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Run `monitor` every SECONDS instead of the configured schedule.")
def deploy(pool, config_path, seeds, db_url, interval) -> None:
    """Register the scheduled flows on a work pool, for workers (`prefect worker start`) to run.

    The same deployments as `storywatch serve`, run by workers on any machine with storywatch
    installed, in the directory this command was run from. Needs PREFECT_API_URL.

    Example:

    \b
        storywatch deploy --pool storywatch --db postgresql+psycopg://storywatch@db.internal/storywatch
        prefect worker start --pool storywatch     # on each worker machine
    """
    import os

    if not os.environ.get("PREFECT_API_URL"):
        raise click.ClickException("set PREFECT_API_URL to the Prefect server the workers use")
    seeds = list(seeds) or None
    try:
        settings, store = resolve_pass(config_path, seeds, db_url)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    store.engine.dispose()
    prepare_prefect_environment()
    from .deployments import build_deployments, deploy_to_pool

    deployments = build_deployments(settings, config_path, seeds, db_url, interval)
    for name in deploy_to_pool(deployments, pool, os.getcwd()):
        click.echo(f"deployed {name} on work pool {pool!r}")
    click.echo(f"start workers with: prefect worker start --pool {pool}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to let workers on other machines reach it).")
@click.option("--port", default=4200, show_default=True, type=click.IntRange(1, 65535),
              help="Port for the API and the UI.")
@click.option("--stop", is_flag=True,
              help="Stop this project's Prefect server (the one `storywatch run` started) and exit.")
def server(host, port, stop) -> None:
    """Start a local Prefect server with the settings storywatch needs, and print the UI address.

    Telemetry off, PREFECT_HOME in data/prefect (unless set), an API URL matching the port, and the
    task-run recorder and event persister writing in batches. Stops with Ctrl-C. `storywatch run`
    uses it while it runs; without it, `run` starts one in the background (--stop stops that one).

    Example:

    \b
        storywatch server --port 4200
        export PREFECT_API_URL=http://127.0.0.1:4200/api   # in the shell that runs `storywatch serve`
        storywatch server --stop
    """
    from .local_server import api_url, exec_server, prefect_home, stop_server

    if stop:
        stopped = stop_server(prefect_home())
        click.echo(f"stopped the Prefect server at {stopped.ui_url} (pid {stopped.pid})" if stopped
                   else f"no Prefect server of this project is running (PREFECT_HOME {prefect_home()})")
        return
    url = api_url(host, port)
    click.echo(f"Prefect UI: {url.removesuffix('/api')}")
    click.echo(f"For storywatch serve, run, and workers: export PREFECT_API_URL={url}", err=False)
    sys.stdout.flush()
    try:
        exec_server(host, port)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc


@main.group()
def automations() -> None:
    """Prefect automations on storywatch's events (needs PREFECT_API_URL: a server that stays up).

    Example:

    \b
        storywatch automations install --block slack-webhook/ops
    """


@automations.command(name="install")
@click.option("--block", help="Notification block for the ops channel: TYPE/NAME, e.g. slack-webhook/ops.")
@click.option("--webhook-url", help="Instead of --block: save a webhook block posting to this URL.")
def install_automations(block, webhook_url) -> None:
    """Create or replace storywatch's automations: a feed failing three polls in a row, alert
    deliveries failing, a monitor pass failing; each notifies the ops channel.

    Example:

    \b
        storywatch automations install --webhook-url https://ops.example.org/hooks/storywatch
    """
    import os

    if not os.environ.get("PREFECT_API_URL"):
        raise click.ClickException("set PREFECT_API_URL to your Prefect server (see `storywatch server`): "
                                   "automations on a temporary server vanish with it")
    prepare_prefect_environment()
    from .automations import install

    try:
        names = install(block, webhook_url)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc
    for name in names:
        click.echo(f"installed automation {name!r}")


main.add_command(feeds)


def _say_none_yet(what: str, store) -> None:
    """An empty answer says why, on stderr (the JSON stays an empty list)."""
    from storywatch.storage import redact

    click.echo(f"no {what} yet in {redact(str(store.engine.url))}", err=True)


def _store(config_path, db_url):
    return _settings_and_store(config_path, db_url)[1]


def _settings_and_store(config_path, db_url):
    """For the commands that read what runs stored: the database must be there."""
    try:
        return resolve_pass(config_path, None, db_url, reading=True)
    except StorywatchError as exc:
        raise click.ClickException(str(exc)) from exc


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
