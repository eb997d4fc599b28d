"""The README's benchmark table, written from the results of `run.py`, so the two cannot drift.

`python benchmarks/run.py [--quick] --readme` saves its results to `benchmarks/results/quick.json`
(or `full.json`) and rewrites the table between the README's markers from both files: the figures
of the last `--quick` run, and the full-size growth and memory figures of the last full run.
`tests/test_benchmark_readme.py` fails when the README's table is not what these files render.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "README.md"
START = "<!-- benchmarks:start (written by benchmarks/run.py --readme; do not edit by hand) -->"
END = "<!-- benchmarks:end -->"


def results_path(quick: bool) -> Path:
    return RESULTS / ("quick.json" if quick else "full.json")


def load_results() -> tuple[dict | None, dict | None]:
    """The saved (quick, full) results, each None when that run was never saved."""
    return tuple(json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
                 for p in (results_path(True), results_path(False)))


def save_results(results: dict) -> Path:
    path = results_path(results["quick"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return path


def render_table(quick: dict | None, full: dict | None) -> str:
    """The markdown table of the figures: every row of the quick run, then the full run's growth
    and memory (the sizes the targets name: 100,000 claims, 10,000 articles)."""
    lines = ["| figure | measured | target |", "|---|---|---|"]
    if quick:
        lines += _run_rows(quick, "`--quick`")
    if full:
        lines += _run_rows(full, "full run", end_to_end=quick is None)
    return "\n".join(lines)


def _run_rows(r: dict, run: str, end_to_end: bool = True) -> list[str]:
    rows = []
    if end_to_end:
        e = r["end_to_end"]
        flow_s, plain_s = e["pass_seconds"]["prefect_flow"], e["pass_seconds"]["plain_stages"]
        every = e["pass_seconds"]["every_round"]
        largest = e["largest_other_stage_vs_extraction"]
        share = ", ".join(f"{stage} {round(100 * value)}%" for stage, value in
                          sorted(e["share_of_work"].items(), key=lambda kv: -kv[1]))
        rows += [
            f"| end to end ({run}), {e['articles']:,} articles (61 extraction pages, varied copies) as "
            f"the flow | {e['articles_per_s']['prefect_flow']} articles/s; bare trafilatura on "
            f"{e['bare_trafilatura']['cores']} cores {e['bare_trafilatura']['articles_per_s']}/s: "
            f"**{e['pass_vs_bare_trafilatura']}x** (each round: "
            f"{', '.join(str(x) for x in e['pass_vs_bare_each_round'])}) | >= 0.8x |",
            f"| the same, each round (s) | bare {_seconds(every['bare_trafilatura'])}; plain stages "
            f"{_seconds(every['plain_stages'])}; flow {_seconds(every['prefect_flow'])} | |",
            f"| share of the work ({sum(e['stage_core_seconds'].values()):.1f} CPU seconds) | {share} | "
            f"none above 1/4 of extraction (largest: {largest['stage']}, **{largest['ratio']}**) |",
            f"| Prefect overhead (flow vs the same stage functions, server start excluded) | "
            f"{flow_s} s / {plain_s} s = **{e['prefect_overhead']}x** | <= 1.25x |",
            f"| quiet pass ({run}), {r['quiet_pass']['feeds']} feeds answering 304 | "
            f"**{r['quiet_pass']['seconds_beyond_prefect_start']} s** | < 2 s |",
        ]
    g, m = r["growth"], r["memory"]
    per = g["seconds_per_article"]
    rows += [
        f"| growth ({run}): matching + storage per new article, {g['claims']['small']:,} vs "
        f"{g['claims']['large']:,} stored claims (median of {g['articles_timed']}) | "
        f"{per['small']} s vs {per['large']} s: **{g['ratio_large_to_small']}** (ratio of the "
        f"totals: {g.get('ratio_of_totals', 'not measured')}) | <= 1.5 |",
        f"| memory ({run}): peak RSS of a {m['articles']:,}-article pass (process + extraction "
        f"workers) | **{m['peak_rss_mb_pass_and_workers']} MB** (pass process "
        f"{m['peak_rss_mb_pass_process']} MB) | < 1 GB |",
    ]
    return rows


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def replace_table(readme: str, table: str, start_marker: str = START, end_marker: str = END) -> str:
    """The README with the text between its markers (the benchmark table's, unless given; the
    cold-start table of cold_start.py has its own) replaced by `table`."""
    head, start, rest = readme.partition(start_marker)
    _, end, tail = rest.partition(end_marker)
    if not start or not end:
        raise ValueError(f"README.md has no benchmark markers: add {start_marker!r} and {end_marker!r} "
                         f"around the table")
    return f"{head}{start_marker}\n{table}\n{end_marker}{tail}"


def write_readme(path: Path = README) -> None:
    """Rewrite the README's table from the saved results."""
    path.write_text(replace_table(path.read_text(encoding="utf-8"), render_table(*load_results())),
                    encoding="utf-8")
