"""storywatch's benchmarks, one entry point: is a pass fast, and does it stay fast as the store grows?

    python benchmarks/run.py [--quick] [--json] [--readme]

Every figure is a ratio (or a bound) measured within this one run, because the machine is shared
and noisy. Nothing leaves 127.0.0.1: feeds and pages are served by a process started here.

1. End to end: the 61 pages of ../shared/eval/extraction, replicated to N articles (each copy under
   its own URL, a third of its words varied so near-duplicate detection does not link it to the
   others, every fourth with a sentence about Sergei Lavrov so claims, stories and alerts happen),
   served as RSS feeds. One whole pass (poll, fetch, extract, dedup, claims, develop, alerts) as
   the plain stage functions and as the Prefect flow `monitor` under a temporary server (its start
   excluded). Compared with bare trafilatura.extract over the same pages on a process per core.
   Stages overlap (a task on a thread fetches a batch and hands it to the workers while they
   prepare the one before and the pass's thread stores the one before that), so each stage's cost
   is given in CPU seconds: the worker steps (extraction, signatures, claims) as the workers report
   them; fetch, dedup, storage, matching and alerts as
   the pass's process spent them (dedup, storage, matching and alerts on the pass's thread, in its
   CPU time; fetch as the rest of the process's CPU: its fetch threads and its side of the traffic
   with the workers); Prefect as the flow's extra CPU in the pass's process plus its
   server's CPU during the pass. Three rounds (--rounds), each of bare trafilatura, the plain pass
   and the flow (under a server started for it) one after the other; the best time of each counts,
   and each round's flow is also compared with the bare run just before it.
2. Quiet pass: 100 feeds answering 304 Not Modified, as the flow.
3. Growth: benchmarks/growth.py (matching and storage per new article, small vs large store).
4. Memory: peak RSS (the pass's process plus its extraction workers) of an M-article pass.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

DATA = ROOT.parent / "shared" / "eval" / "extraction"
ENTRIES_PER_FEED = 50
PARAGRAPH = re.compile(rb"(<p[^>]*>)(.*?)(</p>)", re.DOTALL | re.IGNORECASE)
WORD = re.compile(rb"(?<![<&/#\w])([a-z]{4,})(?![\w;=\"'])")
TOPICS = ["grain exports", "the Black Sea", "prisoner exchanges", "gas transit", "arms control",
          "sanctions relief", "the Arctic council", "nuclear talks"]
CITIES = ["Geneva", "Istanbul", "Vienna", "Riyadh", "Ankara", "Doha", "Minsk", "Baku"]


# ---- the replicated pages ------------------------------------------------------------------------

def load_templates() -> list[bytes]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    return [gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes()) for key in sorted(truth)]


def page(templates: list[bytes], index: int) -> bytes:
    """Article `index`: template index % 61, a third of its paragraph words varied per copy (so
    5-word shingles differ: no near-duplicates), every fourth with a claim about Lavrov."""
    replica = index // len(templates)
    html = templates[index % len(templates)]
    salt = f"{index}".encode()

    def vary(match: re.Match) -> bytes:
        word = match.group(1)
        if hashlib.blake2b(word + salt, digest_size=1).digest()[0] % 3:
            return word
        return word[:3] + format(replica * 7919 + index, "x").encode()

    def paragraph(match: re.Match) -> bytes:
        return match.group(1) + WORD.sub(vary, match.group(2)) + match.group(3)

    html = PARAGRAPH.sub(paragraph, html)
    sentence = f"<p>Dispatch {index}: the review board met on day {index % 365} in {CITIES[index % 8]}.</p>"
    if index % 4 == 0:
        sentence += (f"<p>Russia's foreign minister Sergei Lavrov said on day {index} that talks on "
                     f"{TOPICS[index % 8]} would resume in {CITIES[(index // 8) % 8]} within "
                     f"{index % 9 + 2} weeks.</p>")
    first = html.lower().find(b"</p>")
    return html[:first + 4] + sentence.encode() + html[first + 4:] if first >= 0 else html


def feed_xml(base: str, feed: int, articles: int) -> bytes:
    items = []
    for index in range(feed * ENTRIES_PER_FEED, min((feed + 1) * ENTRIES_PER_FEED, articles)):
        items.append(f"<item><title>Article {index}</title><link>{base}/page/{index}.html</link>"
                     f"<guid>{base}/page/{index}.html</guid><pubDate>Mon, 05 Jan 2026 09:00:00 GMT"
                     f"</pubDate></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode()


def serve(port_out, articles: int, cache: bool) -> None:
    """The loopback server (a process of its own, so it does not share the pass's interpreter)."""
    templates = load_templates()
    pages = {i: page(templates, i) for i in range(articles)} if cache else {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY, as web servers set it: with Nagle's algorithm the body's first segment
        # waits for the client's delayed ACK of the headers, 40 ms on a quarter of the pages
        disable_nagle_algorithm = True

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            base = f"http://127.0.0.1:{self.server.server_port}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "quiet":  # /quiet/<n>.xml: always 304 to a conditional GET
                if self.headers.get("If-None-Match") == '"q"':
                    return self.reply(304, b"", "application/rss+xml")
                return self.reply(200, feed_xml(base, 0, 0), "application/rss+xml", etag='"q"')
            number = int(parts[-1].split(".")[0])
            if parts[0] == "feed":
                return self.reply(200, feed_xml(base, number, articles), "application/rss+xml")
            body = pages.get(number) or page(templates, number)
            self.reply(200, body, "text/html; charset=utf-8")

        def reply(self, status: int, body: bytes, content_type: str, etag: str | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_port)
    server.serve_forever()


@contextmanager
def loopback_server(articles: int, cache: bool = True):
    context = multiprocessing.get_context("spawn")
    port = context.Queue()
    process = context.Process(target=serve, args=(port, articles, cache), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{port.get(timeout=120)}"
    finally:
        process.terminate()
        process.join()


def settings_for(base: str, feeds: list[str], tmp: Path):
    from storywatch.config import Alerts, FeedSource, Fetch, Settings, Sources, Storage

    return Settings(
        sources=Sources(seeds=[], feeds=True), feeds=[FeedSource(url=u, name="Bench") for u in feeds],
        fetch=Fetch(allow_hosts=["127.0.0.1"], max_entries_per_feed=ENTRIES_PER_FEED,
                    per_host_concurrency=4),
        storage=Storage(url=f"sqlite:///{tmp}/storywatch.db"),
        alerts=Alerts(console=False, outbox_dir=tmp / "outbox"))


def article_feeds(base: str, articles: int) -> list[str]:
    return [f"{base}/feed/{f}.xml" for f in range(-(-articles // ENTRIES_PER_FEED))]


# ---- the pass without Prefect, stage by stage -----------------------------------------------------

STAGES = {"read_seeds": "fetch", "poll_feeds": "fetch", "prepare_articles": "workers",
          "store_articles": "storage", "deliver_alerts": "alerts"}
THREAD_STAGES = {"storage", "alerts"}  # all on the pass's thread: timed by its CPU time
WORKER_STEPS = {"extraction": "extraction", "signature": "dedup", "claims": "claims"}


class PlainTask:
    """A task's plain function, timed, with a .submit that runs it on a thread and unwraps
    Prefect's quote() as Prefect's own task runner does. A stage that runs on the pass's thread
    alone is timed in that thread's CPU seconds; the stage on the workers by the CPU time they
    report (direct_pass counts the rest of the process's CPU as fetch: reading seeds, polling,
    fetching, the traffic with the workers); each in wall seconds too."""

    def __init__(self, stage: str, fn, timings: dict[str, float], walls: dict[str, float],
                 threads: ThreadPoolExecutor):
        self.stage, self.fn, self.timings, self.walls, self.threads = stage, fn, timings, walls, threads

    def __call__(self, *args, **kwargs):
        args, kwargs = [_plain(a) for a in args], {k: _plain(v) for k, v in kwargs.items()}
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            result = self.fn(*args, **kwargs)
        finally:
            self.walls[self.stage] = self.walls.get(self.stage, 0.0) + time.perf_counter() - started
            if self.stage in THREAD_STAGES:
                self.timings[self.stage] = self.timings.get(self.stage, 0.0) + time.thread_time() - cpu
        prepared = result[0] if isinstance(result, tuple) and result else result
        for step, seconds in getattr(prepared, "cpu_seconds", {}).items():  # the workers' own CPU time
            self.timings[WORKER_STEPS[step]] = self.timings.get(WORKER_STEPS[step], 0.0) + seconds
        return result

    def submit(self, *args, **kwargs):
        return self.threads.submit(self, *args, **kwargs)


def _plain(value):
    return value.unquote() if hasattr(value, "unquote") else value


@contextmanager
def plain_stages(timings: dict[str, float], walls: dict[str, float]):
    """monitor.run_pass with each task replaced by its plain function (timed) and the Prefect
    calls (logger, artifacts, events, run name) by nothing: the same code path, no flow machinery.
    store_articles counts as storage but for its dedup (pipeline.drop_copies: stored and in-batch
    copies, with the workers' signatures) and its matching (pipeline.develop_article: candidates,
    judging, and the stories' decisions on stories and alerts), timed apart."""
    from storywatch.flows import events, monitor, pipeline

    saved = {name: getattr(monitor, name) for name in
             [*STAGES, "get_run_logger", "publish", "name_run"]}
    # store_batch and develop_stories call these through pipeline's module globals
    saved_develop, saved_drop = pipeline.develop_article, pipeline.drop_copies
    saved_emit_attempts = events.emit_attempts  # called by the deliver-alerts task

    def timed(step: str, fn):  # a step inside store_articles, on the pass's thread
        def timed_fn(*args, **kwargs):
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[step] = timings.get(step, 0.0) + time.thread_time() - started
        return timed_fn

    with ThreadPoolExecutor(2, thread_name_prefix="bench-task") as threads:
        for name in STAGES:
            setattr(monitor, name, PlainTask(STAGES[name], saved[name].fn, timings, walls, threads))
        pipeline.develop_article = timed("matching", saved_develop)
        pipeline.drop_copies = timed("dedup_store", saved_drop)
        monitor.get_run_logger = lambda: logging.getLogger("storywatch.bench")
        monitor.publish = lambda *a, **k: None
        monitor.name_run = lambda *a, **k: None
        events.emit_attempts = lambda *a, **k: None
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(monitor, name, value)
            pipeline.develop_article, pipeline.drop_copies = saved_develop, saved_drop
            events.emit_attempts = saved_emit_attempts


@dataclass
class Timed:
    seconds: float  # wall time of the pass
    main_cpu: float  # CPU seconds of the pass's process
    server_cpu: float = 0.0  # CPU seconds of the Prefect server's process during the pass
    costs: dict = field(default_factory=dict)  # core-seconds per stage (plain pass only)
    walls: dict = field(default_factory=dict)  # wall seconds per stage (plain pass only)
    counts: dict = field(default_factory=dict)


def direct_pass(settings) -> Timed:
    from storywatch.flows import monitor
    from storywatch.storage import Store

    timings: dict[str, float] = {}
    walls: dict[str, float] = {}
    with plain_stages(timings, walls):
        started, cpu = time.perf_counter(), time.process_time()
        store = Store.open(settings.storage.url)  # as the flow does, in the pass
        opened = time.process_time()
        result = monitor.run_pass(settings, store)
        seconds, main_cpu = time.perf_counter() - started, time.process_time() - cpu
        pass_cpu = time.process_time() - opened
    store.engine.dispose()
    # Fetch is the rest of the pass's CPU: the feed and page fetches on their threads, and this
    # process's side of the traffic with the workers (documents out, articles and claims back)
    timings["fetch"] = pass_cpu - sum(timings.get(k, 0.0) for k in THREAD_STAGES)
    # store_articles is timed whole as storage: its dedup and matching parts are counted apart
    dedup_store = timings.pop("dedup_store", 0.0)
    timings["dedup"] = timings.get("dedup", 0.0) + dedup_store
    timings["storage"] = timings.get("storage", 0.0) - timings.get("matching", 0.0) - dedup_store
    return Timed(seconds, main_cpu, costs=timings, walls=walls,
                 counts={"ingested": result.ingested, "failed": len(result.failed),
                         "developments": len(result.developments), "alerts": len(result.alerts)})


def flow_pass(settings, tmp: Path) -> Timed:
    """The Prefect flow `monitor` (a harness must be running), its config written as YAML."""
    import yaml

    from storywatch.flows.monitor import monitor

    config = tmp / f"config-{time.monotonic_ns()}.yaml"
    config.write_text(yaml.safe_dump(settings.model_dump(mode="json", by_alias=True)), encoding="utf-8")
    server = server_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    monitor(config=str(config), json_output=True, feeds=True)
    seconds, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    return Timed(seconds, main_cpu, server_cpu() - server)


def settle_server(window: float = 0.25, busy_cpu: float = 0.02, limit: float = 15.0) -> None:
    """Wait until the Prefect server has digested the flow runs before (under `busy_cpu` CPU
    seconds over `window`), as a scheduled pass finds it: a server still writing the last run's
    events to its SQLite database answers a new flow run with 503, and Prefect's client retries
    it 2 s later."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = server_cpu()
        time.sleep(window)
        if server_cpu() - before < busy_cpu:
            return


def server_cpu() -> float:
    """CPU seconds so far of the Prefect server this process started (prefect_test_harness)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "uvicorn" in " ".join(child.cmdline()):
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


# ---- bare trafilatura on both cores --------------------------------------------------------------

_templates: list[bytes] = []


def _bare_one(index: int) -> float:
    import trafilatura

    global _templates
    if not _templates:
        _templates = load_templates()
    html = page(_templates, index).decode("utf-8", "replace")  # not timed: the server's work
    started = time.perf_counter()
    trafilatura.extract(html)
    return time.perf_counter() - started


def bare_trafilatura(articles: int) -> dict:
    """Pages per second of trafilatura.extract over the same pages, a process per core, both busy:
    the sum of per-page times over the cores is the wall time the extraction alone would take."""
    cores = os.cpu_count() or 1
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_bare_one, range(min(articles, 2 * cores))))  # imports, not timed
        started = time.perf_counter()
        per_page = list(pool.map(_bare_one, range(articles), chunksize=8))
        wall = time.perf_counter() - started
    seconds = sum(per_page) / cores
    return {"articles": articles, "cores": cores, "seconds": round(seconds, 2),
            "wall_seconds_with_page_generation": round(wall, 2),
            "articles_per_s": round(articles / seconds, 1)}


# ---- the figures ----------------------------------------------------------------------------------

@contextmanager
def prefect_server(tmp: Path):
    os.environ["PREFECT_HOME"] = str(tmp / "prefect")
    (tmp / "prefect").mkdir(parents=True, exist_ok=True)
    from prefect.logging import disable_run_logger  # noqa: F401 - imported early: Prefect's import cost
    from prefect.testing.utilities import prefect_test_harness

    started = time.perf_counter()
    with prefect_test_harness(server_startup_timeout=120):
        yield time.perf_counter() - started
    logging.getLogger("prefect").setLevel(logging.WARNING)


def end_to_end(articles: int, tmp: Path, rounds: int = 3) -> dict:
    """Each of bare trafilatura, the plain pass and the flow pass `rounds` times, interleaved, and
    the best time of each kept: a shared machine's load only ever slows a round down."""
    from storywatch.flows import prepare, workers
    from storywatch.records import Document

    warm = Document(source="warm-up", name="warm-up", kind="html", content=page(load_templates(), 0),
                    url="http://127.0.0.1/warm-up")
    workers.on_all_cores(prepare._prepare, [(warm, [], None)] * workers.PARALLEL_MIN)  # imports, untimed
    bares, directs, flows = [], [], []
    with loopback_server(articles) as base:
        feeds = article_feeds(base, articles)
        for round_ in range(rounds):  # each round: bare, plain, flow, one after the other
            bares.append(bare_trafilatura(articles))
            (tmp / f"direct-{round_}").mkdir()
            directs.append(direct_pass(settings_for(base, feeds, tmp / f"direct-{round_}")))
            # a server of its own per round, started after the other two ran: its idle CPU
            # (~2% of a core) is the flow's cost alone, and the flow is measured beside the others;
            # its start and warm-up pass are not timed
            with prefect_server(tmp / f"prefect-{round_}") as server_start:
                # a fresh server's first flow run costs it ~1.2 s of CPU more than later ones
                # (seen with an empty flow): warm it, as a scheduled server is, with an empty pass
                (tmp / f"warm-{round_}").mkdir()
                flow_pass(settings_for(base, [], tmp / f"warm-{round_}"), tmp)
                settle_server()
                (tmp / f"flow-{round_}").mkdir()
                flows.append(flow_pass(settings_for(base, feeds, tmp / f"flow-{round_}"), tmp))
                if round_ == rounds - 1:
                    quiet = quiet_pass(base, tmp)
    bare = max(bares, key=lambda b: b["articles_per_s"])
    direct = min(directs, key=lambda d: d.seconds)
    flow = min(flows, key=lambda f: f.seconds)
    costs = dict(direct.costs)
    # Prefect: the flow's extra CPU in the pass's process, and its server's CPU during the pass
    costs["prefect"] = max(0.0, flow.main_cpu - direct.main_cpu) + flow.server_cpu
    total = sum(costs.values())
    extraction = costs["extraction"]
    largest_other = max((v, k) for k, v in costs.items() if k != "extraction")
    return {
        "articles": articles, **direct.counts, "rounds": rounds,
        "bare_trafilatura": bare,
        "pass_seconds": {"plain_stages": round(direct.seconds, 2), "prefect_flow": round(flow.seconds, 2),
                         "prefect_server_start_excluded": round(server_start, 2),
                         "every_round": {"bare_trafilatura": [b["seconds"] for b in bares],
                                         "plain_stages": [round(d.seconds, 2) for d in directs],
                                         "prefect_flow": [round(f.seconds, 2) for f in flows]}},
        # each round's flow against the bare extraction just before it: the load a round met
        "pass_vs_bare_each_round": [round(b["seconds"] / f.seconds, 3)
                                    for b, f in zip(bares, flows, strict=True)],
        "articles_per_s": {"plain_stages": round(articles / direct.seconds, 1),
                           "prefect_flow": round(articles / flow.seconds, 1)},
        "pass_vs_bare_trafilatura": round((articles / flow.seconds) / bare["articles_per_s"], 3),
        "pass_vs_bare_target": ">= 0.8",
        "stage_core_seconds": {k: round(v, 2) for k, v in sorted(costs.items())},
        "share_of_work": {k: round(v / total, 3) for k, v in sorted(costs.items())},
        "plain_pass_stage_wall_seconds": {k: round(v, 2) for k, v in sorted(direct.walls.items())},
        "largest_other_stage_vs_extraction": {"stage": largest_other[1],
                                              "ratio": round(largest_other[0] / extraction, 3),
                                              "target": "<= 0.25"},
        "prefect_overhead": round(flow.seconds / direct.seconds, 3), "prefect_overhead_target": "<= 1.25",
        "quiet_pass": quiet,
    }


def quiet_pass(base: str, tmp: Path) -> dict:
    """100 feeds that answer 304: the first pass stores their ETags, the second is timed."""
    (tmp / "quiet").mkdir()
    settings = settings_for(base, [f"{base}/quiet/{n}.xml" for n in range(100)], tmp / "quiet")
    settle_server()  # after the measured pass
    flow_pass(settings, tmp)
    settle_server()
    # the next pass runs when the feeds are due again: no backoff after a success
    seconds = flow_pass(settings, tmp).seconds
    return {"feeds": 100, "seconds_beyond_prefect_start": round(seconds, 2), "target_seconds": "< 2"}


def growth(quick: bool) -> dict:
    args = ["--small", "1000", "--large", "20000" if quick else "100000", "--json"]
    output = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "growth.py"), *args],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout
    result = json.loads(output)
    result["target_ratio"] = "<= 1.5"
    if quick:
        result["note"] = "--quick: 1,000 vs 20,000 stored claims (the full run: 1,000 vs 100,000)"
    return result


def memory(articles: int, quick: bool) -> dict:
    output = subprocess.run([sys.executable, __file__, "--memory-child", str(articles)],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["target_mb"] = "< 1024"
    if quick:
        result["note"] = f"--quick: {articles:,} articles (the full run: 10,000)"
    return result


def memory_child(articles: int) -> None:
    """A pass of `articles` pages as the flow; prints the peak RSS of this process plus its
    extraction workers (sampled every 50 ms; the Prefect server's process is not the pass)."""
    import psutil

    me = psutil.Process()
    peak = {"total": 0, "pass": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                own = me.memory_info().rss
                workers = sum(c.memory_info().rss for c in me.children(recursive=True)
                              if "multiprocessing" in " ".join(c.cmdline()))
            except psutil.Error:
                continue
            peak["total"], peak["pass"] = max(peak["total"], own + workers), max(peak["pass"], own)
            done.wait(0.05)

    with tempfile.TemporaryDirectory() as tmp, loopback_server(articles, cache=False) as base:
        settings = settings_for(base, article_feeds(base, articles), Path(tmp))
        with prefect_server(Path(tmp)):
            thread = threading.Thread(target=sample, daemon=True)
            thread.start()
            started = time.perf_counter()
            flow_pass(settings, Path(tmp))
            seconds = time.perf_counter() - started
            done.set()
            thread.join()
    print(json.dumps({"articles": articles, "seconds": round(seconds, 1),
                      "peak_rss_mb_pass_and_workers": round(peak["total"] / 2**20),
                      "peak_rss_mb_pass_process": round(peak["pass"] / 2**20)}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller growth and memory runs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--articles", type=int, default=1_000, help="articles of the end-to-end pass")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the end-to-end pass (best kept)")
    parser.add_argument("--readme", action="store_true",
                        help="save the results under benchmarks/results/ and rewrite the README's table")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"machine": f"{os.cpu_count()} cores, shared; every figure is a ratio from this one run",
                   "quick": args.quick, "end_to_end": end_to_end(args.articles, Path(tmp), args.rounds)}
    results["quiet_pass"] = results["end_to_end"].pop("quiet_pass")
    results["growth"] = growth(args.quick)
    results["memory"] = memory(2_000 if args.quick else 10_000, args.quick)
    results["benchmark_seconds"] = round(time.perf_counter() - started, 1)
    if args.readme:
        import readme_table  # beside this file

        readme_table.save_results(results)
        readme_table.write_readme()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        report(results)
    return 0


def report(r: dict) -> None:
    e = r["end_to_end"]
    print(f"machine: {r['machine']}")
    print(f"end to end, {e['articles']} articles: flow {e['articles_per_s']['prefect_flow']}/s, plain stages "
          f"{e['articles_per_s']['plain_stages']}/s, bare trafilatura "
          f"{e['bare_trafilatura']['articles_per_s']}/s "
          f"on {e['bare_trafilatura']['cores']} cores -> {e['pass_vs_bare_trafilatura']} (target >= 0.8)")
    print(f"  share of the work (CPU seconds): {e['share_of_work']}")
    print(f"  largest other stage vs extraction: {e['largest_other_stage_vs_extraction']}")
    print(f"  Prefect overhead: {e['prefect_overhead']}x (target <= 1.25)")
    print(f"quiet pass, 100 feeds at 304: {r['quiet_pass']['seconds_beyond_prefect_start']} s (target < 2)")
    g = r["growth"]
    print(f"growth {g['claims']}: ratio {g['ratio_large_to_small']} (target <= 1.5) {g.get('note', '')}")
    m = r["memory"]
    print(f"memory, {m['articles']} articles: peak {m['peak_rss_mb_pass_and_workers']} MB (target < 1024) "
          f"{m.get('note', '')}")


if __name__ == "__main__":
    sys.exit(main())
