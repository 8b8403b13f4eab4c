"""``bin/party bench --report``: BENCHMARKS.md, the one benchmark report.

Every benchmark prints, next to its own table, one machine-readable line per figure
(tests/benchmarks/_builder.py: ``emit``, ``print_target``)::

    PARTY_BENCH {"bench": "bench_party_dues", "name": "...", "figure": 1.23,
                 "unit": "s", "queries": 19, "records": 50062, ...}

and one line ``{"name": "target", "target": "..."}``.  The report collects them per
benchmark run, keeps them in BENCHMARKS.md itself (a JSON comment at its end, so a
run of some benchmarks with ``--only`` keeps the others' last figures, each with its
date and machine) and renders: a summary table (benchmark, date, target, headline
figure), a table per benchmark (figure, queries, records, rate; the naive loops --
rows named ``loop: ...`` -- next to the set-based rows they compare with), the load
test's table (tests/load/results.json), and the part kept by hand below the marker
(figures from before the report, with their dates), copied as it is.

Standard library only; tested by tests/unit/test_benchreport.py.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from .common import REPO
from .load import read_results, render_table

REPORT = REPO / "BENCHMARKS.md"
LINE_PREFIX = "PARTY_BENCH "
DATA_START = "<!-- party-bench-data"
DATA_END = "party-bench-data -->"
HAND_KEPT = "<!-- hand-kept: bin/party bench --report keeps what follows as it is -->"
FIGURE_RE = re.compile(r"^PARTY_BENCH (\{.*\})\s*$")


def parse_lines(output: str) -> list[dict]:
    """The PARTY_BENCH lines of a benchmark's output (others ignored, a broken
    line too: the benchmark's own table still says what it measured)."""
    found = []
    for line in output.splitlines():
        match = FIGURE_RE.match(line.strip())
        if not match:
            continue
        try:
            value = json.loads(match.group(1))
        except ValueError:
            continue
        if isinstance(value, dict) and "name" in value:
            found.append(value)
    return found


def bench_entry(bench: str, lines: list[dict], *, date: str, commit: str, machine: dict,
                status: int, settings: dict | None = None) -> dict:  # fmt: skip
    """One benchmark run: its figures, its target, when, where, with which
    ``PARTY_BENCH_*`` settings and how it ended."""
    targets = [line.get("target") for line in lines if line["name"] == "target"]
    figures = [line for line in lines if line["name"] != "target"]
    return {
        "bench": bench,
        "date": date,
        "commit": commit,
        "machine": machine,
        "status": status,
        "settings": settings or {},
        "target": " ".join(t for t in targets if t) or None,
        "figures": figures,
    }


def read_data(text: str) -> dict:
    """The data kept in a BENCHMARKS.md (no data: no benchmark yet)."""
    start = text.find(DATA_START)
    end = text.find(DATA_END, start + 1)
    if start < 0 or end < 0:
        return {"benches": {}}
    return json.loads(text[start + len(DATA_START) : end])


def hand_kept(text: str) -> str:
    """What follows the hand-kept marker (and precedes the data), as it is."""
    start = text.find(HAND_KEPT)
    if start < 0:
        return ""
    rest = text[start + len(HAND_KEPT) :]
    data = rest.find(DATA_START)
    return (rest[:data] if data >= 0 else rest).strip("\n")


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def figure_text(figure: dict) -> str:
    """A figure with its unit: seconds below 1 s as milliseconds."""
    value, unit = figure.get("figure"), figure.get("unit")
    if isinstance(value, (int, float)) and unit == "s" and value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{_number(value)} {unit or ''}".strip()


def rate_text(figure: dict) -> str:
    """Records per second: the benchmark's own rate, or records / seconds."""
    if figure.get("rate"):
        return f"{figure['rate']:,.0f} {figure.get('rate_unit') or '/s'}"
    records, value = figure.get("records"), figure.get("figure")
    # a rate of a handful of records (the results of a search) says nothing
    if figure.get("unit") == "s" and isinstance(records, int) and records >= 200 and value:
        return f"{records / value:,.0f} /s"
    return "–"


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def target_text(entry: dict) -> str:
    """The target as the script printed it, without its leading "target(s):"."""
    return re.sub(r"^targets?:\s*", "", _cell(entry.get("target") or "–"))


