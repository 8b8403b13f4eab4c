"""Odoo-free tests of ``bin/party bench --report`` (bin/party_harness/benchreport.py):
the PARTY_BENCH lines, the data kept in BENCHMARKS.md, the report's tables."""

import json

from party_harness import benchreport, cli

MACHINE = {"cores": 2, "cpu": "cpu", "memory_gb": 24, "load_before": [1.0, 2.0, 3.0]}
OUTPUT = "\n".join(
    [
        "measurement   time (ms)",
        'PARTY_BENCH {"bench": "bench_x", "name": "set-based: run", "figure": 2.0, '
        '"unit": "s", "queries": 19, "records": 50000}',
        'PARTY_BENCH {"bench": "bench_x", "name": "loop: create() per row", "figure": 4.0, '
        '"unit": "s", "queries": 2000, "records": 500}',
        "PARTY_BENCH {broken",
        'PARTY_BENCH {"bench": "bench_x", "name": "target", "figure": null, "unit": null, '
        '"queries": null, "target": "targets: run < 1000 ms"}',
    ]
)


def entry(bench="bench_x", output=OUTPUT, date="2026-12-07 12:00 UTC"):
    lines = benchreport.parse_lines(output)
    return benchreport.bench_entry(bench, lines, date=date, commit="abc", machine=MACHINE, status=0)


def test_parse_lines_keeps_the_machine_lines_only():
    lines = benchreport.parse_lines(OUTPUT)
    assert [line["name"] for line in lines] == [
        "set-based: run",
        "loop: create() per row",
        "target",
    ]


def test_entry_separates_the_target_from_the_figures():
    result = entry()
    assert result["target"] == "targets: run < 1000 ms"
    assert [f["name"] for f in result["figures"]] == ["set-based: run", "loop: create() per row"]


def test_report_shows_figure_queries_rate_target_and_naive_loop(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    text = benchreport.update_report([entry()], path=path, load_json=tmp_path / "none.json")
    assert "| set-based: run | 2.000 s | 19 | 50,000 | 25,000 /s |" in text
    assert "| *loop: create() per row* (naive) | 4.000 s | 2,000 | 500 | 125 /s |" in text
    assert "Target: run < 1000 ms" in text
    assert "Naive loop it replaces: create() per row (125 /s)" in text
    assert "| bench_x | 2026-12-07 12:00 UTC | run < 1000 ms |" in text
    assert "No load test has been recorded yet" in text


def test_report_keeps_the_other_benchmarks_and_the_hand_kept_part(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    benchreport.update_report([entry("bench_a"), entry("bench_b")], path=path,
                              load_json=tmp_path / "none.json")  # fmt: skip
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(benchreport.HAND_KEPT, benchreport.HAND_KEPT + "\nOld -- notes"))
    newer = entry("bench_a", date="2026-12-08 09:00 UTC")
    text = benchreport.update_report([newer], path=path, load_json=tmp_path / "none.json")
    data = benchreport.read_data(text)
    assert sorted(data["benches"]) == ["bench_a", "bench_b"]
    assert data["benches"]["bench_a"]["date"] == "2026-12-08 09:00 UTC"
    assert data["benches"]["bench_b"]["date"] == "2026-12-07 12:00 UTC"
    assert "Old -- notes" in text
    assert text.count("Old -- notes") == 1


def test_data_survives_a_double_dash_in_a_name(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    output = 'PARTY_BENCH {"name": "a -- b", "figure": 0.5, "unit": "s", "queries": 1}'
    text = benchreport.update_report([entry(output=output)], path=path,
                                     load_json=tmp_path / "none.json")  # fmt: skip
    comment = text[text.index(benchreport.DATA_START) :]
    assert "--" not in comment[len(benchreport.DATA_START) : -len(benchreport.DATA_END) - 1]
    assert benchreport.read_data(text)["benches"]["bench_x"]["figures"][0]["name"] == "a -- b"


def test_report_includes_the_load_tests_table(tmp_path):
    results = tmp_path / "results.json"
    run = {
        "users": 50,
        "minutes": 5,
        "workers": 5,
        "date": "2026-12-07 12:00 UTC",
        "commit": "abc",
        "machine": MACHINE,
        "errors": 0,
        "rows": [
            {"kind": "all", "count": 10, "errors": 0, "p50": 1.0, "p95": 2.0, "p99": 3.0,
             "rps": 5.0}
        ],
    }  # fmt: skip
    results.write_text(json.dumps({"runs": {"50": run}}), encoding="utf-8")
    text = benchreport.update_report([], path=tmp_path / "B.md", load_json=results)
    assert "**50 users, 5 min, 5 workers, think time 1 s**" in text
    assert "| **all** | 10 | 0 | 1 | 2 | 3 | 5.0 |" in text


def test_bench_arguments():
    args = cli.build_parser().parse_args(["bench", "--report", "--only", "party_dues"])
    assert args.report is True
    assert args.only == ["party_dues"]
    assert args.db is None


def test_report_names_the_benchmarks_it_has_no_figures_of():
    text = benchreport.render_report(
        {"benches": {"bench_x": entry()}}, {"runs": {}}, "", ["bench_x", "bench_y"]
    )
    assert "Not run by the report yet" in text
    assert "`bench_y`" in text
    assert "`bench_x`." not in text


def test_report_says_with_which_settings_a_benchmark_ran(tmp_path):
    lines = benchreport.parse_lines(OUTPUT)
    run = benchreport.bench_entry(
        "bench_x", lines, date="d", commit="c", machine=MACHINE, status=0,
        settings={"PARTY_BENCH_PAYMENTS": "25000"},
    )  # fmt: skip
    text = benchreport.render_report({"benches": {"bench_x": run}}, {"runs": {}}, "")
    assert "Run with `PARTY_BENCH_PAYMENTS=25000`." in text
