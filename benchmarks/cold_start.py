"""How long `storywatch run` takes to answer, as a person runs it: a new process each time.

    python benchmarks/cold_start.py [--runs 7] [--temporary] [--json] [--readme]

Each figure is the median wall time of --runs runs of `python -m storywatch.flows.cli run`, a
subprocess started from a fresh project folder (the repository's seeds/ and config/ copied into a
temporary directory), timed from its start to its exit, like hyperfine; the CPU seconds of the run
process (and any child it waits for) come from wait4. Each run is checked to have done what it is
measured for (2 articles stored, or 2 duplicates and nothing else). The figures:

- nothing new: the seeds already stored, the project's local Prefect server up (the run before
  left it up, as it does for every run within its idle minutes);
- seeds' first run: an empty storywatch database before each run (data/storywatch.db removed),
  the server up;
- seeds' first run, no server: the server stopped before each run too, so the run starts it (its
  Prefect database already made: a project's very first run also creates that, once);
- with --temporary, the first two again with STORYWATCH_SERVER_IDLE_MINUTES=0: Prefect's temporary
  server started and stopped by every run, as storywatch ran before the local server.

--readme saves the results to benchmarks/results/cold_start.json and rewrites the README's
cold-start table from them (tests/test_benchmark_readme.py checks the two agree).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import readme_table

ROOT = Path(__file__).resolve().parents[1]
RESULTS = readme_table.RESULTS / "cold_start.json"


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A user's environment: no Prefect or storywatch settings, this checkout's code first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "STORYWATCH_"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**env, **(extra or {})}


def storywatch(project: Path, *args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """One `storywatch ...` as a new process: (wall seconds, CPU seconds, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "storywatch.flows.cli", *args], cwd=project,
                                   env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # reaped here, with its resource usage
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"storywatch {' '.join(args)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, stdout


def measure(project: Path, runs: int, before_each: Callable[[], None], expect: Callable[[dict], bool],
            env: dict[str, str]) -> dict:
    walls, cpus = [], []
    for _ in range(runs):
        before_each()
        wall, cpu, stdout = storywatch(project, "run", "--json", env=env)
        report = json.loads(stdout)
        if not expect(report["articles"]):
            raise SystemExit(f"the run did not do what it is measured for: {report['articles']}")
        walls.append(wall)
        cpus.append(cpu)
    return {"median_s": round(statistics.median(walls), 2), "min_s": round(min(walls), 2),
            "max_s": round(max(walls), 2), "cpu_median_s": round(statistics.median(cpus), 2),
            "runs": [round(w, 2) for w in walls]}


def scenarios(project: Path, runs: int, temporary: bool) -> dict[str, dict]:
    local, old = environment(), environment({"STORYWATCH_SERVER_IDLE_MINUTES": "0"})
    data = project / "data"

    def empty_store() -> None:
        for path in data.glob("storywatch.db*"):
            path.unlink()
        shutil.rmtree(data / "outbox", ignore_errors=True)

    def no_server() -> None:
        storywatch(project, "server", "--stop", env=local)
        empty_store()

    def nothing() -> None:
        pass

    def first(a: dict) -> bool:
        return a["ingested"] == 2 and a["failed"] == []

    def quiet(a: dict) -> bool:
        return a["ingested"] == 0 and a["duplicates"] == 2

    results: dict[str, dict] = {}
    try:
        storywatch(project, "run", env=local)  # Prefect's database made, the server up, the seeds stored
        results["nothing new"] = measure(project, runs, nothing, quiet, local)
        results["seeds' first run"] = measure(project, runs, empty_store, first, local)
        results["seeds' first run, no server"] = measure(project, runs, no_server, first, local)
    finally:
        storywatch(project, "server", "--stop", env=local)
    if temporary:
        empty_store()
        storywatch(project, "run", env=old)
        results["nothing new, temporary server"] = measure(project, runs, nothing, quiet, old)
        results["seeds' first run, temporary server"] = measure(project, runs, empty_store, first, old)
    return results


def render_table(results: dict) -> str:
    """The README's cold-start table from saved results."""
    targets = {"nothing new": "< 4 s", "seeds' first run": "< 8 s"}
    lines = ["| `storywatch run`, a new process | median wall (min-max) | CPU of the run | target |",
             "|---|---|---|---|"]
    for name, r in results["figures"].items():
        lines.append(f"| {name} | **{r['median_s']:.2f} s** ({r['min_s']:.2f}-{r['max_s']:.2f}) | "
                     f"{r['cpu_median_s']:.2f} s | {targets.get(name, '')} |")
    lines.append(f"\n{results['runs']} runs each, {results['date']}, commit {results['commit']}, "
                 f"load average {results['load'][0]:.1f} at the start and {results['load'][1]:.1f} "
                 f"at the end (2 cores, shared).")
    return "\n".join(lines)


def commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (the median counts)")
    parser.add_argument("--temporary", action="store_true",
                        help="also measure Prefect's temporary server per run, as before the local server")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--readme", action="store_true",
                        help="save the results and rewrite the README's cold-start table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storywatch-cold-") as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "seeds", project / "seeds")
        shutil.copytree(ROOT / "config", project / "config")
        load = os.getloadavg()[0]
        figures = scenarios(project, args.runs, args.temporary)
    results = {"runs": args.runs, "date": datetime.now(UTC).strftime("%Y-%m-%d"), "commit": commit(),
               "load": [round(load, 1), round(os.getloadavg()[0], 1)], "figures": figures}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(render_table(results))
    if args.readme:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        readme = readme_table.README.read_text(encoding="utf-8")
        readme_table.README.write_text(readme_table.replace_table(
            readme, render_table(results), COLD_START, COLD_END), encoding="utf-8")


COLD_START = "<!-- cold-start:start (written by benchmarks/cold_start.py --readme; do not edit by hand) -->"
COLD_END = "<!-- cold-start:end -->"

if __name__ == "__main__":
    main()