def render_bench(entry: dict) -> str:
    """One benchmark's section."""
    machine = entry.get("machine") or {}
    load = ", ".join(f"{x:.2f}" for x in machine.get("load_before", []))
    status = "" if entry.get("status", 0) == 0 else f" · **exit {entry['status']}**"
    lines = [
        f"### {entry['bench']}",
        "",
        f"{entry['date']} · commit {entry.get('commit') or '?'} · {machine.get('cores', '?')} "
        f"cores ({machine.get('cpu', '?')}), load average before {load or '?'}{status}",
        "",
    ]
    if entry.get("settings"):
        settings = ", ".join(f"`{k}={v}`" for k, v in sorted(entry["settings"].items()))
        lines += [f"Run with {settings}.", ""]
    if entry.get("target"):
        lines += [f"Target: {target_text(entry)}", ""]
    naive = [f for f in entry["figures"] if str(f["name"]).startswith("loop:")]
    if naive:
        lines += [
            "Naive loop it replaces: "
            + "; ".join(f"{_cell(f['name'][5:].strip())} ({rate_text(f)})" for f in naive),
            "",
        ]
    lines += [
        "| measurement | figure | queries | records | rate |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for figure in entry["figures"]:
        name = _cell(figure["name"])
        if str(figure["name"]).startswith("loop:"):
            name = f"*{name}* (naive)"
        lines.append(
            f"| {name} | {figure_text(figure)} | {_number(figure.get('queries'))} | "
            f"{_number(figure.get('records'))} | {rate_text(figure)} |"
        )
    return "\n".join(lines) + "\n"


def headline(entry: dict) -> str:
    """The benchmark's slowest measurement (what the target is about, usually)."""
    timed = [f for f in entry["figures"] if f.get("unit") == "s" and f.get("figure") is not None]
    timed = [f for f in timed if not str(f["name"]).startswith("loop:")]
    if not timed:
        return "–"
    worst = max(timed, key=lambda f: f["figure"])
    queries = f", {worst['queries']:,} queries" if isinstance(worst.get("queries"), int) else ""
    return f"{_cell(worst['name'])}: {figure_text(worst)}{queries}"


def render_load(results: dict) -> str:
    """The load test's tables, fewest users first."""
    runs = sorted(results.get("runs", {}).values(), key=lambda r: (r["users"], r.get("think", 1)))
    if not runs:
        return "No load test has been recorded yet (`bin/party load`).\n"
    parts = []
    for run in runs:
        machine = run["machine"]
        load = ", ".join(f"{x:.2f}" for x in machine["load_before"])
        errors = "no errors" if not run["errors"] else f"**{run['errors']:,} errors**"
        parts += [
            f"**{run['users']} users, {run['minutes']:g} min, {run['workers']} workers, think "
            f"time {run.get('think', 1):g} s** "
            f"({run['date']}, commit {run['commit']}, {machine['cores']} cores, load average "
            f"before {load}; {errors})",
            "",
            render_table(run["rows"]),
        ]
    return "\n".join(parts)


def render_report(data: dict, load_results: dict, kept: str, scripts=()) -> str:
    """BENCHMARKS.md; ``scripts``: the names of every benchmark script, to say which
    ones the report has no figures of yet."""
    entries = sorted(data.get("benches", {}).values(), key=lambda e: e["bench"])
    lines = [
        "# Benchmarks",
        "",
        "Written by `bin/party bench --report` (bin/party_harness/benchreport.py) from the "
        "`PARTY_BENCH` lines the scripts of tests/benchmarks print, and by `bin/party load` "
        "(tests/load/RESULTS.md). Each benchmark keeps the figures of its last run, with its "
        "date, commit and machine: `bin/party bench --report --only NAME` re-runs one. Wall "
        "times on a shared machine vary with its load average (given for each run).",
        "",
        "| benchmark | last run | target | slowest measurement |",
        "| --- | --- | --- | --- |",
    ]
    for entry in entries:
        target = target_text(entry)
        lines.append(f"| {entry['bench']} | {entry['date']} | {target} | {headline(entry)} |")
    if not entries:
        lines.append("| (none run yet) | | | |")
    missing = sorted(set(scripts) - {entry["bench"] for entry in entries})
    if missing:
        lines += [
            "",
            "Not run by the report yet (their earlier figures, dated, are under "
            "[Figures kept by hand](#figures-kept-by-hand)): "
            + ", ".join(f"`{name}`" for name in missing)
            + ".",
        ]
    lines += ["", "## Many users at once (bin/party load)", "", render_load(load_results)]
    lines += ["## Each benchmark", ""]
    lines += [render_bench(entry) for entry in entries]
    lines += ["## Figures kept by hand", "", HAND_KEPT, ""]
    if kept:
        lines += [kept, ""]
    lines += [
        DATA_START,
        # "--" cannot appear in an HTML comment: escaped in JSON strings (the only place)
        json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).replace("--", "-\\u002d"),
        DATA_END,
    ]
    return "\n".join(lines) + "\n"


def update_report(entries: list[dict], path: Path = REPORT, load_json: Path | None = None) -> str:
    """Merge ``entries`` (one per benchmark run) into the report at ``path`` and
    rewrite it; returns the text written."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    data = read_data(text)
    for entry in entries:
        data.setdefault("benches", {})[entry["bench"]] = entry
    load_results = read_results(load_json) if load_json else read_results()
    scripts = [p.stem for p in (REPO / "tests" / "benchmarks").glob("bench_*.py")]
    report = render_report(data, load_results, hand_kept(text), scripts)
    path.write_text(report, encoding="utf-8")
    return report
